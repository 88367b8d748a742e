using Microsoft.Data.Sqlite;

namespace VideoVault.Manifest;

/// <summary>
/// Turns the filters of a <see cref="VideoQuery"/> other than its search into a parameterised SQL condition on
/// <c>videos</c> (the search is <see cref="VideoListSql"/>'s, because it changes what the query reads from).
/// </summary>
internal static class VideoFilterSql
{
    /// <summary>
    /// Adds the filter parameters to <paramref name="command"/> and returns the conditions, to be joined by AND, or an
    /// empty list when nothing is filtered. Column names are unqualified and none is a name column, so the conditions
    /// also hold in a join with the search index.
    /// </summary>
    public static List<string> Build(VideoQuery query, SqliteCommand command)
    {
        var conditions = new List<string>();
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

    public static string Where(IReadOnlyCollection<string> conditions) =>
        conditions.Count == 0 ? string.Empty : " WHERE " + string.Join(" AND ", conditions);
}
