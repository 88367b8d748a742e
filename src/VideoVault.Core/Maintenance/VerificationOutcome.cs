namespace VideoVault;

/// <summary>What re-hashing one video's local copy found.</summary>
public enum VerificationOutcome
{
    /// <summary>The file is there and matches its recorded size and SHA-256.</summary>
    Intact = 0,

    /// <summary>The file is there but its size or SHA-256 differs from the record.</summary>
    Corrupt = 1,

    /// <summary>The record says the file should be there, but it is gone.</summary>
    Missing = 2,

    /// <summary>The local copy was removed on purpose (cleanup); nothing to verify locally.</summary>
    NotLocal = 3,
}
