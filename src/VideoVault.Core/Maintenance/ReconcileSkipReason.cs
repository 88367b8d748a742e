namespace VideoVault;

/// <summary>Why reconciliation left a file without a record alone.</summary>
public enum ReconcileSkipReason
{
    /// <summary>
    /// The file changed within the adoption grace period: a running host may have just renamed it into place and not
    /// yet committed its record. It becomes adoptable at <see cref="ReconcileSkippedFile.AdoptableAt"/>.
    /// </summary>
    TooYoung = 0,

    /// <summary>
    /// An upload's publish intent names the file and is younger than the grace period: a running host may be committing
    /// it. If it is still uncommitted at <see cref="ReconcileSkippedFile.AdoptableAt"/>, reconciliation commits it as that
    /// upload's video.
    /// </summary>
    PublishInProgress = 1,

    /// <summary>
    /// Another record already has the file's stored name (at another path), so it cannot be adopted under that name:
    /// rename the file (or move it out of <c>videos/</c>) and reconcile again.
    /// </summary>
    NameTaken = 2,

    /// <summary>
    /// An interrupted publish names the file, but the manifest refused to commit it as that publish's video; its intent
    /// is gone, so the next reconciliation adopts it as a new video.
    /// </summary>
    RecoveryRefused = 3,
}
