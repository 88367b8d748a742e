namespace VideoVault;

/// <summary>The result of a call on <see cref="IStagedUploadStore"/>: the upload's state, the video once published, or why not.</summary>
public sealed record StagedUploadResult
{
    private StagedUploadResult(StagedUploadOutcome outcome, StagedUpload? upload, VideoRecord? video, string? reason, bool isReplay)
    {
        Outcome = outcome;
        Upload = upload;
        Video = video;
        Reason = reason;
        IsReplay = isReplay;
    }

    /// <summary>How the call ended.</summary>
    public StagedUploadOutcome Outcome { get; }

    /// <summary>The upload's state after the call, when it exists (also on most refusals, e.g. the offset to resume from).</summary>
    public StagedUpload? Upload { get; }

    /// <summary>The stored video, after a completion.</summary>
    public VideoRecord? Video { get; }

    /// <summary>A human-readable reason for a refusal, safe to show to the client (never a path).</summary>
    public string? Reason { get; }

    /// <summary>Whether the completion replayed the video an earlier upload stored with the same idempotency key and bytes.</summary>
    public bool IsReplay { get; }

    /// <summary>Whether the call did what it was asked.</summary>
    public bool IsAccepted => Outcome == StagedUploadOutcome.Accepted;

    /// <summary>A call that did what it was asked.</summary>
    public static StagedUploadResult Accepted(StagedUpload upload, VideoRecord? video = null, bool isReplay = false)
    {
        ArgumentNullException.ThrowIfNull(upload);
        return new(StagedUploadOutcome.Accepted, upload, video, null, isReplay);
    }

    /// <summary>A refusal with a client-safe reason and, where the upload exists, its state.</summary>
    public static StagedUploadResult Refused(StagedUploadOutcome outcome, string reason, StagedUpload? upload = null)
    {
        if (outcome == StagedUploadOutcome.Accepted)
        {
            throw new ArgumentException("A refusal needs a refusal outcome.", nameof(outcome));
        }

        ArgumentException.ThrowIfNullOrWhiteSpace(reason);
        return new(outcome, upload, null, reason, false);
    }
}
