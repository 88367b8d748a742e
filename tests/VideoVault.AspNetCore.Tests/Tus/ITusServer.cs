namespace VideoVault.AspNetCore.Tests.Tus;

/// <summary>A tus 1.0.0 server the raw protocol tests run against: VideoVault's, or the @tus/server reference.</summary>
public interface ITusServer
{
    /// <summary>The creation URL (the uploads collection), absolute.</summary>
    Uri Uploads { get; }

    /// <summary>A creation URL whose uploads expire a second or two after creation, for the expiration tests.</summary>
    Uri ExpiringUploads { get; }

    /// <summary>The Tus-Max-Size the server was started with.</summary>
    long MaxSize { get; }

    /// <summary>The lower-case hex SHA-256 of a completed upload's stored bytes, read where the server keeps them.</summary>
    Task<string> StoredSha256Async(Uri upload);
}
