namespace VideoVault;

/// <summary>One upload to save: the body and what the client said about it (none of which is trusted).</summary>
/// <param name="Content">The body. Read once, sequentially; never buffered whole.</param>
/// <param name="OriginalFileName">The client's file name. Kept as sanitised metadata only.</param>
public sealed record VideoUpload(Stream Content, string OriginalFileName)
{
    /// <summary>The category label (the seed's "content type", e.g. <c>Tutorial</c>). Defaults to <c>General</c>.</summary>
    public string? Category { get; init; }

    /// <summary>The MIME type the client declared. Recorded, never trusted: the container is sniffed.</summary>
    public string? DeclaredMimeType { get; init; }

    /// <summary>The length the client declared, if any; checked against the limits before any byte is read.</summary>
    public long? DeclaredLength { get; init; }

    /// <summary>
    /// A key the client chose for this upload (1 to 255 printable ASCII characters, e.g. a UUID), so that retrying it
    /// is safe: an upload whose key was already stored with the same bytes returns that video instead of storing a
    /// second copy. Use a new key for every different video.
    /// </summary>
    public string? IdempotencyKey { get; init; }

    /// <summary>
    /// Called once, after every byte of <see cref="Content"/> is durably in the store and before the video is
    /// published, to learn metadata that arrived after the bytes (a multipart form's fields that follow the file).
    /// What it returns overrides the metadata above; if it throws, nothing is stored and the exception propagates.
    /// </summary>
    public Func<CancellationToken, Task<StagedUploadCompletion?>>? AfterContent { get; init; }
}
