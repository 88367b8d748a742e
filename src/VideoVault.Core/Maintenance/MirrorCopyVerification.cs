namespace VideoVault;

/// <summary>The result of checking one video's copy on the mirror (Google Drive) against its manifest record.</summary>
/// <param name="Video">The record as it was checked (before any change the check made).</param>
/// <param name="Outcome">What was found.</param>
/// <param name="Action">What was done about it.</param>
/// <param name="Detail">What was compared or what differs, in words for an admin (for example "Drive reports 1024 bytes, the record 2048").</param>
public sealed record MirrorCopyVerification(VideoRecord Video, MirrorCopyOutcome Outcome, MirrorCopyAction Action, string Detail)
{
    /// <summary>Whether Drive's SHA-256 was compared with the record's (Drive does not always report one).</summary>
    public bool Sha256Compared { get; init; }

    /// <summary>Whether Drive's MD5 was compared with the MD5 of the bytes the mirror verified.</summary>
    public bool Md5Compared { get; init; }

    /// <summary>Whether this result needs an admin's attention: the copy is gone or wrong, or could not be checked.</summary>
    public bool IsProblem => Outcome is MirrorCopyOutcome.Missing or MirrorCopyOutcome.Corrupt or MirrorCopyOutcome.CheckFailed;
}
