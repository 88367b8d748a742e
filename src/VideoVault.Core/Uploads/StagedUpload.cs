namespace VideoVault;

/// <summary>The durable state of one staged upload.</summary>
public sealed record StagedUpload
{
    /// <summary>The upload's id: 32 lower-case hex characters, assigned by the store.</summary>
    public required string Id { get; init; }

    /// <summary>The client's original file name, sanitised.</summary>
    public required string OriginalFileName { get; init; }

    /// <summary>The category the client asked for (sanitised when the video is published), or <see langword="null"/>.</summary>
    public string? Category { get; init; }

    /// <summary>The MIME type the client declared, or <see langword="null"/>.</summary>
    public string? DeclaredMimeType { get; init; }

    /// <summary>The whole upload's length, or <see langword="null"/> while it is deferred.</summary>
    public long? Length { get; init; }

    /// <summary>How many bytes are durably stored: the offset the next piece must start at.</summary>
    public required long Offset { get; init; }

    /// <summary>The container sniffed from the first bytes, once enough have arrived.</summary>
    public VideoContainer? Container { get; init; }

    /// <summary>The client's idempotency key, or <see langword="null"/>.</summary>
    public string? IdempotencyKey { get; init; }

    /// <summary>Where the upload stands.</summary>
    public required StagedUploadState State { get; init; }

    /// <summary>When the upload was created.</summary>
    public required DateTimeOffset CreatedAt { get; init; }

    /// <summary>When the upload last made progress (created, bytes appended, completed).</summary>
    public required DateTimeOffset UpdatedAt { get; init; }

    /// <summary>When an unfinished upload is removed, or a completed one's record forgotten.</summary>
    public required DateTimeOffset ExpiresAt { get; init; }

    /// <summary>The stored video, once <see cref="State"/> is <see cref="StagedUploadState.Completed"/>.</summary>
    public string? VideoId { get; init; }

    /// <summary>Whether the upload is in the manifest (see <see cref="StagedUploadRequest.Resumable"/>).</summary>
    public bool IsResumable { get; init; } = true;

    /// <summary>Whether every byte is in: the length is known and reached.</summary>
    public bool IsFinished => Length is { } length && Offset == length;
}
