namespace VideoVault.FakeDrive;

/// <summary>What a fault rule sees of an incoming request before the fake handles it.</summary>
public sealed record FakeDriveRequestInfo
{
    /// <summary>The order in which the request arrived (1-based).</summary>
    public required long Sequence { get; init; }

    /// <summary>What the request asks for.</summary>
    public required FakeDriveRequestKind Kind { get; init; }

    /// <summary>The HTTP method.</summary>
    public required string Method { get; init; }

    /// <summary>The path, without the query.</summary>
    public required string Path { get; init; }

    /// <summary>The <c>Content-Range</c> header, when sent.</summary>
    public string? ContentRange { get; init; }

    /// <summary>The session's <c>upload_id</c>, for session requests.</summary>
    public string? UploadId { get; init; }

    /// <summary>For session requests: how many bytes the session had persisted when the request arrived.</summary>
    public long PersistedBytes { get; init; }

    /// <summary>For session requests: the name given in the session's metadata; for downloads: the stored file's name.</summary>
    public string? FileName { get; init; }

    /// <summary>For downloads: the <c>Range</c> header, when sent (<c>bytes=1000-</c> on a resumed download).</summary>
    public string? DownloadRange { get; init; }
}
