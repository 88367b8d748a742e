using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using VideoVault.Events;
using VideoVault.Maintenance;
using VideoVault.Manifest;
using VideoVault.Mirroring;
using VideoVault.Storage;

namespace VideoVault.Hosting;

/// <summary>
/// Makes the store ready before the host serves anything: folders exist, temp and final folders share a file
/// system, the manifest is open and durable, leftovers of a crash are swept, the publishes a crash interrupted are
/// settled from their intents, and the event outbox is trimmed. Any problem fails host start with a message that says
/// what to fix, rather than failing the first upload. Nothing here grows with the catalog: <c>videos/</c> is not
/// walked and no record is read but those of interrupted publishes (the full walk is <c>videovault reconcile</c>), and
/// the manifest's integrity check runs in the background (<see cref="ManifestIntegrityCheckService"/>).
/// </summary>
internal sealed partial class VideoVaultStartup : IHostedService, IDisposable
{
    private readonly VideoVaultPaths _paths;
    private readonly IVideoManifest _manifest;
    private readonly IVideoMaintenance _maintenance;
    private readonly TimeProvider _timeProvider;
    private readonly VideoVaultEventOptions _events;
    private readonly bool _hasEventHandlers;
    private readonly bool _mirrorConfigured;
    private readonly ILogger<VideoVaultStartup> _logger;
    private HostRootLock? _rootLock;

    public VideoVaultStartup(
        VideoVaultPaths paths,
        IVideoManifest manifest,
        IVideoMaintenance maintenance,
        TimeProvider timeProvider,
        IOptions<VideoVaultEventOptions> events,
        ILogger<VideoVaultStartup> logger,
        EventHandlerRegistration? eventHandlers = null,
        MirrorRegistration? mirror = null)
    {
        ArgumentNullException.ThrowIfNull(paths);
        ArgumentNullException.ThrowIfNull(manifest);
        ArgumentNullException.ThrowIfNull(maintenance);
        ArgumentNullException.ThrowIfNull(timeProvider);
        ArgumentNullException.ThrowIfNull(events);
        ArgumentNullException.ThrowIfNull(logger);
        _paths = paths;
        _manifest = manifest;
        _maintenance = maintenance;
        _timeProvider = timeProvider;
        _events = events.Value;
        _hasEventHandlers = eventHandlers is not null;
        _mirrorConfigured = mirror is not null;
        _logger = logger;
    }

    public async Task StartAsync(CancellationToken cancellationToken)
    {
        try
        {
            await StartCoreAsync(cancellationToken).ConfigureAwait(false);
        }
        catch
        {
            // A host that failed to start must not keep the root from the next one.
            Dispose();
            throw;
        }
    }

    private async Task StartCoreAsync(CancellationToken cancellationToken)
    {
        try
        {
            _paths.EnsureCreated();

            // Before anything that assumes this host is alone on the root: the sweep and the reconciliation below.
            _rootLock ??= HostRootLock.Acquire(_paths.Root);
            FileSystemLayoutCheck.Verify(_paths);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            throw new InvalidOperationException(
                $"VideoVault cannot use its root folder '{_paths.Root}': {ex.Message} Set VideoVault:RootPath to a folder this process can create and write to.", ex);
        }

        await InitializeManifestAsync(cancellationToken).ConfigureAwait(false);

        await RecoverAsync(cancellationToken).ConfigureAwait(false);
        await TrimEventOutboxAsync(cancellationToken).ConfigureAwait(false);
    }

    /// <summary>
    /// No upload can be in flight yet, so every temp file is an abandoned one and every publish intent belongs to a
    /// publish a crash interrupted: each is settled now, with no grace period.
    /// </summary>
    private async Task RecoverAsync(CancellationToken cancellationToken)
    {
        var intents = new PublishIntentRecovery(_manifest, _paths, _timeProvider, _logger, _mirrorConfigured);
        if (!intents.IsSupported)
        {
            // A manifest without intents leaves only the walk to find a file renamed into place but never committed.
            var full = await _maintenance.ReconcileAsync(ReconcileOptions.AtStartup, cancellationToken).ConfigureAwait(false);
            Log.ReadyAfterFullReconciliation(_logger, _paths.Root, full.TempFilesSwept, full.AdoptedFiles.Count, full.MissingFiles.Count);
            if (full.MissingFiles.Count > 0)
            {
                Log.MissingFilesAtStartup(_logger, full.MissingFiles.Count);
            }

            return;
        }

        var swept = TempFileSweeper.Sweep(_paths, _timeProvider.GetUtcNow(), maxAge: null, dryRun: false, _logger);
        var report = await intents.RecoverAsync(TimeSpan.Zero, dryRun: false, "at start-up", cancellationToken).ConfigureAwait(false);
        Log.Ready(_logger, _paths.Root, swept, report.Recovered.Count, report.Dropped);
    }

    /// <summary>
    /// Every video change enqueues a host event, handler or not; only the dispatcher (running when a handler is
    /// added) purged delivered ones, so without a handler the outbox grew forever.
    /// </summary>
    private async Task TrimEventOutboxAsync(CancellationToken cancellationToken)
    {
        if (_manifest is not IMirrorQueue outbox)
        {
            return;
        }

        var now = _timeProvider.GetUtcNow();
        var delivered = await outbox.PurgeDeliveredNotificationsAsync(now - _events.KeepDelivered, cancellationToken).ConfigureAwait(false);
        var undelivered = _hasEventHandlers
            ? 0
            : await outbox.PurgeUndeliveredNotificationsAsync(now - _events.KeepUndeliveredWithoutHandler, cancellationToken).ConfigureAwait(false);
        if (delivered + undelivered > 0)
        {
            Log.OutboxTrimmed(_logger, delivered, undelivered);
        }
    }

    public Task StopAsync(CancellationToken cancellationToken)
    {
        Dispose();
        return Task.CompletedTask;
    }

    public void Dispose()
    {
        Interlocked.Exchange(ref _rootLock, null)?.Dispose();
    }

    // Any other implementation initialises lazily; touching it makes it open (and fail) now rather than on an upload.
    private Task InitializeManifestAsync(CancellationToken cancellationToken) => _manifest is SqliteVideoManifest sqlite
        ? sqlite.InitializeAsync(cancellationToken)
        : _manifest.GetStatisticsAsync(cancellationToken);
}
