using System.Globalization;
using Microsoft.Data.Sqlite;

namespace VideoVault.Manifest;

/// <summary>
/// Bulk filling for benchmarks and measurements: many records through the one insert path, a batch per transaction.
/// </summary>
internal sealed partial class SqliteVideoManifest
{
    /// <summary>
    /// Inserts <paramref name="videos"/> as <see cref="AddAsync"/> would (row, <see cref="VideoEventKind.Stored"/>
    /// event, host notification, and whatever the triggers keep in step), but <paramref name="batchSize"/> records per
    /// durable transaction instead of one, so a million rows take seconds of fsyncs rather than a million. The records
    /// are read lazily, a batch at a time. Not for a host's live path: each batch briefly changes the schema (see
    /// <see cref="InsertBatchAsync"/>).
    /// </summary>
    /// <exception cref="InvalidOperationException">A record's id, stored name, relative path or idempotency key exists
    /// already: its batch is rolled back, the batches before it stay committed.</exception>
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

    /// <summary>
    /// One batch in one transaction. FTS5 writes its pending entries out at the end of every statement that changes it,
    /// which costs about 0.7 ms per single-row insert (measured at 1,000,000 rows: 16x the row's other work), so for
    /// the batch the search index's insert trigger is set aside and the batch's rows are indexed by one statement. The
    /// trigger's own text is put back before the commit, so no other connection ever sees the schema without it, and
    /// a failure rolls the whole batch back, trigger and all. The counters' and key blocks' triggers run per row.
    /// </summary>
    private Task<bool> InsertBatchAsync(List<VideoRecord> batch, CancellationToken cancellationToken) =>
        WriteAsync(
            async (connection, transaction) =>
            {
                string searchTrigger;
                long lastKeyBefore;
                using (var read = Command(connection, transaction, "SELECT sql FROM sqlite_schema WHERE type = 'trigger' AND name = 'videos_search_insert';"))
                {
                    searchTrigger = (string?)await read.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false)
                        ?? throw new InvalidOperationException("The manifest has no videos_search_insert trigger: its schema is not the one this build writes.");
                }

                using (var read = Command(connection, transaction, "SELECT COALESCE(MAX(search_key), 0) FROM videos;"))
                {
                    lastKeyBefore = Convert.ToInt64(await read.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false), CultureInfo.InvariantCulture);
                }

                await ExecuteAsync(connection, transaction, "DROP TRIGGER videos_search_insert;", cancellationToken).ConfigureAwait(false);
                using (var statements = new VideoInsertStatements(connection, transaction))
                {
                    foreach (var video in batch)
                    {
                        if (!await InsertVideoAsync(statements, video, VideoEventKind.Stored, null, cancellationToken).ConfigureAwait(false))
                        {
                            throw new InvalidOperationException(
                                $"The record {video.Id} ({video.RelativePath}) exists already: its id, stored name, path or idempotency key is taken.");
                        }
                    }
                }

                // Keys are handed out as MAX + 1, so the batch's rows are exactly those above the key before it.
                using (var index = Command(
                    connection,
                    transaction,
                    "INSERT INTO videos_search (rowid, original_name, stored_name) SELECT search_key, original_name, stored_name FROM videos WHERE search_key > @last_key;"))
                {
                    index.Parameters.AddWithValue("@last_key", lastKeyBefore);
                    await index.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
                }

                await ExecuteAsync(connection, transaction, searchTrigger, cancellationToken).ConfigureAwait(false);
                return true;
            },
            cancellationToken);

    private static async Task ExecuteAsync(SqliteConnection connection, SqliteTransaction transaction, string sql, CancellationToken cancellationToken)
    {
        using var command = Command(connection, transaction, sql);
        await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
    }
}
