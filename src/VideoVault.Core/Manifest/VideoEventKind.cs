namespace VideoVault;

/// <summary>What an audit-trail entry records. Stored by name, so values may be added but never renamed.</summary>
public enum VideoEventKind
{
    /// <summary>An upload was stored and committed.</summary>
    Stored = 1,

    /// <summary>An upload was refused (too large, not a video, no space, aborted).</summary>
    Refused = 2,

    /// <summary>A video was deleted (file and record).</summary>
    Deleted = 3,

    /// <summary>Reconciliation found a file without a record and adopted it.</summary>
    Adopted = 4,

    /// <summary>Reconciliation found a record whose file is gone.</summary>
    FileMissing = 5,

    /// <summary>A previously missing file is back.</summary>
    FileRestored = 6,

    /// <summary>The local copy was removed by cleanup after it was verified on the mirror.</summary>
    LocalCopyRemoved = 7,

    /// <summary>A verification found the local file does not match its recorded SHA-256.</summary>
    Corrupt = 8,

    /// <summary>A verification found the local file intact.</summary>
    Verified = 9,

    /// <summary>The local copy was restored from the mirror: downloaded, checked against the recorded SHA-256 and published.</summary>
    Restored = 10,

    /// <summary>A restore from the mirror published nothing: the mirror's copy was gone, wrong or unreachable (the detail says which).</summary>
    RestoreFailed = 11,

    /// <summary>A mirror attempt started.</summary>
    MirrorAttempt = 20,

    /// <summary>The mirror copy was verified.</summary>
    Mirrored = 21,

    /// <summary>A mirror attempt failed and will be retried.</summary>
    MirrorRetry = 22,

    /// <summary>The mirror failed permanently.</summary>
    MirrorFailed = 23,

    /// <summary>An admin re-queued a failed mirror, or a check of the mirror copy re-queued a copy that was gone or wrong.</summary>
    MirrorRequeued = 24,

    /// <summary>A check of the mirror copy found it intact: Drive's size and checksums match the record.</summary>
    MirrorCopyVerified = 25,

    /// <summary>A check of the mirror copy found it gone (not found, or in Drive's trash); the detail says what was done.</summary>
    MirrorCopyMissing = 26,

    /// <summary>A check of the mirror copy found other bytes (size or checksum differs); the detail says what was done.</summary>
    MirrorCopyCorrupt = 27,

    /// <summary>A resumable upload was created (the detail names it; no video exists yet).</summary>
    UploadStarted = 30,

    /// <summary>A resumable upload took bytes again after an interruption or a restart.</summary>
    UploadResumed = 31,

    /// <summary>A resumable upload was published as the event's video.</summary>
    UploadCompleted = 32,

    /// <summary>A resumable upload made no progress for the expiry period and was removed with its bytes.</summary>
    UploadExpired = 33,

    /// <summary>A resumable upload was cancelled by its client or an admin and its bytes removed.</summary>
    UploadTerminated = 34,
}
