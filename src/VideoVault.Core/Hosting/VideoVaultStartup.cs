using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using VideoVault.Manifest;
using VideoVault.Storage;

namespace VideoVault.Hosting;

/// <summary>
/// Makes the store ready before the host serves anything: folders exist, temp and final folders share a file
/// system, the manifest is open and checked, leftovers of a crash are swept and reconciled. Any problem fails host
/// start with a message that says what to fix, rather than failing the first upload.
/// </summary>
internal sealed partial class VideoVaultStartup : IHostedService, IDisposable
{
    private readonly VideoVaultPaths _paths;
    private readonly IVideoManifest _manifest;
    private readonly IVideoMaintenance _maintenance;
    private readonly ILogger<VideoVaultStartup> _logger;
    private HostRootLock? _rootLock;

    public VideoVaultStartup(VideoVaultPaths paths, IVideoManifest manifest, IVideoMaintenance maintenance, ILogger<VideoVaultStartup> logger)
    {
        ArgumentNullException.ThrowIfNull(paths);
        ArgumentNullException.ThrowIfNull(manifest);
        ArgumentNullException.ThrowIfNull(maintenance);
        ArgumentNullException.ThrowIfNull(logger);
        _paths = paths;
        _manifest = manifest;
        _maintenance = maintenance;
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
