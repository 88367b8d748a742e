namespace VideoVault;

/// <summary>How an admin's request to retry a video's mirror ended.</summary>
public enum RequeueMirrorOutcome
{
    /// <summary>The video is queued again (pending, due now, attempts reset).</summary>
    Requeued = 0,

    /// <summary>No video has that id or stored name.</summary>
    NotFound = 1,

    /// <summary>The video's mirror has not failed (it is pending, uploading, mirrored or disabled): nothing to retry.</summary>
    NotFailed = 2,
}
