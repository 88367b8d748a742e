namespace VideoVault.Maintenance;

/// <summary>The admin operations (verify, cleanup), each in its own small class; this part only routes to them.</summary>
internal sealed partial class VideoMaintenance
{
    public Task<VideoVerification?> VerifyAsync(string idOrStoredName, IProgress<VerificationProgress>? progress = null, CancellationToken cancellationToken = default) =>
        new VideoVerifier(_manifest, _paths, _logger).VerifyAsync(idOrStoredName, progress, cancellationToken);

    public Task<IReadOnlyList<VideoVerification>> VerifyAllAsync(IProgress<VerificationProgress>? progress = null, CancellationToken cancellationToken = default) =>
        new VideoVerifier(_manifest, _paths, _logger).VerifyAllAsync(progress, cancellationToken);

    public Task<CleanupPlan> PlanCleanupAsync(TimeSpan olderThan, CancellationToken cancellationToken = default) =>
        new LocalCopyRemover(_manifest, _paths, _timeProvider, _logger).PlanAsync(olderThan, cancellationToken);

    public Task<RemoveLocalCopyResult> RemoveLocalCopyAsync(string idOrStoredName, bool allowUnmirrored = false, CancellationToken cancellationToken = default) =>
        new LocalCopyRemover(_manifest, _paths, _timeProvider, _logger).RemoveAsync(idOrStoredName, allowUnmirrored, cancellationToken);
}
