namespace VideoVault;

/// <summary>
/// The manifest: one durable record per video and an append-only audit trail, on an embedded database. Every write
/// is one transaction, committed durably before the call returns.
/// </summary>
public interface IVideoManifest
{
    /// <summary>Finds a record by id or stored name.</summary>
    Task<VideoRecord?> FindAsync(string idOrStoredName, CancellationToken cancellationToken = default);

    /// <summary>
    /// Finds the record stored with <paramref name="key"/> as its <see cref="VideoRecord.IdempotencyKey"/> (compared
    /// exactly, case-sensitive), or <see langword="null"/>.
    /// </summary>
    Task<VideoRecord?> FindByIdempotencyKeyAsync(string key, CancellationToken cancellationToken = default);

    /// <summary>Lists records newest first, filtered and paged.</summary>
    Task<VideoPage> ListAsync(VideoQuery query, CancellationToken cancellationToken = default);

    /// <summary>Streams every record, oldest first (export, verification, reconciliation).</summary>
    IAsyncEnumerable<VideoRecord> ReadAllAsync(CancellationToken cancellationToken = default);

    /// <summary>Counts and totals. <see cref="StorageStatistics.DiskFreeBytes"/> is left 0 for the store to fill.</summary>
    Task<StorageStatistics> GetStatisticsAsync(CancellationToken cancellationToken = default);

    /// <summary>
    /// Commits a new record together with its <paramref name="kind"/> event (<see cref="VideoEventKind.Stored"/> or
    /// <see cref="VideoEventKind.Adopted"/>) in one transaction. Returns <see langword="false"/> (and writes nothing)
    /// when a record with the same id, stored name, relative path or idempotency key already exists.
    /// </summary>
    Task<bool> AddAsync(VideoRecord video, VideoEventKind kind, string? detail, CancellationToken cancellationToken = default);

    /// <summary>Removes a record and appends a <see cref="VideoEventKind.Deleted"/> event in one transaction.</summary>
    Task<bool> RemoveAsync(string id, string? detail, CancellationToken cancellationToken = default);

    /// <summary>Changes a record's local-copy state and appends <paramref name="kind"/> in one transaction.</summary>
    Task<bool> SetLocalStateAsync(string id, LocalCopyState state, VideoEventKind kind, string? detail, CancellationToken cancellationToken = default);

    /// <summary>Appends an entry to the audit trail.</summary>
    Task AppendEventAsync(VideoEventKind kind, string? videoId, string? detail, CancellationToken cancellationToken = default);

    /// <summary>Reads audit-trail entries, oldest first.</summary>
    Task<IReadOnlyList<VideoEvent>> GetEventsAsync(VideoEventQuery query, CancellationToken cancellationToken = default);
}
