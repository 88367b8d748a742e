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
}
