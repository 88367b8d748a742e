namespace VideoVault.Mirroring.GoogleDrive;

/// <summary>What the caller should do about a failed Drive call.</summary>
internal enum DriveErrorKind
{
    /// <summary>Retry later with backoff (5xx, 429, 403 rate limits, network errors, timeouts); honour <see cref="DriveError.RetryAfter"/>.</summary>
    Transient,

    /// <summary>The daily upload cap (<c>uploadLimitExceeded</c>): pause all uploads for a while, then retry.</summary>
    QuotaPaused,

    /// <summary>The upload session is gone (404/410) or was rejected: start a new session (the pre-generated id keeps it exactly once).</summary>
    SessionExpired,

    /// <summary>A file with the pre-generated id already exists (409): look it up and verify it instead of uploading.</summary>
    AlreadyExists,

    /// <summary>Retrying will not help until someone changes the configuration or the account; <see cref="DriveError.Message"/> says what.</summary>
    Permanent,
}
