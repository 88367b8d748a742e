namespace VideoVault.Mirroring;

/// <summary>How one mirror attempt ended, for the worker's scheduling (the manifest already holds the details).</summary>
internal enum MirrorJobResult
{
    /// <summary>The copy is verified; the video is mirrored.</summary>
    Mirrored,

    /// <summary>A transient failure; another attempt is scheduled.</summary>
    Retrying,

    /// <summary>A permanent failure; the video needs an admin.</summary>
    Failed,

    /// <summary>The mirror's upload quota is used up: the whole queue pauses until <see cref="MirrorJobOutcome.PausedUntil"/>.</summary>
    Paused,

    /// <summary>The job was dropped without a state change: the host is stopping (the upload resumes after the restart) or the video is gone.</summary>
    Abandoned,
}

/// <summary>The result of one attempt, and until when the queue must pause.</summary>
internal sealed record MirrorJobOutcome(MirrorJobResult Result, DateTimeOffset? PausedUntil = null)
{
    public static MirrorJobOutcome Mirrored { get; } = new(MirrorJobResult.Mirrored);

    public static MirrorJobOutcome Retrying { get; } = new(MirrorJobResult.Retrying);

    public static MirrorJobOutcome Failed { get; } = new(MirrorJobResult.Failed);

    public static MirrorJobOutcome Abandoned { get; } = new(MirrorJobResult.Abandoned);

    public static MirrorJobOutcome Paused(DateTimeOffset until) => new(MirrorJobResult.Paused, until);
}
