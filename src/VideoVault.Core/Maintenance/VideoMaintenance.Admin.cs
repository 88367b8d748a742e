using VideoVault.Manifest;
using VideoVault.Mirroring.GoogleDrive;

namespace VideoVault.Maintenance;

/// <summary>The admin operations (verify, cleanup, retry), each in its own small class; this part only routes to them.</summary>
internal sealed partial class VideoMaintenance
{
    public async Task<VideoVerification?> VerifyAsync(string idOrStoredName, IProgress<VerificationProgress>? progress = null, CancellationToken cancellationToken = default) =>
        await RestoreIfLostAsync(
            await new VideoVerifier(_manifest, _paths, _logger).VerifyAsync(idOrStoredName, progress, cancellationToken).ConfigureAwait(false),
            cancellationToken).ConfigureAwait(false);

    public async Task<IReadOnlyList<VideoVerification>> VerifyAllAsync(IProgress<VerificationProgress>? progress = null, CancellationToken cancellationToken = default) =>
        await RestoreIfLostAsync(
            await new VideoVerifier(_manifest, _paths, _logger).VerifyAllAsync(progress, cancellationToken).ConfigureAwait(false),
            cancellationToken).ConfigureAwait(false);

    public Task<MirrorCopyVerification?> VerifyMirrorCopyAsync(string idOrStoredName, CancellationToken cancellationToken = default) =>
        MirrorCopies.CheckAsync(idOrStoredName, cancellationToken);

    public Task<IReadOnlyList<MirrorCopyVerification>> VerifyMirrorCopiesAsync(IProgress<MirrorCopyProgress>? progress = null, CancellationToken cancellationToken = default) =>
        MirrorCopies.CheckAllAsync(progress, cancellationToken);

    public Task<CleanupPlan> PlanCleanupAsync(TimeSpan olderThan, CancellationToken cancellationToken = default) =>
        new LocalCopyRemover(_manifest, _paths, _timeProvider, _logger).PlanAsync(olderThan, cancellationToken);

    public Task<RemoveLocalCopyResult> RemoveLocalCopyAsync(string idOrStoredName, bool allowUnmirrored = false, CancellationToken cancellationToken = default) =>
        new LocalCopyRemover(_manifest, _paths, _timeProvider, _logger).RemoveAsync(idOrStoredName, allowUnmirrored, cancellationToken);

    public Task<RequeueMirrorResult> RequeueMirrorAsync(string idOrStoredName, CancellationToken cancellationToken = default) =>
        new MirrorRequeuer(_manifest, MirrorQueue, _logger).RequeueAsync(idOrStoredName, cancellationToken);

    public Task<IReadOnlyList<VideoRecord>> RequeueFailedMirrorsAsync(CancellationToken cancellationToken = default) =>
        new MirrorRequeuer(_manifest, MirrorQueue, _logger).RequeueAllFailedAsync(cancellationToken);

    public async Task<ManifestIntegrityReport> CheckManifestIntegrityAsync(CancellationToken cancellationToken = default)
    {
        if (_manifest is not SqliteVideoManifest sqlite)
        {
            return new ManifestIntegrityReport { WasChecked = false };
        }

        var started = _timeProvider.GetTimestamp();
        var problem = await sqlite.CheckIntegrityAsync(cancellationToken).ConfigureAwait(false);
        return new ManifestIntegrityReport { WasChecked = true, Problem = problem, Duration = _timeProvider.GetElapsedTime(started) };
    }

    // Registered by AddGoogleDriveMirror when the mirror is enabled: without a mirror there is no copy to check.
    private DriveCopyChecker MirrorCopies => _mirrorCopies
        ?? throw new InvalidOperationException(
            "No mirror is configured, so there are no mirror copies to verify. Enable the Google Drive mirror: AddGoogleDriveMirror with VideoVault:Drive:Enabled=true (and its CredentialsPath and FolderId).");

    // By design the manifest's rows are the mirror queue, so the queue is the manifest itself.
    private IMirrorQueue MirrorQueue => _manifest as IMirrorQueue
        ?? throw new InvalidOperationException(
            $"The registered {nameof(IVideoManifest)} ({_manifest.GetType().Name}) does not implement the mirror queue; retrying mirrors needs the SQLite manifest.");
}
