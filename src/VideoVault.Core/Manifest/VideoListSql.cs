using System.Text;
using Microsoft.Data.Sqlite;

namespace VideoVault.Manifest;

/// <summary>
/// The two statements of a list request that the search index does not serve (no search, or one shorter than a
/// trigram; <see cref="SqliteVideoManifest"/>'s search file serves the rest), chosen so each costs what it returns:
/// <list type="bullet">
/// <item>An unfiltered, category-only or mirror-state-only total is read from <c>video_counts</c>; other totals count
/// through the filter's index. A search of one or two characters tests every row's names, so its cost grows with the
/// catalog.</item>
/// <item>The page selects only the rowids of its rows, from the index that orders the filter (so skipping an offset
/// reads index entries, not rows), then fetches those rows.</item>
/// </list>
/// </summary>
internal static class VideoListSql
{
    /// <summary>
    /// Binds every parameter on <paramref name="command"/> and returns its text: the total, then the page (one row more
    /// than the limit, to tell whether a next page exists). With a <paramref name="search"/> (too short for the index)
    /// that does not <see cref="VideoSearchText.ScansWithLike"/>, the caller registers <see cref="VideoSearchText.ScanFunction"/> on the connection.
    /// </summary>
    public static string Build(VideoQuery query, VideoSearchText? search, VideoCursor? cursor, SqliteCommand command)
    {
        var filter = VideoFilterSql.Build(query, command);
        var conditions = new List<string>(filter.Count + 2);
        if (search is { ScansWithLike: true } scanned)
        {
            conditions.Add(@"(original_name LIKE @search ESCAPE '\' OR stored_name LIKE @search ESCAPE '\')");
            command.Parameters.AddWithValue("@search", "%" + EscapeLike(scanned.Text) + "%");
        }
        else if (search is { } folded)
        {
            conditions.Add($"({VideoSearchText.ScanFunction}(original_name, @search) OR {VideoSearchText.ScanFunction}(stored_name, @search))");
            command.Parameters.AddWithValue("@search", folded.Text);
        }

        conditions.AddRange(filter);
        var total = search is null ? CounterTotalSql(query) : null;
        total ??= $"SELECT COUNT(*) FROM videos{VideoFilterSql.Where(conditions)};";

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
            $"SELECT rowid AS page_rowid FROM videos{VideoFilterSql.Where(conditions)} " +
            "ORDER BY created_at DESC, id DESC LIMIT @limit OFFSET @offset) AS page " +
            "CROSS JOIN videos ON videos.rowid = page.page_rowid ORDER BY created_at DESC, id DESC;";
    }

    /// <summary>Makes <c>%</c>, <c>_</c> and the escape character itself match literally.</summary>
    private static string EscapeLike(string text)
    {
        var builder = new StringBuilder(text.Length + 8);
        foreach (var c in text)
        {
            if (c is '%' or '_' or '\\')
            {
                builder.Append('\\');
            }

            builder.Append(c);
        }

        return builder.ToString();
    }

    /// <summary>The total from <c>video_counts</c> when the filters are ones it counts, or <see langword="null"/>.</summary>
    private static string? CounterTotalSql(VideoQuery query)
    {
        var byCategory = !string.IsNullOrEmpty(query.Category);
        var byState = query.MirrorState is not null;
        var byTime = query.CreatedFrom is not null || query.CreatedBefore is not null;
        return (byCategory, byState, byTime) switch
        {
            (false, false, false) => VideoCountsSql.TotalVideos,
            (true, false, false) => VideoCountsSql.CategoryVideos,
            (false, true, false) => VideoCountsSql.MirrorStateVideos,
            _ => null,
        };
    }
}
