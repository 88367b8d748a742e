namespace VideoVault;

/// <summary>The outcome of saving one upload: the stored record, or why it was refused.</summary>
public sealed record SaveVideoResult
{
    private SaveVideoResult(SaveVideoOutcome outcome, VideoRecord? video, string? reason, bool isReplay = false)
    {
        Outcome = outcome;
        Video = video;
        Reason = reason;
        IsReplay = isReplay;
    }

    /// <summary>How the save ended.</summary>
    public SaveVideoOutcome Outcome { get; }

    /// <summary>The stored video when <see cref="Outcome"/> is <see cref="SaveVideoOutcome.Stored"/>.</summary>
    public VideoRecord? Video { get; }

    /// <summary>A human-readable reason for a refusal, safe to show to the client (never a path).</summary>
    public string? Reason { get; }

    /// <summary>Whether the video was stored.</summary>
    public bool IsStored => Outcome == SaveVideoOutcome.Stored;

    /// <summary>
    /// Whether this upload repeated an earlier one with the same <see cref="VideoUpload.IdempotencyKey"/> and the same
    /// bytes: <see cref="Video"/> is the video stored then, and nothing new was stored.
    /// </summary>
    public bool IsReplay { get; }

    /// <summary>A successful save.</summary>
    public static SaveVideoResult Stored(VideoRecord video)
    {
        ArgumentNullException.ThrowIfNull(video);
        return new(SaveVideoOutcome.Stored, video, null);
    }

    /// <summary>A repeated upload, answered with the video its idempotency key stored before.</summary>
    public static SaveVideoResult Replayed(VideoRecord video)
    {
        ArgumentNullException.ThrowIfNull(video);
        return new(SaveVideoOutcome.Stored, video, null, isReplay: true);
    }

    /// <summary>A refusal with a client-safe reason.</summary>
    public static SaveVideoResult Refused(SaveVideoOutcome outcome, string reason)
    {
        if (outcome == SaveVideoOutcome.Stored)
        {
            throw new ArgumentException("A refusal needs a refusal outcome.", nameof(outcome));
        }

        ArgumentException.ThrowIfNullOrWhiteSpace(reason);
        return new(outcome, null, reason);
    }
}
