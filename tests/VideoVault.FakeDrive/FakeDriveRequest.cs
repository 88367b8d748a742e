namespace VideoVault.FakeDrive;

/// <summary>One request the fake Drive handled, as recorded in <see cref="FakeDriveServer.Requests"/>.</summary>
public sealed record FakeDriveRequest
{
    /// <summary>The order in which the request arrived (1-based).</summary>
    public required long Sequence { get; init; }

    /// <summary>What the request asked for.</summary>
    public required FakeDriveRequestKind Kind { get; init; }

    /// <summary>The HTTP method.</summary>
    public required string Method { get; init; }

    /// <summary>The path, without the query.</summary>
    public required string Path { get; init; }

    /// <summary>The raw query string, including the leading <c>?</c> (empty when there is none).</summary>
    public required string QueryString { get; init; }

    /// <summary>The <c>Content-Range</c> header, when sent.</summary>
    public string? ContentRange { get; init; }

    /// <summary>The <c>upload_id</c> of the session, for session requests and the initiation that created it.</summary>
    public string? UploadId { get; init; }

    /// <summary>How many body bytes the fake read from the request.</summary>
    public long BodyBytesReceived { get; init; }

    /// <summary>The status code answered; 0 when the connection was reset instead.</summary>
    public int StatusCode { get; init; }

    /// <summary>The <c>Range</c> header answered with a 308, if any.</summary>
    public string? ResponseRange { get; init; }

    /// <summary>Whether <c>supportsAllDrives=true</c> was in the query.</summary>
    public bool SupportsAllDrives { get; init; }

    /// <summary>The bearer token presented, if any.</summary>
    public string? BearerToken { get; init; }

    /// <summary>The <c>User-Agent</c> header, if any.</summary>
    public string? UserAgent { get; init; }

    /// <summary>A description of the fault injected into this request, if one was.</summary>
    public string? Fault { get; init; }

    /// <summary>For downloads: the <c>Range</c> header the client sent, if any.</summary>
    public string? DownloadRange { get; init; }

    /// <summary>For downloads: how many body bytes the fake sent (fewer than promised when a fault cut the body).</summary>
    public long BodyBytesSent { get; init; }

    /// <summary>Whether the fake aborted the connection instead of answering.</summary>
    public bool Aborted => StatusCode == 0;
}
