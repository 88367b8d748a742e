using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using VideoVault.Manifest;
using VideoVault.Mirroring;

namespace VideoVault.Events;

/// <summary>
/// Delivers the manifest's notification outbox to the host's <see cref="IVideoVaultEventHandler"/>s at least once:
/// claim with a lease, call every handler, then mark delivered; if any handler throws, the event is scheduled again
/// with exponential backoff, so a failing webhook delays an event but never loses it.
/// </summary>
internal sealed partial class NotificationDispatcher : BackgroundService
{
    private readonly IVideoManifest _manifest;
    private readonly IMirrorQueue _queue;
    private readonly IServiceScopeFactory _scopes;
    private readonly MirrorSignals _signals;
    private readonly TimeProvider _timeProvider;
    private readonly VideoVaultEventOptions _options;
    private readonly ILogger<NotificationDispatcher> _logger;
    private DateTimeOffset _nextPurgeAt;

    public NotificationDispatcher(
        IVideoManifest manifest,
        IServiceScopeFactory scopes,
        MirrorSignals signals,
        TimeProvider timeProvider,
        IOptions<VideoVaultEventOptions> options,
        ILogger<NotificationDispatcher> logger)
    {
        ArgumentNullException.ThrowIfNull(manifest);
        ArgumentNullException.ThrowIfNull(scopes);
        ArgumentNullException.ThrowIfNull(signals);
        ArgumentNullException.ThrowIfNull(timeProvider);
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(logger);
        _manifest = manifest;
        _queue = MirrorQueueResolver.From(manifest);
        _scopes = scopes;
        _signals = signals;
        _timeProvider = timeProvider;
        _options = options.Value;
        _logger = logger;
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        // Host start must not wait for the first database round trip.
        await Task.Yield();
        while (!stoppingToken.IsCancellationRequested)
        {
            // Taken before looking, so a commit that lands while we look still wakes us.
            var wake = Task.WhenAny(_signals.Committed.Next, _signals.Progressed.Next);
            TimeSpan wait;
            try
            {
                await PurgeWhenDueAsync(stoppingToken).ConfigureAwait(false);
                var batch = await _queue.ClaimDueNotificationsAsync(_options.BatchSize, _options.Lease, stoppingToken).ConfigureAwait(false);
                foreach (var notification in batch)
                {
                    await DeliverAsync(notification, stoppingToken).ConfigureAwait(false);
                }

                if (batch.Count == _options.BatchSize)
                {
                    continue;
                }

                var nextDue = await _queue.GetNextNotificationDueAtAsync(stoppingToken).ConfigureAwait(false);
                wait = nextDue is { } due ? Clamp(due - _timeProvider.GetUtcNow()) : _options.PollInterval;
            }
            catch (Exception ex) when (!stoppingToken.IsCancellationRequested)
            {
                Log.DispatchFailed(_logger, ex);
                wait = _options.InitialRetryDelay;
            }

            if (wait > TimeSpan.Zero)
            {
                await WaitAsync(wake, wait, stoppingToken).ConfigureAwait(false);
            }
        }
    }

    private async Task DeliverAsync(ManifestNotification notification, CancellationToken stoppingToken)
    {
        var video = await _manifest.FindAsync(notification.VideoId, stoppingToken).ConfigureAwait(false);
        var videoEvent = new VideoVaultEvent
        {
            Sequence = notification.Sequence,
            Kind = notification.Kind switch
            {
                ManifestNotificationKind.Stored => VideoVaultEventKind.Stored,
                ManifestNotificationKind.Mirrored => VideoVaultEventKind.Mirrored,
                ManifestNotificationKind.MirrorCopyLost => VideoVaultEventKind.MirrorCopyLost,
                ManifestNotificationKind.Restored => VideoVaultEventKind.Restored,
                _ => VideoVaultEventKind.MirrorFailed,
            },
            VideoId = notification.VideoId,
            Video = video,
            Detail = notification.Detail,
            OccurredAt = notification.CreatedAt,
            Attempt = notification.Attempts,
        };

        var failures = new List<string>();
        var scope = _scopes.CreateAsyncScope();
        await using (scope.ConfigureAwait(false))
        {
            foreach (var handler in scope.ServiceProvider.GetServices<IVideoVaultEventHandler>())
            {
                try
                {
                    await handler.HandleAsync(videoEvent, stoppingToken).ConfigureAwait(false);
                }
                catch (Exception ex) when (!stoppingToken.IsCancellationRequested)
                {
                    Log.HandlerFailed(_logger, handler.GetType().Name, videoEvent.Kind, notification.VideoId, notification.Attempts, ex);
                    failures.Add($"{handler.GetType().Name}: {ex.GetType().Name}: {ex.Message}");
                }
            }
        }

        // A stop mid-delivery leaves the lease to expire, so the event is delivered again after the restart.
        if (failures.Count == 0)
        {
            await _queue.MarkNotificationDeliveredAsync(notification.Sequence, CancellationToken.None).ConfigureAwait(false);
            Log.Delivered(_logger, videoEvent.Kind, notification.VideoId, notification.Attempts);
            return;
        }

        var retryAt = _timeProvider.GetUtcNow() + RetryDelay(notification.Attempts);
        await _queue.MarkNotificationFailedAsync(notification.Sequence, string.Join("; ", failures), retryAt, CancellationToken.None).ConfigureAwait(false);
    }

    private TimeSpan RetryDelay(int attempts)
    {
        var doubled = _options.InitialRetryDelay.TotalMilliseconds * Math.Pow(2, Math.Min(attempts - 1, 30));
        return TimeSpan.FromMilliseconds(Math.Min(doubled, _options.MaxRetryDelay.TotalMilliseconds));
    }

    private async Task PurgeWhenDueAsync(CancellationToken cancellationToken)
    {
        var now = _timeProvider.GetUtcNow();
        if (now < _nextPurgeAt)
        {
            return;
        }

        _nextPurgeAt = now + TimeSpan.FromHours(1);
        var purged = await _queue.PurgeDeliveredNotificationsAsync(now - _options.KeepDelivered, cancellationToken).ConfigureAwait(false);
        if (purged > 0)
        {
            Log.Purged(_logger, purged);
        }
    }

    private TimeSpan Clamp(TimeSpan wait) =>
        wait <= TimeSpan.Zero ? TimeSpan.Zero : wait > _options.PollInterval ? _options.PollInterval : wait;

    private async Task WaitAsync(Task wake, TimeSpan wait, CancellationToken stoppingToken)
    {
        using var delayCancellation = CancellationTokenSource.CreateLinkedTokenSource(stoppingToken);
        var delay = Task.Delay(wait, _timeProvider, delayCancellation.Token);
        await Task.WhenAny(wake, delay).ConfigureAwait(false);
        await delayCancellation.CancelAsync().ConfigureAwait(false);
    }
}
