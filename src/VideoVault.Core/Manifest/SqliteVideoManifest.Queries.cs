using System.Runtime.CompilerServices;
using Microsoft.Data.Sqlite;

namespace VideoVault.Manifest;

/// <summary>The read side of the manifest: lookups, pages, the full scan, statistics and the audit trail.</summary>
internal sealed partial class SqliteVideoManifest
{
    public async Task<VideoRecord?> FindAsync(string idOrStoredName, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(idOrStoredName);

        // An id match wins over a stored-name match, though the two never collide (names carry an extension).
        return idOrStoredName.Length == 0
            ? null
            : await FindOneAsync("id = @key OR stored_name = @key ORDER BY id = @key DESC", idOrStoredName, cancellationToken).ConfigureAwait(false);
    }

    public async Task<VideoRecord?> FindByIdempotencyKeyAsync(string key, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(key);
        return await FindOneAsync("idempotency_key = @key", key, cancellationToken).ConfigureAwait(false);
    }

    public Task<VideoPage> ListAsync(VideoQuery query, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(query);
        ArgumentOutOfRangeException.ThrowIfLessThan(query.Limit, 1, nameof(query));
        ArgumentOutOfRangeException.ThrowIfGreaterThan(query.Limit, VideoQuery.MaxLimit, nameof(query));
        ArgumentOutOfRangeException.ThrowIfNegative(query.Offset, nameof(query));
        if (query.MirrorState is { } state && !Enum.IsDefined(state))
        {
            throw new ArgumentOutOfRangeException(nameof(query), state, "Unknown mirror state.");
        }

        VideoCursor? cursor = string.IsNullOrEmpty(query.Cursor) ? null : VideoCursor.Decode(query.Cursor, nameof(query));
        VideoSearchText? search = string.IsNullOrEmpty(query.Search) ? null : VideoSearchText.Parse(query.Search);
        if (search is { Indexed: true } indexed)
        {
            return ReadAsync((connection, transaction) => ListSearchAsync(connection, transaction, query, indexed, cursor, cancellationToken), cancellationToken);
        }

        return ReadAsync(
            async (connection, transaction) =>
            {
                using var command = connection.CreateCommand();
                command.Transaction = transaction;

                // One command, so the filter is bound once and both statements read one snapshot.
                command.CommandText = VideoListSql.Build(query, search, cursor, command);
                if (search is { ScansWithLike: false })
                {
                    VideoSearchText.RegisterScanFunction(connection);
                }

                long total;
                var videos = new List<VideoRecord>(Math.Min(query.Limit + 1, 64));
                var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
                await using (reader.ConfigureAwait(false))
                {
                    await reader.ReadAsync(cancellationToken).ConfigureAwait(false);
                    total = reader.GetInt64(0);
                    await reader.NextResultAsync(cancellationToken).ConfigureAwait(false);
                    while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
                    {
                        videos.Add(VideoRow.Read(reader));
                    }
                }

                return ToPage(videos, query.Limit, total);
            },
            cancellationToken);
    }

    /// <summary>The page from up to one row more than <paramref name="limit"/>: that extra row says a next page exists.</summary>
    private static VideoPage ToPage(List<VideoRecord> videos, int limit, long total)
    {
        string? next = null;
        if (videos.Count > limit)
        {
            videos.RemoveAt(videos.Count - 1);
            var last = videos[^1];
            next = new VideoCursor(ManifestTime.ToStored(last.CreatedAt), last.Id).Encode();
        }

        return new VideoPage(videos, total, next);
    }

    public async IAsyncEnumerable<VideoRecord> ReadAllAsync([EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        var connection = await OpenAsync(cancellationToken).ConfigureAwait(false);
        await using (connection.ConfigureAwait(false))
        {
            // One statement is one WAL snapshot: writers carry on while this streams, and it never sees half a change.
            using var command = connection.CreateCommand();
            command.CommandText = $"SELECT {VideoRow.Columns} FROM videos ORDER BY created_at, id;";
            var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
            await using (reader.ConfigureAwait(false))
            {
                while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
                {
                    yield return VideoRow.Read(reader);
                }
            }
        }
    }

    /// <summary>
    /// Reads the counters (a few rows) and the oldest and newest creation time (one seek each in
    /// <c>ix_videos_created</c>), so the cost does not grow with the catalog.
    /// </summary>
    public Task<StorageStatistics> GetStatisticsAsync(CancellationToken cancellationToken = default) =>
        ReadAsync(
            async (connection, transaction) =>
            {
                using var command = connection.CreateCommand();
                command.Transaction = transaction;

                // MIN and MAX in one SELECT would scan: SQLite's min/max optimisation takes a query with one of them only.
                command.CommandText =
                    VideoCountsSql.ByMirrorState + "\n" +
                    VideoCountsSql.ByCategory + "\n" +
                    "SELECT (SELECT MIN(created_at) FROM videos), (SELECT MAX(created_at) FROM videos);";
                var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
                await using (reader.ConfigureAwait(false))
                {
                    var byState = Enum.GetValues<MirrorState>().ToDictionary(s => s, _ => 0L);
                    long totalVideos = 0, totalBytes = 0;
                    while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
                    {
                        var videos = reader.GetInt64(1);
                        byState[VideoRow.ParseEnum<MirrorState>(reader.GetString(0), "mirror_state")] += videos;
                        totalVideos += videos;
                        totalBytes += reader.GetInt64(2);
                    }

                    // Grouped case-insensitively, like the list filter, so the counts match what a filter returns.
                    var byCategory = new Dictionary<string, long>(StringComparer.OrdinalIgnoreCase);
                    await reader.NextResultAsync(cancellationToken).ConfigureAwait(false);
                    while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
                    {
                        byCategory[reader.GetString(0)] = reader.GetInt64(1);
                    }

                    await reader.NextResultAsync(cancellationToken).ConfigureAwait(false);
                    await reader.ReadAsync(cancellationToken).ConfigureAwait(false);
                    return new StorageStatistics
                    {
                        TotalVideos = totalVideos,
                        TotalSizeBytes = totalBytes,
                        ByMirrorState = byState,
                        ByCategory = byCategory,
                        DiskFreeBytes = 0,
                        Oldest = VideoRow.GetNullableTime(reader, 0),
                        Newest = VideoRow.GetNullableTime(reader, 1),
                        MirrorBacklog = byState[MirrorState.Pending] + byState[MirrorState.Uploading] + byState[MirrorState.Retrying],
                    };
                }
            },
            cancellationToken);

    public Task<IReadOnlyList<VideoEvent>> GetEventsAsync(VideoEventQuery query, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(query);
        if (query.Tail is { } tail)
        {
            ArgumentOutOfRangeException.ThrowIfLessThan(tail, 1, nameof(query));
        }

        return ReadAsync<IReadOnlyList<VideoEvent>>(
            async (connection, transaction) =>
            {
                using var command = connection.CreateCommand();
                command.Transaction = transaction;
                var conditions = new List<string>();
                if (query.VideoId is not null)
                {
                    conditions.Add("video_id = @video_id");
                    command.Parameters.AddWithValue("@video_id", query.VideoId);
                }

                if (query.AfterSequence is { } after)
                {
                    conditions.Add("seq > @after");
                    command.Parameters.AddWithValue("@after", after);
                }

                var where = VideoFilterSql.Where(conditions);
                command.CommandText = query.Tail is { } count
                    ? $"SELECT seq, at, kind, video_id, detail FROM (SELECT * FROM events{where} ORDER BY seq DESC LIMIT {count}) ORDER BY seq;"
                    : $"SELECT seq, at, kind, video_id, detail FROM events{where} ORDER BY seq;";

                var events = new List<VideoEvent>();
                var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
                await using (reader.ConfigureAwait(false))
                {
                    while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
                    {
                        events.Add(new VideoEvent(
                            reader.GetInt64(0),
                            ManifestTime.FromStored(reader.GetInt64(1)),
                            VideoRow.ParseEnum<VideoEventKind>(reader.GetString(2), "kind"),
                            VideoRow.GetNullableString(reader, 3),
                            VideoRow.GetNullableString(reader, 4)));
                    }
                }

                return events;
            },
            cancellationToken);
    }

    /// <summary>The first record matching <paramref name="condition"/> (which may end in an ORDER BY) on <c>@key</c>.</summary>
    private async Task<VideoRecord?> FindOneAsync(string condition, string key, CancellationToken cancellationToken)
    {
        var connection = await OpenAsync(cancellationToken).ConfigureAwait(false);
        await using (connection.ConfigureAwait(false))
        {
            using var command = connection.CreateCommand();
            command.CommandText = $"SELECT {VideoRow.Columns} FROM videos WHERE {condition} LIMIT 1;";
            command.Parameters.AddWithValue("@key", key);
            var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
            await using (reader.ConfigureAwait(false))
            {
                return await reader.ReadAsync(cancellationToken).ConfigureAwait(false) ? VideoRow.Read(reader) : null;
            }
        }
    }
}
