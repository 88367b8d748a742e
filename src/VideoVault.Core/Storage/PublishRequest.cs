namespace VideoVault.Storage;

/// <summary>
/// A finished, fsync'd upload file and what is known of it, ready to be published: renamed into <c>videos/</c> and
/// committed to the manifest under <paramref name="Id"/>.
/// </summary>
internal sealed record PublishRequest(
    string Id,
    string OriginalFileName,
    string? Category,
    string? IdempotencyKey,
    VideoSignature Signature,
    string TempPath,
    long Length,
    string Sha256)
{
    /// <summary>
    /// The resumable upload this publish completes (its row is marked completed in the video's commit), or
    /// <see langword="null"/> for an upload that lives in this process only. Recorded in the publish intent, so a
    /// recovery after a crash completes the upload too.
    /// </summary>
    public string? ResumableUploadId { get; init; }
}
