namespace VideoVault;

/// <summary>What restoring one video's local copy from the mirror found and did.</summary>
public enum RestoreOutcome
{
    /// <summary>The mirror's copy was downloaded, matched the recorded size and SHA-256, and was published at the video's path.</summary>
    Restored = 0,

    /// <summary>The local copy is already there and matches its record; nothing was downloaded.</summary>
    AlreadyPresent = 1,

    /// <summary>The manifest has no verified copy on the mirror (the video is not mirrored yet, or its mirror failed).</summary>
    NotMirrored = 2,

    /// <summary>The mirror says its copy does not exist (deleted, or not visible to the account).</summary>
    NotOnMirror = 3,

    /// <summary>The mirror's copy differs from the record (size or SHA-256): nothing was published.</summary>
    MirrorCopyCorrupt = 4,

    /// <summary>The mirror kept failing (retries used up) or refused the download (permissions, credentials): nothing was published.</summary>
    MirrorFailed = 5,

    /// <summary>No mirror is configured, so there is nothing to restore from.</summary>
    MirrorNotConfigured = 6,

    /// <summary>The disk has no room for the video above the free-space floor: nothing was downloaded.</summary>
    InsufficientStorage = 7,

    /// <summary>Another file appeared at the video's path, or the record changed, while the restore ran: nothing was replaced.</summary>
    Conflict = 8,

    /// <summary>No video has that id or stored name (or it was deleted while it was being restored).</summary>
    Unknown = 9,
}
