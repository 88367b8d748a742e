namespace VideoVault;

/// <summary>The result of checking one video's copy on the mirror (Google Drive) against its manifest record.</summary>
/// <param name="Video">The record as it was checked (before any change the check made).</param>
/// <param name="Outcome">What was found.</param>
/// <param name="Action">What was done about it.</param>
/// <param name="Detail">
/// What was found, in words for an admin: what was compared, or what differs (for example "Drive reports 1024 bytes for
/// file 1AbC, the record 2048"). <see cref="Action"/> and <see cref="LocalOutcome"/> say what was done about it.
/// </param>
public sealed record MirrorCopyVerification(VideoRecord Video, MirrorCopyOutcome Outcome, MirrorCopyAction Action, string Detail)
{
    /// <summary>Whether Drive's SHA-256 was compared with the record's (Drive does not always report one).</summary>
    public bool Sha256Compared { get; init; }

    /// <summary>Whether Drive's MD5 was compared with the MD5 of the bytes the mirror verified.</summary>
    public bool Md5Compared { get; init; }

    /// <summary>
    /// For a copy that was gone or wrong: what the re-hash of the local copy found, which decided the
    /// <see cref="Action"/> (<see cref="VerificationOutcome.Intact"/>: re-queued; <see cref="VerificationOutcome.Missing"/>,
    /// <see cref="VerificationOutcome.Corrupt"/> or <see cref="VerificationOutcome.NotLocal"/> (removed by cleanup): lost).
    /// <see langword="null"/> when the local copy was not looked at.
    /// </summary>
    public VerificationOutcome? LocalOutcome { get; init; }

    /// <summary>Whether this result needs an admin's attention: the copy is gone or wrong, or could not be checked.</summary>
    public bool IsProblem => Outcome is MirrorCopyOutcome.Missing or MirrorCopyOutcome.Corrupt or MirrorCopyOutcome.CheckFailed;
}
