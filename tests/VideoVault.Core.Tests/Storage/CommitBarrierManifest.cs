namespace VideoVault.Tests.Storage;

/// <summary>
/// The real manifest, except that a new record's commit waits until <c>parties</c> commits have arrived: every upload
/// then passed its pre-publish lookups before any of them commits, which is the race a retry storm can produce.
/// </summary>
internal sealed class CommitBarrierManifest(IVideoManifest inner, int parties) : IVideoManifest
{
    private readonly TaskCompletionSource _allArrived = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private int _arrived;

    public int Arrived => Volatile.Read(ref _arrived);

    public async Task<bool> AddAsync(VideoRecord video, VideoEventKind kind, string? detail, CancellationToken cancellationToken = default)
    {
        if (Interlocked.Increment(ref _arrived) >= parties)
        {
            _allArrived.TrySetResult();
        }

        // A timeout fails the test instead of hanging it if fewer uploads than expected reach the commit.
        await _allArrived.Task.WaitAsync(TimeSpan.FromSeconds(30), cancellationToken);
        return await inner.AddAsync(video, kind, detail, cancellationToken);
    }

    public Task AppendEventAsync(VideoEventKind kind, string? videoId, string? detail, CancellationToken cancellationToken = default) =>
        inner.AppendEventAsync(kind, videoId, detail, cancellationToken);

    public Task<VideoRecord?> FindAsync(string idOrStoredName, CancellationToken cancellationToken = default) => inner.FindAsync(idOrStoredName, cancellationToken);

    public Task<VideoRecord?> FindByIdempotencyKeyAsync(string key, CancellationToken cancellationToken = default) =>
        inner.FindByIdempotencyKeyAsync(key, cancellationToken);

    public Task<IReadOnlyList<VideoEvent>> GetEventsAsync(VideoEventQuery query, CancellationToken cancellationToken = default) => inner.GetEventsAsync(query, cancellationToken);

    public Task<StorageStatistics> GetStatisticsAsync(CancellationToken cancellationToken = default) => inner.GetStatisticsAsync(cancellationToken);

    public Task<VideoPage> ListAsync(VideoQuery query, CancellationToken cancellationToken = default) => inner.ListAsync(query, cancellationToken);

    public IAsyncEnumerable<VideoRecord> ReadAllAsync(CancellationToken cancellationToken = default) => inner.ReadAllAsync(cancellationToken);

    public Task<bool> RemoveAsync(string id, string? detail, CancellationToken cancellationToken = default) => inner.RemoveAsync(id, detail, cancellationToken);

    public Task<bool> SetLocalStateAsync(string id, LocalCopyState state, VideoEventKind kind, string? detail, CancellationToken cancellationToken = default) =>
        inner.SetLocalStateAsync(id, state, kind, detail, cancellationToken);
}
