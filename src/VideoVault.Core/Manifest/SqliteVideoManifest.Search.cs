using System.Globalization;
using System.Text;
using Microsoft.Data.Sqlite;

namespace VideoVault.Manifest;

/// <summary>
/// A list search of 3+ characters, served by the trigram index. Ordering the hits newest first by reading every hit's
/// row costs a random read per hit (measured at 1,000,000 videos: 45–60 ms for 10,000 hits), so the page is taken
/// block by block instead: search keys are handed out in insertion order, <c>video_key_blocks</c> bounds the creation
/// times in each block of keys, and the blocks holding hits are read newest bound first until no block left can hold a
/// row of the page. Uploads arrive in time order, so blocks barely overlap and a page reads about its own rows and one
/// block more; rows added out of time order (adopted files) only widen bounds, which costs reads, never correctness.
/// </summary>
internal sealed partial class SqliteVideoManifest
{
    /// <summary>
    /// The hits grouped by block of search keys, each group's keys as a JSON array (built natively: cheaper than a
    /// row per hit into .NET), with the block's creation-time bounds.
    /// </summary>
    private static readonly string HitBlocksSql =
        $"""
        SELECT hits.keys, hits.hit_count, bounds.min_created, bounds.max_created
        FROM (SELECT rowid >> {ManifestSchema.SearchKeyBlockBits} AS block, json_group_array(rowid) AS keys, COUNT(*) AS hit_count
              FROM videos_search WHERE videos_search MATCH @search GROUP BY 1) AS hits
        LEFT JOIN video_key_blocks AS bounds ON bounds.block = hits.block;
        """;

    private static readonly Comparer<(long CreatedAt, string Id)> OldestFirst = Comparer<(long CreatedAt, string Id)>.Create(
        static (a, b) => a.CreatedAt != b.CreatedAt ? a.CreatedAt.CompareTo(b.CreatedAt) : string.CompareOrdinal(a.Id, b.Id));

    private static async Task<VideoPage> ListSearchAsync(
        SqliteConnection connection, SqliteTransaction transaction, VideoQuery query, VideoSearchText search, VideoCursor? cursor, CancellationToken cancellationToken)
    {
        var blocks = new List<HitBlock>();
        long hits = 0;
        using (var read = Command(connection, transaction, HitBlocksSql))
        {
            read.Parameters.AddWithValue("@search", search.Phrase);
            var reader = await read.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
            await using (reader.ConfigureAwait(false))
            {
                while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
                {
                    // A block without bounds cannot happen (the insert trigger writes them), but would only cost reads.
                    var block = new HitBlock(
                        reader.GetString(0),
                        reader.IsDBNull(2) ? long.MinValue : reader.GetInt64(2),
                        reader.IsDBNull(3) ? long.MaxValue : reader.GetInt64(3));
                    blocks.Add(block);
                    hits += reader.GetInt64(1);
                }
            }
        }

        var filtered = !string.IsNullOrEmpty(query.Category) || query.MirrorState is not null || query.CreatedFrom is not null || query.CreatedBefore is not null;
        var total = filtered ? await CountFilteredHitsAsync(connection, transaction, query, search, cancellationToken).ConfigureAwait(false) : hits;
        if (total == 0)
        {
            return new VideoPage([], total, null);
        }

        var skip = cursor is null ? query.Offset : 0;
        var newest = await TakeNewestHitsAsync(connection, transaction, query, cursor, blocks, (long)skip + query.Limit + 1, cancellationToken).ConfigureAwait(false);
        var videos = await ReadRowsAsync(connection, transaction, newest.Skip(skip).Take(query.Limit + 1), cancellationToken).ConfigureAwait(false);
        return ToPage(videos, query.Limit, total);
    }

    /// <summary>
    /// The rowids of the <paramref name="wanted"/> newest hits that pass the filters and the cursor, newest first,
    /// reading hit rows one block of keys at a time and stopping once no block left can hold a newer one.
    /// </summary>
    private static async Task<List<long>> TakeNewestHitsAsync(
        SqliteConnection connection, SqliteTransaction transaction, VideoQuery query, VideoCursor? cursor, List<HitBlock> blocks, long wanted, CancellationToken cancellationToken)
    {
        blocks.Sort(static (a, b) => b.MaxCreated.CompareTo(a.MaxCreated));

        using var fetch = connection.CreateCommand();
        fetch.Transaction = transaction;
        var conditions = VideoFilterSql.Build(query, fetch);
        conditions.Insert(0, "search_key IN (SELECT value FROM json_each(@keys))");
        if (cursor is { } position)
        {
            conditions.Add("(created_at, id) < (@cursor_created_at, @cursor_id)");
            fetch.Parameters.AddWithValue("@cursor_created_at", position.CreatedAt);
            fetch.Parameters.AddWithValue("@cursor_id", position.Id);
        }

        // INDEXED BY: with a category or state filter the planner would rather walk that index and probe the keys.
        fetch.CommandText = $"SELECT rowid, created_at, id FROM videos INDEXED BY ux_videos_search_key{VideoFilterSql.Where(conditions)};";
        var keysParameter = fetch.Parameters.Add("@keys", SqliteType.Text);

        // A min-heap of the newest rows so far: its top is the oldest row still on the page.
        var page = new PriorityQueue<long, (long CreatedAt, string Id)>(OldestFirst);
        foreach (var block in blocks)
        {
            if (page.Count == wanted && page.TryPeek(out _, out var oldest) && block.MaxCreated < oldest.CreatedAt)
            {
                break;
            }

            if (cursor is { } after && block.MinCreated > after.CreatedAt)
            {
                continue;
            }

            keysParameter.Value = block.Keys;
            var reader = await fetch.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
            await using (reader.ConfigureAwait(false))
            {
                while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
                {
                    var row = (reader.GetInt64(1), reader.GetString(2));
                    if (page.Count < wanted)
                    {
                        page.Enqueue(reader.GetInt64(0), row);
                    }
                    else if (page.TryPeek(out _, out var oldestOnPage) && OldestFirst.Compare(row, oldestOnPage) > 0)
                    {
                        page.EnqueueDequeue(reader.GetInt64(0), row);
                    }
                }
            }
        }

        var newestFirst = new List<long>(page.Count);
        while (page.TryDequeue(out var rowid, out _))
        {
            newestFirst.Add(rowid);
        }

        newestFirst.Reverse();
        return newestFirst;
    }

    /// <summary>The hits that also pass the other filters: each hit's row is read, so this grows with the hits.</summary>
    private static async Task<long> CountFilteredHitsAsync(
        SqliteConnection connection, SqliteTransaction transaction, VideoQuery query, VideoSearchText search, CancellationToken cancellationToken)
    {
        using var count = connection.CreateCommand();
        count.Transaction = transaction;
        var conditions = VideoFilterSql.Build(query, count);
        conditions.Insert(0, "videos_search MATCH @search");
        count.Parameters.AddWithValue("@search", search.Phrase);

        // CROSS JOIN keeps the index as the outer loop: the planner never walks all of videos probing for hits.
        count.CommandText =
            $"SELECT COUNT(*) FROM videos_search CROSS JOIN videos ON videos.search_key = videos_search.rowid{VideoFilterSql.Where(conditions)};";
        return Convert.ToInt64(await count.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false), CultureInfo.InvariantCulture);
    }

    private static async Task<List<VideoRecord>> ReadRowsAsync(
        SqliteConnection connection, SqliteTransaction transaction, IEnumerable<long> rowids, CancellationToken cancellationToken)
    {
        var ids = rowids.ToList();
        var videos = new List<VideoRecord>(ids.Count);
        if (ids.Count == 0)
        {
            return videos;
        }

        // The rowids were read in this transaction, so no VACUUM can have renumbered them.
        using var read = Command(
            connection,
            transaction,
            $"SELECT {VideoRow.Columns} FROM videos WHERE rowid IN (SELECT value FROM json_each(@rowids)) ORDER BY created_at DESC, id DESC;");
        read.Parameters.AddWithValue("@rowids", JsonArray(ids));
        var reader = await read.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        await using (reader.ConfigureAwait(false))
        {
            while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
            {
                videos.Add(VideoRow.Read(reader));
            }
        }

        return videos;
    }

    private static string JsonArray(List<long> values)
    {
        var json = new StringBuilder(2 + (values.Count * 8));
        json.Append('[');
        for (var i = 0; i < values.Count; i++)
        {
            if (i > 0)
            {
                json.Append(',');
            }

            json.Append(values[i].ToString(CultureInfo.InvariantCulture));
        }

        return json.Append(']').ToString();
    }

    /// <summary>The search keys of the hits in one block (a JSON array), whose rows were created within the bounds.</summary>
    private readonly record struct HitBlock(string Keys, long MinCreated, long MaxCreated);
}
