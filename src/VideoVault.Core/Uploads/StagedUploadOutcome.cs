namespace VideoVault;

/// <summary>How a call on <see cref="IStagedUploadStore"/> ended.</summary>
public enum StagedUploadOutcome
{
    /// <summary>Done: created, appended (the new offset is durable), read, completed or cancelled.</summary>
    Accepted = 0,

    /// <summary>There is no upload with that id (never created, cancelled, or expired and removed).</summary>
    Unknown = 1,

    /// <summary>The upload expired for lack of progress; its bytes are (or are about to be) removed.</summary>
    Expired = 2,

    /// <summary>The piece does not start at the upload's durable offset (<see cref="StagedUploadResult.Upload"/> has it). Nothing was written.</summary>
    OffsetMismatch = 3,

    /// <summary>Another append to the same upload is still running. Nothing was written.</summary>
    Busy = 4,

    /// <summary>The declared length, or the bytes sent, exceed <see cref="VideoVaultOptions.MaxFileSizeBytes"/> or the declared length.</summary>
    TooLarge = 5,

    /// <summary>The first bytes are not a supported video container. The upload is removed.</summary>
    UnsupportedContainer = 6,

    /// <summary>Not enough free space (the floor, counting what other uploads declared), or the disk filled up. Durable bytes are kept.</summary>
    InsufficientStorage = 7,

    /// <summary>The piece did not match its <see cref="StagedAppendOptions.Checksum"/>. Nothing of it was kept.</summary>
    ChecksumMismatch = 8,

    /// <summary>A length was declared twice, or differently, or below the bytes already stored.</summary>
    LengthConflict = 9,

    /// <summary>Completion was asked before the last byte arrived.</summary>
    Incomplete = 10,

    /// <summary>The upload's idempotency key was already used for a video with other bytes. The upload is removed.</summary>
    IdempotencyKeyConflict = 11,

    /// <summary>The upload is completed: it takes no more bytes (<see cref="StagedUploadResult.Upload"/> names its video).</summary>
    AlreadyCompleted = 12,
}
