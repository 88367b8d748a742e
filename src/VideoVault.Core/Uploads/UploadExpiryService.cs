using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using VideoVault.Storage;

namespace VideoVault.Uploads;

/// <summary>
/// Looks after resumable uploads in the background: at start-up it publishes uploads a crash left with every byte but
/// no video and removes stray files, then it removes expired uploads at start-up and periodically (a quarter of
/// <see cref="VideoVaultOptions.ResumableUploadExpiry"/>, at most hourly), so abandoned bytes do not fill the disk.
/// </summary>
internal sealed partial class UploadExpiryService : BackgroundService
{
    private static readonly TimeSpan MaxInterval = TimeSpan.FromHours(1);

    private readonly LocalVideoStore _store;
    private readonly TimeProvider _timeProvider;
    private readonly TimeSpan _interval;
    private readonly ILogger<UploadExpiryService> _logger;

    public UploadExpiryService(LocalVideoStore store, TimeProvider timeProvider, IOptions<VideoVaultOptions> options, ILogger<UploadExpiryService> logger)
    {
        ArgumentNullException.ThrowIfNull(store);
        ArgumentNullException.ThrowIfNull(timeProvider);
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(logger);
        _store = store;
        _timeProvider = timeProvider;
        _logger = logger;
        var quarter = options.Value.ResumableUploadExpiry / 4;
        _interval = quarter < MaxInterval ? (quarter > TimeSpan.FromSeconds(1) ? quarter : TimeSpan.FromSeconds(1)) : MaxInterval;
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        await Task.Yield();
        try
        {
            var recovered = await _store.RecoverUploadsAsync(stoppingToken).ConfigureAwait(false);
            if (recovered > 0)
            {
                Log.Recovered(_logger, recovered);
            }
        }
        catch (Exception ex) when (ex is not OperationCanceledException || !stoppingToken.IsCancellationRequested)
        {
            Log.SweepFailed(_logger, ex);
        }

        using var timer = new PeriodicTimer(_interval, _timeProvider);
        do
        {
            try
            {
                var expired = await _store.ExpireAsync(dryRun: false, stoppingToken).ConfigureAwait(false);
                if (expired.Count > 0)
                {
                    Log.Expired(_logger, expired.Count);
                }
            }
            catch (Exception ex) when (ex is not OperationCanceledException || !stoppingToken.IsCancellationRequested)
            {
                // The next round tries again; a sweep never takes the host down.
                Log.SweepFailed(_logger, ex);
            }
        }
        while (await WaitAsync(timer, stoppingToken).ConfigureAwait(false));
    }

    private static async Task<bool> WaitAsync(PeriodicTimer timer, CancellationToken stoppingToken)
    {
        try
        {
            return await timer.WaitForNextTickAsync(stoppingToken).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            return false;
        }
    }
}
