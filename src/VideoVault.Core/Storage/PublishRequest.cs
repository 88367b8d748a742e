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
    string Sha256);
