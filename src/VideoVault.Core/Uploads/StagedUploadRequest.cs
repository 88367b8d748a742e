namespace VideoVault;

/// <summary>What a client says about an upload it is about to send in pieces (none of it is trusted).</summary>
/// <param name="OriginalFileName">The client's file name. Kept as sanitised metadata only.</param>
public sealed record StagedUploadRequest(string OriginalFileName)
{
    /// <summary>The whole upload's length, or <see langword="null"/> to declare it later (<see cref="IStagedUploadStore.DeclareLengthAsync"/>).</summary>
    public long? Length { get; init; }

    /// <summary>The category label; defaults to <see cref="VideoVaultOptions.DefaultCategory"/>.</summary>
    public string? Category { get; init; }

    /// <summary>The MIME type the client declared. Recorded, never trusted: the container is sniffed.</summary>
    public string? DeclaredMimeType { get; init; }

    /// <summary>As <see cref="VideoUpload.IdempotencyKey"/>: completing with a key already stored for the same bytes replays that video.</summary>
    public string? IdempotencyKey { get; init; }

    /// <summary>
    /// Whether the upload is recorded in the manifest so it can be resumed after a restart (default). A caller that sends
    /// everything in one call and only wants to read more before committing (the multipart endpoint) passes
    /// <see langword="false"/>: such an upload lives in this process only and is swept at the next start-up.
    /// </summary>
    public bool Resumable { get; init; } = true;
}
