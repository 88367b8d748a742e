namespace VideoVault;

/// <summary>
/// Maintenance of the store for hosts and admin tools: bringing the manifest and the files on disk back into
/// agreement. Safe to run while a host is serving uploads.
/// </summary>
public interface IVideoMaintenance
{
    /// <summary>
    /// Reconciles the manifest with the files: adopts files in <c>videos/</c> that have no record (hash recomputed,
    /// an <see cref="VideoEventKind.Adopted"/> event recorded), flags records whose file is gone as
    /// <see cref="LocalCopyState.Missing"/> (never deletes them), marks returned files present again, and sweeps
    /// stale temp files from <c>.incoming/</c>.
    /// </summary>
    Task<ReconcileReport> ReconcileAsync(ReconcileOptions options, CancellationToken cancellationToken = default);
}
