using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace VideoVault.Hosting;

/// <summary>
/// Runs the manifest's full integrity check once, in the background, as soon as the host has started (after the server
/// listens, so it never delays the first answer). It reads the whole database file (22 s of one core at a million
/// videos on the reference machine), so on the start-up path it would make start-up grow with the catalog; a corrupt
/// manifest is reported as loudly as before, with the same message, only without holding the host back. It changes
/// nothing and takes no write lock.
/// </summary>
internal sealed partial class ManifestIntegrityCheckService : BackgroundService
{
    private readonly IVideoMaintenance _maintenance;
    private readonly ILogger<ManifestIntegrityCheckService> _logger;
    private readonly IHostApplicationLifetime? _lifetime;

    public ManifestIntegrityCheckService(IVideoMaintenance maintenance, ILogger<ManifestIntegrityCheckService> logger, IHostApplicationLifetime? lifetime = null)
    {
        ArgumentNullException.ThrowIfNull(maintenance);
        ArgumentNullException.ThrowIfNull(logger);
        _maintenance = maintenance;
        _logger = logger;
        _lifetime = lifetime;
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        try
        {
            await WhenStartedAsync(stoppingToken).ConfigureAwait(false);

            // The same check as the admin tool's `check`; a manifest without one of its own reports nothing to check.
            if ((await _maintenance.CheckManifestIntegrityAsync(stoppingToken).ConfigureAwait(false)).Problem is { } problem)
            {
                Log.ManifestCorrupt(_logger, problem);
            }
        }
        catch (Exception ex) when (!stoppingToken.IsCancellationRequested)
        {
            // A file too damaged to read is corrupt too; the exception says how.
            Log.CheckFailed(_logger, ex);
        }
        catch (Exception ex) when (ex is OperationCanceledException or ObjectDisposedException)
        {
            // The host stopped while the check ran.
        }
    }

    /// <summary>Completes once every hosted service started and the server listens (at once without a host lifetime).</summary>
    private async Task WhenStartedAsync(CancellationToken stoppingToken)
    {
        await Task.Yield();
        if (_lifetime is null || _lifetime.ApplicationStarted.IsCancellationRequested)
        {
            return;
        }

        var started = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        using (_lifetime.ApplicationStarted.Register(() => started.TrySetResult()))
        {
            await started.Task.WaitAsync(stoppingToken).ConfigureAwait(false);
        }
    }

    private static partial class Log
    {
        [LoggerMessage(EventId = 1210, EventName = "ManifestCorrupt", Level = LogLevel.Critical,
            Message = "{Problem} The host keeps serving meanwhile, writing to the damaged file.")]
        public static partial void ManifestCorrupt(ILogger logger, string problem);

        [LoggerMessage(EventId = 1211, EventName = "ManifestIntegrityCheckIncomplete", Level = LogLevel.Critical,
            Message = "The manifest's integrity check could not complete, so the file may be damaged; stop every process using it, keep a copy, and run 'PRAGMA integrity_check' on it with the sqlite3 shell")]
        public static partial void CheckFailed(ILogger logger, Exception exception);
    }
}
