namespace VideoVault.Manifest;

/// <summary>What a host notification reports. Stored by lower-case name in the <c>notifications</c> outbox.</summary>
internal enum ManifestNotificationKind
{
    /// <summary>A video was stored (or adopted) and committed.</summary>
    Stored = 1,

    /// <summary>A video's mirror copy was verified.</summary>
    Mirrored = 2,

    /// <summary>A video's mirror failed permanently.</summary>
    Failed = 3,

    /// <summary>A video's local copy was restored from the mirror.</summary>
    Restored = 4,

    /// <summary>A video's mirror copy is gone or wrong and no intact local copy is left to upload again.</summary>
    MirrorCopyLost = 5,
}
