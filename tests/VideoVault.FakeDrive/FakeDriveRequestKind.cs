namespace VideoVault.FakeDrive;

/// <summary>What a request to the fake Drive asked for; faults and the request log are keyed by it.</summary>
public enum FakeDriveRequestKind
{
    /// <summary>Not a documented endpoint (answered 404).</summary>
    Unknown = 0,

    /// <summary><c>POST /token</c>: an OAuth token request.</summary>
    Token,

    /// <summary><c>POST /upload/drive/v3/files?uploadType=resumable</c>: starts a resumable session.</summary>
    InitiateUpload,

    /// <summary><c>PUT &lt;session&gt;</c> with <c>Content-Range: bytes a-b/T</c>: a chunk of content.</summary>
    UploadChunk,

    /// <summary><c>PUT &lt;session&gt;</c> with <c>Content-Range: bytes */T</c>: a status query (or an empty file's only request).</summary>
    StatusQuery,

    /// <summary><c>GET /drive/v3/files/{id}</c>.</summary>
    Get,

    /// <summary><c>GET /drive/v3/files</c>.</summary>
    List,

    /// <summary><c>DELETE /drive/v3/files/{id}</c>.</summary>
    Delete,

    /// <summary><c>GET /drive/v3/files/generateIds</c>.</summary>
    GenerateIds,

    /// <summary><c>GET /drive/v3/files/{id}?alt=media</c>: the file's content (a <c>Range</c> header asks for part of it).</summary>
    Download,
}
