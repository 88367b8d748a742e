using System.Text;
using Microsoft.Data.Sqlite;

namespace VideoVault.Manifest;

/// <summary>Turns the filters of a <see cref="VideoQuery"/> into a parameterised SQL condition on <c>videos</c>.</summary>
internal static class VideoFilterSql
{
    private const char LikeEscape = '\\';

    /// <summary>
    /// Adds the filter parameters to <paramref name="command"/> and returns the conditions, joined by AND, or an
    /// empty list when nothing is filtered.
    /// </summary>
    public static List<string> Build(VideoQuery query, SqliteCommand command)
    {
        var conditions = new List<string>();
        if (!string.IsNullOrEmpty(query.Search))
        {
            // LIKE folds ASCII case only; names are mostly ASCII and this keeps the file readable by the sqlite3 shell.
            conditions.Add(@"(original_name LIKE @search ESCAPE '\' OR stored_name LIKE @search ESCAPE '\')");
            command.Parameters.AddWithValue("@search", "%" + EscapeLike(query.Search) + "%");
        }

        if (!string.IsNullOrEmpty(query.Category))
        {
            conditions.Add("category = @category COLLATE NOCASE");
            command.Parameters.AddWithValue("@category", query.Category);
        }

        if (query.MirrorState is { } state)
        {
            conditions.Add("mirror_state = @mirror_state");
            command.Parameters.AddWithValue("@mirror_state", state.ToString());
        }

        if (query.CreatedFrom is { } from)
        {
            conditions.Add("created_at >= @created_from");
            command.Parameters.AddWithValue("@created_from", ManifestTime.ToStored(from));
        }

        if (query.CreatedBefore is { } before)
        {
            conditions.Add("created_at < @created_before");
            command.Parameters.AddWithValue("@created_before", ManifestTime.ToStored(before));
        }

        return conditions;
    }

    public static string Where(List<string> conditions) =>
        conditions.Count == 0 ? string.Empty : " WHERE " + string.Join(" AND ", conditions);

    /// <summary>Makes <c>%</c>, <c>_</c> and the escape character itself match literally.</summary>
    public static string EscapeLike(string text)
    {
        var builder = new StringBuilder(text.Length + 8);
        foreach (var c in text)
        {
            if (c is '%' or '_' or LikeEscape)
            {
                builder.Append(LikeEscape);
            }

            builder.Append(c);
        }

        return builder.ToString();
    }
}
