namespace VideoVault;

/// <summary>The result of verifying one video's local copy against its manifest record.</summary>
/// <param name="Video">The record as it was verified.</param>
/// <param name="Outcome">What was found.</param>
/// <param name="ActualSha256">The SHA-256 of the bytes read, when the file could be read.</param>
/// <param name="ActualSizeBytes">The size of the file read, when it could be read.</param>
public sealed record VideoVerification(VideoRecord Video, VerificationOutcome Outcome, string? ActualSha256, long? ActualSizeBytes)
{
    /// <summary>Whether this result needs an admin: the file is corrupt or missing, and no automatic restore brought it back.</summary>
    public bool IsProblem => Outcome is VerificationOutcome.Corrupt or VerificationOutcome.Missing && Restore is not { IsPresent: true };

    /// <summary>
    /// When the file was missing or corrupt and automatic restore is on (<c>VideoVault:Drive:RestoreAutomatically</c>):
    /// what restoring it from its verified Drive copy did. <see langword="null"/> otherwise.
    /// </summary>
    public VideoRestoreResult? Restore { get; init; }
}
