namespace VideoVault.Mirroring.GoogleDrive;

/// <summary>One resumable upload into the configured folder.</summary>
internal sealed record DriveUploadRequest
{
    /// <summary>The content: readable and seekable (a <see cref="FileStream"/>); it must not change during the upload.</summary>
    public required Stream Content { get; init; }

    /// <summary>The file name on Drive.</summary>
    public required string Name { get; init; }

    /// <summary>The MIME type, e.g. <c>video/mp4</c>.</summary>
    public required string MimeType { get; init; }

    /// <summary>Stored as the <c>videoVaultId</c> app property, so the file can be found again by <see cref="DriveQuery.ByVideoVaultId"/>.</summary>
    public required string VideoVaultId { get; init; }

    /// <summary>An id from files.generateIds, persisted before the first attempt; a second create with it gets <see cref="DriveErrorKind.AlreadyExists"/>.</summary>
    public string? FileId { get; init; }

    /// <summary>A session URI saved from an earlier attempt: the upload resumes it (status query first) instead of starting a new session.</summary>
    public Uri? SessionUri { get; init; }

    /// <summary>Called with a new session's URI before any content is sent, so the caller can persist it; the upload waits for it.</summary>
    public Func<Uri, CancellationToken, Task>? SessionStarted { get; init; }

    /// <summary>Called with the number of bytes Drive has confirmed so far.</summary>
    public Action<long>? Progress { get; init; }
}
