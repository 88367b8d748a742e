using Microsoft.Data.Sqlite;

namespace VideoVault.Manifest;

/// <summary>
/// The two statements of one list request, its total and its page, chosen so each costs what it returns:
/// <list type="bullet">
/// <item>A search of 3+ characters reads the trigram index and joins its hits back to <c>videos</c> by search key;
/// its total counts the hits. A shorter search scans every row (the index has nothing that short), so its cost grows
/// with the catalog.</item>
/// <item>An unfiltered, category-only or mirror-state-only total is read from <c>video_counts</c>; other totals count
/// through the filter's index.</item>
/// <item>The page selects only the rowids of its rows, from the index that orders the filter (so skipping an offset
/// reads index entries, not rows), then fetches those rows.</item>
/// </list>
/// </summary>
internal static class VideoListSql
{
    private const string Videos = "videos";
    private const string SearchHits = "videos_search CROSS JOIN videos ON videos.search_key = videos_search.rowid";

    /// <summary>
    /// Binds every parameter on <paramref name="command"/> and returns its text: the total, then the page (one row more
    /// than the limit, to tell whether a next page exists). The caller registers the scan function when
    /// <paramref name="needsScanFunction"/> says so.
    /// </summary>
    public static string Build(VideoQuery query, VideoCursor? cursor, SqliteCommand command, out bool needsScanFunction)
    {
        var filter = VideoFilterSql.Build(query, command);
        var conditions = new List<string>(filter.Count + 2);
        var source = Videos;
        VideoSearchText? search = string.IsNullOrEmpty(query.Search) ? null : VideoSearchText.Parse(query.Search);
        needsScanFunction = search is { Indexed: false };
        if (search is { Indexed: true } indexed)
        {
            // CROSS JOIN keeps the index as the outer loop: the planner never walks all of videos probing for hits.
            source = SearchHits;
            conditions.Add("videos_search MATCH @search");
            command.Parameters.AddWithValue("@search", indexed.Phrase);
        }
        else if (search is { } scanned)
        {
            conditions.Add($"({VideoSearchText.ScanFunction}(original_name, @search) OR {VideoSearchText.ScanFunction}(stored_name, @search))");
            command.Parameters.AddWithValue("@search", scanned.Text);
        }

        conditions.AddRange(filter);
        var total = TotalSql(query, search, filter, source, conditions);

        if (cursor is { } position)
        {
            conditions.Add("(created_at, id) < (@cursor_created_at, @cursor_id)");
            command.Parameters.AddWithValue("@cursor_created_at", position.CreatedAt);
            command.Parameters.AddWithValue("@cursor_id", position.Id);
        }

        command.Parameters.AddWithValue("@limit", query.Limit + 1);
        command.Parameters.AddWithValue("@offset", cursor is null ? query.Offset : 0);

        // The rowid is only carried from the inner to the outer statement, never kept, so VACUUM cannot stale it.
        return
            total + "\n" +
            $"SELECT {VideoRow.Columns} FROM (" +
            $"SELECT videos.rowid AS page_rowid FROM {source}{VideoFilterSql.Where(conditions)} " +
            "ORDER BY created_at DESC, id DESC LIMIT @limit OFFSET @offset) AS page " +
            "CROSS JOIN videos ON videos.rowid = page.page_rowid ORDER BY created_at DESC, id DESC;";
    }

    private static string TotalSql(VideoQuery query, VideoSearchText? search, List<string> filter, string source, List<string> conditions)
    {
        if (search is null)
        {
            var byCategory = !string.IsNullOrEmpty(query.Category);
            var byState = query.MirrorState is not null;
            var byTime = query.CreatedFrom is not null || query.CreatedBefore is not null;
            switch (byCategory, byState, byTime)
            {
                case (false, false, false):
                    return VideoCountsSql.TotalVideos;
                case (true, false, false):
                    return VideoCountsSql.CategoryVideos;
                case (false, true, false):
                    return VideoCountsSql.MirrorStateVideos;
            }
        }
        else if (search.Value.Indexed && filter.Count == 0)
        {
            return "SELECT COUNT(*) FROM videos_search WHERE videos_search MATCH @search;";
        }

        return $"SELECT COUNT(*) FROM {source}{VideoFilterSql.Where(conditions)};";
    }
}
