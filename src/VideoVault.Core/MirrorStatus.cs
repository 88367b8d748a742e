namespace VideoVault;

/// <summary>A video's mirror state with its details.</summary>
public sealed record MirrorStatus
{
    /// <summary>The status of a video stored while no mirror is configured.</summary>
    public static MirrorStatus Disabled { get; } = new() { State = MirrorState.Disabled };

    /// <summary>The status of a video queued for mirroring.</summary>
    public static MirrorStatus Pending { get; } = new() { State = MirrorState.Pending };

    /// <summary>The state.</summary>
    public MirrorState State { get; init; }

    /// <summary>How many attempts were made so far.</summary>
    public int Attempts { get; init; }

    /// <summary>The last error, readable, when an attempt failed.</summary>
    public string? LastError { get; init; }

    /// <summary>When the next attempt is due, for <see cref="MirrorState.Retrying"/>.</summary>
    public DateTimeOffset? NextAttemptAt { get; init; }

    /// <summary>The id of the file on the mirror (pre-generated before the first upload).</summary>
    public string? RemoteFileId { get; init; }

    /// <summary>A link to view the file on the mirror, once mirrored.</summary>
    public string? RemoteLink { get; init; }

    /// <summary>When the copy was verified.</summary>
    public DateTimeOffset? MirroredAt { get; init; }
}
