namespace VideoVault;

/// <summary>
/// Maintenance of the store for hosts and admin tools: bringing the manifest and the files on disk back into
/// agreement. Safe to run while a host is serving uploads.
/// </summary>
public interface IVideoMaintenance
{
    /// <summary>
    /// Reconciles the manifest with the files by a full walk of <c>videos/</c> and a look at every record (its cost
    /// grows with the catalog; host start-up does not run it): commits the files of publishes a crash interrupted
    /// under their own video id (<see cref="ReconcileReport.RecoveredFiles"/>), adopts other files in <c>videos/</c>
    /// that have no record (hash recomputed, an <see cref="VideoEventKind.Adopted"/> event recorded), flags records
    /// whose file is gone as <see cref="LocalCopyState.Missing"/> (never deletes them), marks returned files present
    /// again, and sweeps stale temp files from <c>.incoming/</c>.
    /// </summary>
    Task<ReconcileReport> ReconcileAsync(ReconcileOptions options, CancellationToken cancellationToken = default);

    /// <summary>
    /// Re-hashes one video's local copy against its recorded size and SHA-256 and records the result in the audit
    /// trail (<see cref="VideoEventKind.Verified"/> or <see cref="VideoEventKind.Corrupt"/>; a vanished file is
    /// flagged <see cref="LocalCopyState.Missing"/>). <see langword="null"/> when no video has that id or name.
    /// </summary>
    Task<VideoVerification?> VerifyAsync(string idOrStoredName, IProgress<VerificationProgress>? progress = null, CancellationToken cancellationToken = default);

    /// <summary>Verifies every video's local copy, oldest first (see <see cref="VerifyAsync"/>).</summary>
    Task<IReadOnlyList<VideoVerification>> VerifyAllAsync(IProgress<VerificationProgress>? progress = null, CancellationToken cancellationToken = default);

    /// <summary>
    /// Checks one video's copy on the mirror (Google Drive) against its manifest record: Drive's size, its SHA-256 when
    /// Drive reports one (absence is <see cref="MirrorCopyOutcome.Unverified"/>, not a mismatch) and its MD5 against
    /// the MD5 the mirror recorded when it verified the upload. An intact copy is recorded as checked
    /// (<see cref="VideoEventKind.MirrorCopyVerified"/>). A copy that is gone (not found, or trashed) or wrong is
    /// re-queued for upload when the local copy is verified intact (<see cref="MirrorCopyAction.Requeued"/>; the host's
    /// mirror worker uploads it), and raised as lost when it is not (<see cref="MirrorCopyAction.Lost"/>: Critical log,
    /// metric, <see cref="VideoEventKind.MirrorCopyMissing"/> or <see cref="VideoEventKind.MirrorCopyCorrupt"/> in the
    /// audit trail, the host event <see cref="Events.VideoVaultEventKind.MirrorCopyLost"/>). Nothing on Drive or on disk is
    /// changed by the check itself. <see langword="null"/> when no video has that id or name.
    /// </summary>
    /// <exception cref="InvalidOperationException">No mirror is configured (<c>AddGoogleDriveMirror</c> with <c>Enabled</c>).</exception>
    Task<MirrorCopyVerification?> VerifyMirrorCopyAsync(string idOrStoredName, CancellationToken cancellationToken = default);

    /// <summary>
    /// Checks the mirror copy of every <see cref="MirrorState.Mirrored"/> video, least recently checked first (see
    /// <see cref="VerifyMirrorCopyAsync"/>), reporting each result as it comes.
    /// </summary>
    /// <exception cref="InvalidOperationException">No mirror is configured (<c>AddGoogleDriveMirror</c> with <c>Enabled</c>).</exception>
    Task<IReadOnlyList<MirrorCopyVerification>> VerifyMirrorCopiesAsync(IProgress<MirrorCopyProgress>? progress = null, CancellationToken cancellationToken = default);

    /// <summary>
    /// Lists the local copies older than <paramref name="olderThan"/>: those verified on the mirror (safe to remove)
    /// and those that are not. Changes nothing.
    /// </summary>
    Task<CleanupPlan> PlanCleanupAsync(TimeSpan olderThan, CancellationToken cancellationToken = default);

    /// <summary>
    /// Removes a video's local file but keeps its record, marked <see cref="LocalCopyState.Removed"/> with a
    /// <see cref="VideoEventKind.LocalCopyRemoved"/> event: the video stays listed and is still on the mirror.
    /// Refused (<see cref="RemoveLocalCopyOutcome.NotMirrored"/>) unless the video is verified on the mirror, or
    /// <paramref name="allowUnmirrored"/> overrides that (the override is recorded).
    /// </summary>
    Task<RemoveLocalCopyResult> RemoveLocalCopyAsync(string idOrStoredName, bool allowUnmirrored = false, CancellationToken cancellationToken = default);

    /// <summary>
    /// Re-queues one video whose mirror failed (or is waiting to retry): pending, due now, attempts reset, with a
    /// <see cref="VideoEventKind.MirrorRequeued"/> event. The host's mirror worker uploads it.
    /// </summary>
    Task<RequeueMirrorResult> RequeueMirrorAsync(string idOrStoredName, CancellationToken cancellationToken = default);

    /// <summary>Re-queues every video whose mirror failed; returns them as they were before.</summary>
    Task<IReadOnlyList<VideoRecord>> RequeueFailedMirrorsAsync(CancellationToken cancellationToken = default);

    /// <summary>
    /// Checks the manifest file's integrity (SQLite's <c>PRAGMA integrity_check</c>: every page, every index against
    /// its table). It reads the whole file, so its time grows with the catalog (about 22 s at a million videos on a
    /// 2-core machine): a host runs it in the background after start, and admin tools run it on demand. Changes
    /// nothing and blocks no writer.
    /// </summary>
    Task<ManifestIntegrityReport> CheckManifestIntegrityAsync(CancellationToken cancellationToken = default);

    /// <summary>
    /// Restores one video's local copy from its verified copy on the mirror (Google Drive): checks what is at the
    /// record's path (an intact file is left as it is), checks the Drive copy's size and SHA-256, downloads it into
    /// <c>.incoming/</c> (resuming with a byte range after a broken connection, retrying rate limits and 5xx with
    /// backoff, bounded), checks the bytes against the recorded size and SHA-256, and publishes them with the same
    /// fsync, no-replace rename and directory fsync as an upload, at the record's own path; then marks the video
    /// present with a <see cref="VideoEventKind.Restored"/> event and a restored host event in one transaction. A Drive
    /// copy that does not match is never published (<see cref="VideoEventKind.RestoreFailed"/> records it). A wrong
    /// file at the path is never overwritten: it is moved into <c>quarantine/</c> first. Expected outcomes
    /// (unknown video, no verified copy, copy gone or wrong, Drive not configured) are results, not exceptions.
    /// </summary>
    Task<VideoRestoreResult> RestoreAsync(string idOrStoredName, IProgress<RestoreProgress>? progress = null, CancellationToken cancellationToken = default);

    /// <summary>
    /// Restores (see <see cref="RestoreAsync"/>) every video whose local copy is flagged
    /// <see cref="LocalCopyState.Missing"/> or whose file is gone though it is marked present, and with
    /// <paramref name="includeRemoved"/> also those cleanup removed (<see cref="LocalCopyState.Removed"/>), oldest
    /// first. Reads every record, so its cost grows with the catalog. A corrupt copy that is still in place is
    /// restored one at a time by <see cref="RestoreAsync"/> (or by verify, with automatic restore on).
    /// </summary>
    Task<IReadOnlyList<VideoRestoreResult>> RestoreAllMissingAsync(bool includeRemoved = false, IProgress<RestoreProgress>? progress = null, CancellationToken cancellationToken = default);
}
