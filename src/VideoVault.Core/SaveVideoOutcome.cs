namespace VideoVault;

/// <summary>How a <see cref="IVideoStore.SaveAsync"/> call ended.</summary>
public enum SaveVideoOutcome
{
    /// <summary>The video is durable on disk and committed to the manifest.</summary>
    Stored = 0,

    /// <summary>The declared or actual length exceeds <see cref="VideoVaultOptions.MaxFileSizeBytes"/>.</summary>
    TooLarge = 1,

    /// <summary>The content does not start with the signature of an allowed video container (or is empty).</summary>
    UnsupportedContainer = 2,

    /// <summary>Saving it would leave less than <see cref="VideoVaultOptions.MinFreeSpaceBytes"/> free, or the disk is full.</summary>
    InsufficientStorage = 3,

    /// <summary>The upload's <see cref="VideoUpload.IdempotencyKey"/> was already used for a video with other bytes.</summary>
    IdempotencyKeyConflict = 4,
}
