namespace VideoVault;

/// <summary>What a check of a video's mirror copy did about what it found.</summary>
public enum MirrorCopyAction
{
    /// <summary>Nothing needed doing (an intact copy is recorded as checked), or nothing could be done (the check failed, or the video changed meanwhile).</summary>
    None = 0,

    /// <summary>
    /// The copy was gone or wrong and the local copy is intact: the video is back in the mirror queue
    /// (<see cref="MirrorState.Pending"/>) and the host's mirror worker uploads it again (replacing a wrong copy).
    /// </summary>
    Requeued = 1,

    /// <summary>
    /// The copy was gone or wrong and there is no intact local copy to upload again: the video is lost unless a backup
    /// outside VideoVault holds it. Its mirror state is <see cref="MirrorState.Failed"/> with the reason, and the loss is
    /// logged at Critical, counted, recorded in the audit trail and raised as the host event
    /// <see cref="Events.VideoVaultEventKind.MirrorCopyLost"/>.
    /// </summary>
    Lost = 2,
}
