namespace VideoVault.Mirroring.GoogleDrive;

/// <summary>The result of comparing Drive's reported size and checksums with the local bytes.</summary>
/// <param name="Matches">Whether size and MD5 (and SHA-256 when both sides have it) agree.</param>
/// <param name="Problem">What differs, when they do not.</param>
/// <param name="Sha256Compared">Whether Drive reported a SHA-256 that was compared too.</param>
internal sealed record DriveContentCheck(bool Matches, string? Problem, bool Sha256Compared)
{
    public static DriveContentCheck Verified(bool sha256Compared) => new(true, null, sha256Compared);

    public static DriveContentCheck Mismatch(string problem) => new(false, problem, false);
}
