using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using VideoVault.Events;
using VideoVault.Manifest;
using VideoVault.Storage;

namespace VideoVault.Hosting;

/// <summary>
/// Makes the store ready before the host serves anything: folders exist, temp and final folders share a file
/// system, the manifest is open and checked, leftovers of a crash are swept and reconciled, and the event outbox is
/// trimmed. Any problem fails host start with a message that says what to fix, rather than failing the first upload.
/// </summary>
internal sealed partial class VideoVaultStartup : IHostedService, IDisposable
{
    private readonly VideoVaultPaths _paths;
    private readonly IVideoManifest _manifest;
    private readonly IVideoMaintenance _maintenance;
    private readonly TimeProvider _timeProvider;
    private readonly VideoVaultEventOptions _events;
    private readonly bool _hasEventHandlers;
    private readonly ILogger<VideoVaultStartup> _logger;
    private HostRootLock? _rootLock;

    public VideoVaultStartup(
        VideoVaultPaths paths,
        IVideoManifest manifest,
        IVideoMaintenance maintenance,
        TimeProvider timeProvider,
        IOptions<VideoVaultEventOptions> events,
        ILogger<VideoVaultStartup> logger,
        EventHandlerRegistration? eventHandlers = null)
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

        // No upload can be in flight yet, so every temp file is an abandoned one and no orphan is mid-commit.
        var report = await _maintenance.ReconcileAsync(ReconcileOptions.AtStartup, cancellationToken).ConfigureAwait(false);
        Log.Ready(_logger, _paths.Root, report.TempFilesSwept, report.AdoptedFiles.Count, report.MissingFiles.Count);
        if (report.MissingFiles.Count > 0)
        {
            Log.MissingFilesAtStartup(_logger, report.MissingFiles.Count);
        }

        await TrimEventOutboxAsync(cancellationToken).ConfigureAwait(false);
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
