namespace VideoVault;

/// <summary>Where a video stands with the mirror (Google Drive).</summary>
public enum MirrorState
{
    /// <summary>No mirror is configured.</summary>
    Disabled = 0,

    /// <summary>Queued for mirroring.</summary>
    Pending = 1,

    /// <summary>An upload is in progress.</summary>
    Uploading = 2,

    /// <summary>The copy on the mirror is verified byte for byte.</summary>
    Mirrored = 3,

    /// <summary>An attempt failed with a transient error; another is scheduled.</summary>
    Retrying = 4,

    /// <summary>Failed permanently (revoked credentials, quota, local file gone or corrupt); needs an admin.</summary>
    Failed = 5,
}
