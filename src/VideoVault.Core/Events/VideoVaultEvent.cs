namespace VideoVault.Events;

/// <summary>
/// Something that happened to a video, delivered to every <see cref="IVideoVaultEventHandler"/> at least once.
/// </summary>
public sealed record VideoVaultEvent
{
    /// <summary>
    /// A key unique to this event and the same on every redelivery: handlers that must act once (a webhook, an
    /// e-mail) can remember it to ignore repeats.
    /// </summary>
    public required long Sequence { get; init; }

    /// <summary>What happened.</summary>
    public required VideoVaultEventKind Kind { get; init; }

    /// <summary>The video's id.</summary>
    public required string VideoId { get; init; }

    /// <summary>
    /// The video as it is now (its state may have moved on since the event); <see langword="null"/> when the video
    /// was deleted before the event was delivered.
    /// </summary>
    public VideoRecord? Video { get; init; }

    /// <summary>
    /// A readable detail: the failure's reason for <see cref="VideoVaultEventKind.MirrorFailed"/>, what was found for
    /// <see cref="VideoVaultEventKind.MirrorCopyLost"/>, the link for <see cref="VideoVaultEventKind.Mirrored"/>.
    /// </summary>
    public string? Detail { get; init; }

    /// <summary>When the change was committed.</summary>
    public required DateTimeOffset OccurredAt { get; init; }

    /// <summary>Which delivery attempt this is (1 for the first).</summary>
    public required int Attempt { get; init; }
}
