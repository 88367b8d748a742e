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
}
