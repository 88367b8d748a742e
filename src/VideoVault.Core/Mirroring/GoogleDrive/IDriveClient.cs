namespace VideoVault.Mirroring.GoogleDrive;

/// <summary>
/// The Drive v3 calls the mirror needs. Implemented on Google.Apis by <see cref="GoogleApisDriveClient"/>; replacing
/// it with the generated DriveService client later means writing one other implementation of this interface.
/// Except <see cref="UploadAsync"/>, which returns a typed result, failures throw <see cref="DriveException"/>;
/// cancellation throws <see cref="OperationCanceledException"/>.
/// </summary>
internal interface IDriveClient
{
    /// <summary>Asks Drive for <paramref name="count"/> file ids to create files with (files.generateIds).</summary>
    Task<IReadOnlyList<string>> GenerateIdsAsync(int count, CancellationToken cancellationToken = default);

    /// <summary>Uploads (or resumes uploading) a file into the configured folder with a resumable session.</summary>
    Task<DriveUploadResult> UploadAsync(DriveUploadRequest request, CancellationToken cancellationToken = default);

    /// <summary>Gets a file by id, trashed or not; null when Drive says it does not exist (404).</summary>
    Task<DriveFile?> GetAsync(string fileId, CancellationToken cancellationToken = default);

    /// <summary>Lists every file matching a <c>q</c> expression (see <see cref="DriveQuery"/>), following all pages.</summary>
    Task<IReadOnlyList<DriveFile>> ListAsync(string query, CancellationToken cancellationToken = default);

    /// <summary>Deletes a file permanently; false when it did not exist.</summary>
    Task<bool> DeleteAsync(string fileId, CancellationToken cancellationToken = default);

    /// <summary>
    /// Downloads a file's bytes from <paramref name="offset"/> to its end (files.get with <c>alt=media</c>, and a
    /// <c>Range</c> header when the offset is past 0) and hands the body to <paramref name="receive"/> as a stream,
    /// never buffered. <see cref="DriveDownloadBody.Start"/> says where the bytes really start: a server that ignores
    /// the range sends the whole file from 0. A body that breaks off throws from the stream's reads; the caller
    /// resumes from what it kept. False when Drive says the file does not exist (404).
    /// </summary>
    Task<bool> DownloadAsync(string fileId, long offset, Func<Stream, DriveDownloadBody, CancellationToken, Task> receive, CancellationToken cancellationToken = default);
}
