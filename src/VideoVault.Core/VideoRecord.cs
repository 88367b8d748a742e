namespace VideoVault;

/// <summary>Everything the manifest knows about one stored video.</summary>
public sealed record VideoRecord
{
    /// <summary>The video's id: 32 lower-case hex characters, assigned by the store.</summary>
    public required string Id { get; init; }

    /// <summary>The stored, unique file name (<c>yyyyMMdd_HHmmss_Category_name.ext</c>).</summary>
    public required string StoredName { get; init; }

    /// <summary>The path of the file relative to the store root, with <c>/</c> separators (<c>videos/yyyy/MM/name</c>).</summary>
    public required string RelativePath { get; init; }

    /// <summary>The client's original file name, sanitised; metadata only.</summary>
    public required string OriginalFileName { get; init; }

    /// <summary>The category label.</summary>
    public required string Category { get; init; }

    /// <summary>The MIME type of the detected container (not the client's claim).</summary>
    public required string MimeType { get; init; }

    /// <summary>The container detected from the magic bytes.</summary>
    public required VideoContainer Container { get; init; }

    /// <summary>The size in bytes.</summary>
    public required long SizeBytes { get; init; }

    /// <summary>The SHA-256 of the content as stored, lower-case hex.</summary>
    public required string Sha256 { get; init; }

    /// <summary>When the video was committed.</summary>
    public required DateTimeOffset CreatedAt { get; init; }

    /// <summary>Whether the local copy is present.</summary>
    public LocalCopyState LocalState { get; init; } = LocalCopyState.Present;

    /// <summary>The mirror state and its details.</summary>
    public MirrorStatus Mirror { get; init; } = MirrorStatus.Disabled;

    /// <summary>
    /// The <see cref="VideoUpload.IdempotencyKey"/> the video was uploaded with, or <see langword="null"/> (no key was
    /// sent, or the record was adopted by reconciliation). At most one record holds a given key.
    /// </summary>
    public string? IdempotencyKey { get; init; }
}
