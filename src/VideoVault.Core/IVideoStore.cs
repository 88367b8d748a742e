namespace VideoVault;

/// <summary>
/// The video store: every video saved through it is written durably to the local store and recorded in the
/// manifest before the call returns. All members are safe to call concurrently.
/// </summary>
public interface IVideoStore
{
    /// <summary>
    /// Streams <paramref name="upload"/> into the store. The content is validated (size limit, free space,
    /// video container signature) while it is read; a refusal is returned as an outcome, never thrown, and leaves
    /// nothing behind. When the result is <see cref="SaveVideoOutcome.Stored"/> the file is fsync'd, renamed into
    /// place, its directory fsync'd and its manifest row committed.
    /// </summary>
    Task<SaveVideoResult> SaveAsync(VideoUpload upload, CancellationToken cancellationToken = default);

    /// <summary>Finds a video by its id or its stored (unique) file name; <see langword="null"/> when unknown.</summary>
    Task<VideoRecord?> FindAsync(string idOrStoredName, CancellationToken cancellationToken = default);

    /// <summary>Lists videos newest first, filtered and paged by <paramref name="query"/>.</summary>
    Task<VideoPage> ListAsync(VideoQuery query, CancellationToken cancellationToken = default);

    /// <summary>Totals of the store: counts, bytes, by mirror state and category, and the free disk space.</summary>
    Task<StorageStatistics> GetStatisticsAsync(CancellationToken cancellationToken = default);

    /// <summary>
    /// Opens a stored video for reading (asynchronous, sequential). <see langword="null"/> when the video is unknown
    /// or its local copy is gone.
    /// </summary>
    Task<Stream?> OpenReadAsync(string idOrStoredName, CancellationToken cancellationToken = default);

    /// <summary>
    /// Deletes a video: its local file and its manifest record, and records a <c>deleted</c> event.
    /// </summary>
    Task<DeleteVideoResult> DeleteAsync(string idOrStoredName, CancellationToken cancellationToken = default);
}
