namespace VideoVault.AspNetCore.Tus;

/// <summary>The tus 1.0.0 vocabulary (https://tus.io/protocols/resumable-upload): header names and the values this server announces.</summary>
internal static class TusHeaders
{
    /// <summary>The only protocol version spoken: the value of <c>Tus-Resumable</c> and <c>Tus-Version</c>.</summary>
    public const string Version = "1.0.0";

    /// <summary>The extensions announced in <c>Tus-Extension</c> (concatenation is not one of them).</summary>
    public const string Extensions = "creation,creation-with-upload,creation-defer-length,termination,expiration,checksum";

    /// <summary>The algorithms announced in <c>Tus-Checksum-Algorithm</c>, sha1 first as the checksum extension requires.</summary>
    public const string ChecksumAlgorithms = "sha1,md5,sha256";

    /// <summary>The media type of every body that carries upload bytes (PATCH, and POST with creation-with-upload).</summary>
    public const string OffsetOctetStream = "application/offset+octet-stream";

    public const string TusResumable = "Tus-Resumable";
    public const string TusVersion = "Tus-Version";
    public const string TusExtension = "Tus-Extension";
    public const string TusMaxSize = "Tus-Max-Size";
    public const string TusChecksumAlgorithm = "Tus-Checksum-Algorithm";
    public const string UploadOffset = "Upload-Offset";
    public const string UploadLength = "Upload-Length";
    public const string UploadDeferLength = "Upload-Defer-Length";
    public const string UploadMetadata = "Upload-Metadata";
    public const string UploadExpires = "Upload-Expires";
    public const string UploadChecksum = "Upload-Checksum";
    public const string MethodOverride = "X-HTTP-Method-Override";

    /// <summary>VideoVault's own: the id of the video a completed upload became.</summary>
    public const string VideoId = "VideoVault-Video-Id";

    /// <summary>VideoVault's own: the <c>video-info</c> URL of the video a completed upload became.</summary>
    public const string Video = "VideoVault-Video";

    /// <summary>The response headers a browser client must be able to read (for a host's CORS policy).</summary>
    public static IReadOnlyList<string> ExposedHeaders { get; } =
    [
        "Location", TusResumable, TusVersion, TusExtension, TusMaxSize, TusChecksumAlgorithm,
        UploadOffset, UploadLength, UploadDeferLength, UploadMetadata, UploadExpires, VideoId, Video,
    ];
}
