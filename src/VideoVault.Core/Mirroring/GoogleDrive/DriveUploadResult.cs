namespace VideoVault.Mirroring.GoogleDrive;

/// <summary>The outcome of <see cref="IDriveClient.UploadAsync"/>: the file Drive created, or a classified error.</summary>
internal sealed record DriveUploadResult
{
    /// <summary>The created file with Drive's size and checksums; compare them with <see cref="DriveFile.CompareWith"/>.</summary>
    public DriveFile? File { get; init; }

    /// <summary>Why the upload did not complete.</summary>
    public DriveError? Error { get; init; }

    /// <summary>The session used (new or resumed), when one was established; keep it for the next attempt unless the error is <see cref="DriveErrorKind.SessionExpired"/>.</summary>
    public Uri? SessionUri { get; init; }

    public bool Succeeded => File is not null;

    public static DriveUploadResult Completed(DriveFile file, Uri sessionUri) => new() { File = file, SessionUri = sessionUri };

    public static DriveUploadResult Failed(DriveError error, Uri? sessionUri) => new() { Error = error, SessionUri = sessionUri };
}
