namespace VideoVault;

/// <summary>Where a staged upload stands.</summary>
public enum StagedUploadState
{
    /// <summary>Bytes are still arriving (or the client has paused).</summary>
    InProgress = 1,

    /// <summary>Published as <see cref="StagedUpload.VideoId"/>; the record stays until <see cref="StagedUpload.ExpiresAt"/> so a client that lost the answer finds its video.</summary>
    Completed = 2,

    /// <summary>No progress for <see cref="VideoVaultOptions.ResumableUploadExpiry"/>; it is removed at the next sweep.</summary>
    Expired = 3,
}
