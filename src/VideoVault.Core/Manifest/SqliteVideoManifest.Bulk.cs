namespace VideoVault.Manifest;

/// <summary>
/// Bulk filling for benchmarks and measurements: many records through the one insert path, a batch per transaction.
/// </summary>
internal sealed partial class SqliteVideoManifest
{
    /// <summary>
    /// Inserts <paramref name="videos"/> as <see cref="AddAsync"/> would (row, <see cref="VideoEventKind.Stored"/>
    /// event, host notification, and whatever the triggers keep in step), but <paramref name="batchSize"/> records per
    /// durable transaction instead of one, so a million rows take seconds of fsyncs rather than a million. A record
    /// that collides with an existing one (id, stored name, path, idempotency key) is skipped, as AddAsync refuses it.
    /// </summary>
    internal async Task AddManyAsync(IEnumerable<VideoRecord> videos, int batchSize, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(videos);
        ArgumentOutOfRangeException.ThrowIfLessThan(batchSize, 1);

        var batch = new List<VideoRecord>(Math.Min(batchSize, 100_000));
        foreach (var video in videos)
        {
            ThrowIfNotInsertable(video, nameof(videos));
            batch.Add(video);
            if (batch.Count == batchSize)
            {
                await InsertBatchAsync(batch, cancellationToken).ConfigureAwait(false);
                batch.Clear();
            }
        }

        if (batch.Count > 0)
        {
            await InsertBatchAsync(batch, cancellationToken).ConfigureAwait(false);
        }
    }

    private Task<bool> InsertBatchAsync(List<VideoRecord> batch, CancellationToken cancellationToken) =>
        WriteAsync(
            async (connection, transaction) =>
            {
                using var statements = new VideoInsertStatements(connection, transaction);
                foreach (var video in batch)
                {
                    await InsertVideoAsync(statements, video, VideoEventKind.Stored, null, cancellationToken).ConfigureAwait(false);
                }

                return true;
            },
            cancellationToken);
}
