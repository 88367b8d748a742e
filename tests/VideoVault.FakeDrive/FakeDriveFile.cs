using System.Security.Cryptography;

namespace VideoVault.FakeDrive;

/// <summary>A file stored in the fake Drive (a snapshot; later changes are not reflected).</summary>
public sealed record FakeDriveFile
{
    private readonly ReadOnlyMemory<byte> _content;
    private string? _md5;
    private string? _sha256;

    /// <summary>The file id.</summary>
    public required string Id { get; init; }

    /// <summary>The name from the metadata.</summary>
    public required string Name { get; init; }

    /// <summary>The MIME type from the metadata (or <c>X-Upload-Content-Type</c>), else <c>application/octet-stream</c>.</summary>
    public required string MimeType { get; init; }

    /// <summary>The parent folder ids (at most one).</summary>
    public required IReadOnlyList<string> Parents { get; init; }

    /// <summary>The app-private properties.</summary>
    public required IReadOnlyDictionary<string, string> AppProperties { get; init; }

    /// <summary>The content.</summary>
    public required ReadOnlyMemory<byte> Content
    {
        get => _content;
        init
        {
            // A copy made with `with { Content = ... }` must not keep the checksums of the old bytes.
            _content = value;
            _md5 = null;
            _sha256 = null;
        }
    }

    /// <summary>The content's MD5, lower-case hex (computed once: Drive computes it when the content is stored).</summary>
    public string Md5Checksum => _md5 ??= Convert.ToHexStringLower(MD5.HashData(Content.Span));

    /// <summary>The content's SHA-256, lower-case hex (computed once).</summary>
    public string Sha256Checksum => _sha256 ??= Convert.ToHexStringLower(SHA256.HashData(Content.Span));

    /// <summary>
    /// Whether files.get and files.list leave <c>sha256Checksum</c> out for this file, as Drive may ("if available"):
    /// set by <see cref="FakeDriveServer.OmitSha256"/>.
    /// </summary>
    public bool OmitsSha256 { get; init; }

    /// <summary>Whether the file is in the trash.</summary>
    public bool Trashed { get; init; }

    /// <summary>When the file was created.</summary>
    public required DateTimeOffset CreatedTime { get; init; }

    /// <summary>The content length.</summary>
    public long Size => Content.Length;
}
