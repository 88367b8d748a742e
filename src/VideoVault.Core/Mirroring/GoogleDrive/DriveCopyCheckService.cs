using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using VideoVault.Manifest;

namespace VideoVault.Mirroring.GoogleDrive;

/// <summary>
/// Re-checks the mirrored copies on Drive in the background at the pace <see cref="GoogleDriveMirrorOptions"/> sets:
/// one copy per <see cref="GoogleDriveMirrorOptions.CopyCheckInterval"/>, least recently checked first, each once its
/// last check is older than <see cref="GoogleDriveMirrorOptions.CopyCheckMaxAge"/> (an upload's own verification counts
/// as a check); when no copy is that old, it sleeps until the oldest one will be. The last check of every copy is in
/// the manifest, so the pace and the order survive restarts. What a check finds is handled by
/// <see cref="DriveCopyChecker"/>.
/// </summary>
/// <remarks>
/// A copy whose check fails (Drive unreachable, a permission error on that file) is put aside for a while, doubling
/// with each failure, so one copy that cannot be checked never holds up the others; the pace stays one request per
/// interval, so a Drive outage never becomes a storm of requests.
/// </remarks>
internal sealed partial class DriveCopyCheckService : BackgroundService
{
    /// <summary>The longest sleep between two looks at the manifest (and below <see cref="Task.Delay(TimeSpan)"/>'s limit).</summary>
    internal static readonly TimeSpan MaxSleep = TimeSpan.FromHours(1);

    private readonly IMirrorQueue _queue;
    private readonly IVideoManifest _manifest;
    private readonly DriveCopyChecker _checker;
    private readonly TimeProvider _timeProvider;
    private readonly GoogleDriveMirrorOptions _options;
    private readonly ILogger<DriveCopyCheckService> _logger;
    private readonly Dictionary<string, (int Failures, DateTimeOffset RetryAt)> _putAside = new(StringComparer.Ordinal);

    public DriveCopyCheckService(
        IVideoManifest manifest,
        DriveCopyChecker checker,
        TimeProvider timeProvider,
        IOptions<GoogleDriveMirrorOptions> options,
        ILogger<DriveCopyCheckService> logger)
    {
        ArgumentNullException.ThrowIfNull(manifest);
        ArgumentNullException.ThrowIfNull(checker);
        ArgumentNullException.ThrowIfNull(timeProvider);
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(logger);
        _manifest = manifest;
        _queue = MirrorQueueResolver.From(manifest);
        _checker = checker;
        _timeProvider = timeProvider;
        _options = options.Value;
        _logger = logger;
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (!_options.CheckCopiesInBackground)
        {
            Log.Off(_logger);
            return;
        }

        // Host start must not wait for the first database round trip.
        await Task.Yield();
        try
        {
            await LogPaceAsync(stoppingToken).ConfigureAwait(false);
            while (!stoppingToken.IsCancellationRequested)
            {
                TimeSpan wait;
                try
                {
                    wait = await CheckNextAsync(stoppingToken).ConfigureAwait(false);
                }
                catch (Exception ex) when (!stoppingToken.IsCancellationRequested)
                {
                    Log.Failed(_logger, ex);
                    wait = _options.CopyCheckInterval;
                }

                await Task.Delay(wait, _timeProvider, stoppingToken).ConfigureAwait(false);
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }
    }

    /// <summary>Checks the next copy that is due, if any, and returns how long to wait before the next look.</summary>
    internal async Task<TimeSpan> CheckNextAsync(CancellationToken cancellationToken)
    {
        var now = _timeProvider.GetUtcNow();

        // One more than the copies put aside (whose retry time has not come): at least one candidate is not one of them.
        var candidates = await _queue.ReadMirroredCopiesAsync(_putAside.Count + 1, cancellationToken).ConfigureAwait(false);
        var next = candidates.FirstOrDefault(copy => !_putAside.TryGetValue(copy.Video.Id, out var aside) || aside.RetryAt <= now);

        // A copy put aside whose time has come but that is no longer among the oldest was checked meanwhile (by an
        // admin), re-queued or deleted: forget it, so the set only holds copies that still fail.
        foreach (var id in _putAside.Where(p => p.Value.RetryAt <= now && !candidates.Any(c => c.Video.Id == p.Key)).Select(p => p.Key).ToList())
        {
            _putAside.Remove(id);
        }

        DateTimeOffset? retryAt = _putAside.Count == 0 ? null : _putAside.Values.Min(aside => aside.RetryAt);
        if (next is null)
        {
            // Nothing mirrored (a new copy counts as checked when it is uploaded), or only copies put aside.
            return Clamp((retryAt ?? now + MaxSleep) - now);
        }

        if (next.CheckedAt is { } checkedAt && now - checkedAt < _options.CopyCheckMaxAge)
        {
            var dueAt = checkedAt + _options.CopyCheckMaxAge;
            return Clamp((retryAt is { } retry && retry < dueAt ? retry : dueAt) - now);
        }

        var result = await _checker.CheckAsync(next, cancellationToken).ConfigureAwait(false);
        if (result.Outcome == MirrorCopyOutcome.CheckFailed)
        {
            var failures = _putAside.TryGetValue(next.Video.Id, out var aside) ? aside.Failures + 1 : 1;
            var delay = Clamp(_options.CopyCheckInterval * Math.Pow(2, Math.Min(failures, 20)), _options.CopyCheckMaxAge);
            _putAside[next.Video.Id] = (failures, _timeProvider.GetUtcNow() + delay);
        }
        else
        {
            _putAside.Remove(next.Video.Id);
        }

        return _options.CopyCheckInterval;
    }

    private async Task LogPaceAsync(CancellationToken cancellationToken)
    {
        var statistics = await _manifest.GetStatisticsAsync(cancellationToken).ConfigureAwait(false);
        var mirrored = statistics.ByMirrorState.GetValueOrDefault(MirrorState.Mirrored);
        var fullPass = _options.CopyCheckInterval * mirrored;
        if (fullPass > _options.CopyCheckMaxAge)
        {
            Log.PaceTooSlow(_logger, mirrored, _options.CopyCheckInterval, fullPass, _options.CopyCheckMaxAge);
        }
        else
        {
            Log.Started(_logger, mirrored, _options.CopyCheckInterval, _options.CopyCheckMaxAge);
        }
    }

    private static TimeSpan Clamp(TimeSpan wait, TimeSpan? max = null)
    {
        var limit = max is { } m && m < MaxSleep ? m : MaxSleep;
        return wait < TimeSpan.Zero ? TimeSpan.Zero : wait > limit ? limit : wait;
    }
}
