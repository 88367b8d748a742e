namespace VideoVault.Events;

/// <summary>What a <see cref="VideoVaultEvent"/> reports.</summary>
public enum VideoVaultEventKind
{
    /// <summary>A video was stored durably and committed to the manifest (also when no mirror is configured).</summary>
    Stored = 1,

    /// <summary>A video's copy on the mirror (Google Drive) was verified.</summary>
    Mirrored = 2,

    /// <summary>Mirroring a video failed permanently; <see cref="VideoVaultEvent.Detail"/> says why. The local copy is kept.</summary>
    MirrorFailed = 3,

    /// <summary>A video's local copy was restored from the mirror and is present again; <see cref="VideoVaultEvent.Detail"/> says from where.</summary>
    Restored = 4,

    /// <summary>
    /// A video's mirror copy is gone or wrong and no intact local copy exists to upload again: the video is lost unless
    /// a backup outside VideoVault holds it. <see cref="VideoVaultEvent.Detail"/> says what was found.
    /// </summary>
    MirrorCopyLost = 5,
}
