namespace VideoVault;

/// <summary>How removing a local copy ended.</summary>
public enum RemoveLocalCopyOutcome
{
    /// <summary>The file was removed; the record stays with <see cref="LocalCopyState.Removed"/>.</summary>
    Removed = 0,

    /// <summary>No video has that id or stored name.</summary>
    NotFound = 1,

    /// <summary>Refused: the video is not verified on the mirror, so the local file may be the only copy.</summary>
    NotMirrored = 2,

    /// <summary>There is no local copy to remove (already removed, or missing).</summary>
    NotPresent = 3,
}
