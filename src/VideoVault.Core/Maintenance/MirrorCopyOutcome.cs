namespace VideoVault;

/// <summary>What a check of a video's copy on the mirror (Google Drive) found.</summary>
public enum MirrorCopyOutcome
{
    /// <summary>
    /// The copy is there and matches: Drive's size equals the record's, and so do its MD5 and SHA-256 wherever both
    /// sides have one (at least one of them was compared).
    /// </summary>
    Intact = 0,

    /// <summary>
    /// The copy is there with the recorded size, but no checksum could be compared: Drive reported no SHA-256, and no
    /// MD5 of the video is known (a copy verified before the manifest recorded it, whose local copy is gone). Not a
    /// mismatch; nothing is changed.
    /// </summary>
    Unverified = 1,

    /// <summary>The copy is gone: Drive answers that it does not exist, or it is in Drive's trash.</summary>
    Missing = 2,

    /// <summary>The copy holds other bytes: its size, MD5 or SHA-256 differs from the record.</summary>
    Corrupt = 3,

    /// <summary>The video has no verified copy to check (its mirror state is not <see cref="MirrorState.Mirrored"/>).</summary>
    NotMirrored = 4,

    /// <summary>Drive could not be asked (network, permissions, rate limit): nothing was found and nothing changed; check again later.</summary>
    CheckFailed = 5,
}
