namespace VideoVault.Manifest;

/// <summary>
/// The manifest's side of resumable uploads: their durable state, and the completion that commits an upload's video
/// together with the upload's new state. Every write appends its audit event in the same transaction.
/// </summary>
internal interface IUploadManifest
{
    /// <summary>Records a new upload and its <see cref="VideoEventKind.UploadStarted"/> event.</summary>
    Task AddUploadAsync(UploadRow upload, string detail, CancellationToken cancellationToken = default);

    /// <summary>The upload, or <see langword="null"/>.</summary>
    Task<UploadRow?> FindUploadAsync(string id, CancellationToken cancellationToken = default);

    /// <summary>
    /// Moves an unfinished upload from <paramref name="expectedOffset"/> to <paramref name="progress"/>'s offset, length
    /// and container, at <paramref name="progress"/>'s update time; appends <paramref name="kind"/> when given.
    /// <see langword="false"/> (nothing written) when the upload is gone, completed, or no longer at that offset.
    /// </summary>
    Task<bool> SaveProgressAsync(UploadRow progress, long expectedOffset, VideoEventKind? kind, string? detail, CancellationToken cancellationToken = default);

    /// <summary>
    /// In one transaction: adds <paramref name="video"/> as <see cref="IVideoManifest.AddAsync"/> does (its row, the
    /// <see cref="VideoEventKind.Stored"/> event, its mirror job and host event) and marks the upload completed with it.
    /// <see langword="false"/> (nothing written) when the video conflicts with an existing record.
    /// </summary>
    Task<bool> AddVideoFromUploadAsync(VideoRecord video, string uploadId, string detail, CancellationToken cancellationToken = default);

    /// <summary>Marks an unfinished upload completed by an existing video (an idempotent replay).</summary>
    Task<bool> CompleteWithExistingAsync(string uploadId, string videoId, DateTimeOffset at, string detail, CancellationToken cancellationToken = default);

    /// <summary>Removes the upload's row and appends <paramref name="kind"/> (terminated, expired, refused).</summary>
    Task<bool> RemoveUploadAsync(string id, VideoEventKind kind, string detail, CancellationToken cancellationToken = default);

    /// <summary>Every upload, unfinished first, oldest first.</summary>
    IAsyncEnumerable<UploadRow> ReadUploadsAsync(CancellationToken cancellationToken = default);

    /// <summary>The bytes unfinished uploads have declared but not yet sent.</summary>
    Task<long> GetUnsentDeclaredBytesAsync(CancellationToken cancellationToken = default);
}
