namespace VideoVault.Mirroring.GoogleDrive;

/// <summary>Which kind of call failed; the same status means different things for each.</summary>
internal enum DriveOperation
{
    /// <summary>The POST that starts a resumable session.</summary>
    InitiateUpload,

    /// <summary>A PUT on the session URI (chunk or status query).</summary>
    UploadSession,

    /// <summary>A metadata call: get, list, delete, generateIds.</summary>
    Metadata,
}
