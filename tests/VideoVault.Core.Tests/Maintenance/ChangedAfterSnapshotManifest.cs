using System.Runtime.CompilerServices;
using VideoVault.Manifest;

namespace VideoVault.Tests.Maintenance;

/// <summary>
/// The real manifest, except that once a caller has read every record (a reconciliation's snapshot) it runs
/// <c>change</c>, as another process would between that snapshot and the caller's writes.
/// </summary>
internal sealed class ChangedAfterSnapshotManifest(SqliteVideoManifest inner) : IVideoManifest, ILocalCopyStateTransition
{
    private Func<Task>? _change;

    public void ChangeAfterNextSnapshot(Func<Task> change) => _change = change;

    public async IAsyncEnumerable<VideoRecord> ReadAllAsync([EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        await foreach (var record in inner.ReadAllAsync(cancellationToken))
        {
            yield return record;
        }

        if (Interlocked.Exchange(ref _change, null) is { } change)
        {
            await change();
        }
    }

    public Task<bool> AddAsync(VideoRecord video, VideoEventKind kind, string? detail, CancellationToken cancellationToken = default) =>
        inner.AddAsync(video, kind, detail, cancellationToken);

    public Task AppendEventAsync(VideoEventKind kind, string? videoId, string? detail, CancellationToken cancellationToken = default) =>
        inner.AppendEventAsync(kind, videoId, detail, cancellationToken);

    public Task<VideoRecord?> FindAsync(string idOrStoredName, CancellationToken cancellationToken = default) => inner.FindAsync(idOrStoredName, cancellationToken);

    public Task<VideoRecord?> FindByIdempotencyKeyAsync(string key, CancellationToken cancellationToken = default) =>
        inner.FindByIdempotencyKeyAsync(key, cancellationToken);

    public Task<IReadOnlyList<VideoEvent>> GetEventsAsync(VideoEventQuery query, CancellationToken cancellationToken = default) => inner.GetEventsAsync(query, cancellationToken);

    public Task<StorageStatistics> GetStatisticsAsync(CancellationToken cancellationToken = default) => inner.GetStatisticsAsync(cancellationToken);

    public Task<VideoPage> ListAsync(VideoQuery query, CancellationToken cancellationToken = default) => inner.ListAsync(query, cancellationToken);

    public Task<bool> RemoveAsync(string id, string? detail, CancellationToken cancellationToken = default) => inner.RemoveAsync(id, detail, cancellationToken);

    public Task<bool> SetLocalStateAsync(string id, LocalCopyState state, VideoEventKind kind, string? detail, CancellationToken cancellationToken = default) =>
        inner.SetLocalStateAsync(id, state, kind, detail, cancellationToken);

    public Task<bool> SetLocalStateAsync(string id, LocalCopyState expected, LocalCopyState state, VideoEventKind kind, string? detail, CancellationToken cancellationToken = default) =>
        inner.SetLocalStateAsync(id, expected, state, kind, detail, cancellationToken);
}
