namespace VideoVault;

/// <summary>Progress of a verification, reported while a file is hashed.</summary>
/// <param name="Video">The video being hashed.</param>
/// <param name="BytesHashed">Bytes hashed since the previous report (an increment, not a running total).</param>
public readonly record struct VerificationProgress(VideoRecord Video, long BytesHashed);
