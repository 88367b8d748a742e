namespace VideoVault.Storage;

/// <summary>What the magic bytes say a file is: the container, its MIME type and the extension to store it under.</summary>
internal sealed record VideoSignature(VideoContainer Container, string MimeType, string Extension)
{
    public static VideoSignature Unknown { get; } = new(VideoContainer.Unknown, "application/octet-stream", "bin");

    public bool IsVideo => Container != VideoContainer.Unknown;
}
