namespace VideoVault.Manifest;

/// <summary>
/// Reads of <c>video_counts</c>, the counters that triggers keep in step with <c>videos</c> (schema version 4): rows
/// per exact category spelling and per mirror state, each with its videos and bytes. Every video has one mirror state,
/// so the state rows add up to the whole catalog.
/// </summary>
internal static class VideoCountsSql
{
    public const string TotalVideos = "SELECT COALESCE(SUM(videos), 0) FROM video_counts WHERE dimension = 'mirror_state';";

    /// <summary>The list filter's grouping: every spelling of <c>@category</c> under NOCASE.</summary>
    public const string CategoryVideos =
        "SELECT COALESCE(SUM(videos), 0) FROM video_counts WHERE dimension = 'category' AND value = @category COLLATE NOCASE;";

    public const string MirrorStateVideos =
        "SELECT COALESCE(SUM(videos), 0) FROM video_counts WHERE dimension = 'mirror_state' AND value = @mirror_state;";

    /// <summary>Videos and bytes per mirror state (states with none have no row).</summary>
    public const string ByMirrorState = "SELECT value, videos, bytes FROM video_counts WHERE dimension = 'mirror_state';";

    /// <summary>
    /// Videos per category grouped as the list filter groups them, named by the spelling that sorts first, as a
    /// GROUP BY over the rows would name it.
    /// </summary>
    public const string ByCategory =
        "SELECT MIN(value), SUM(videos) FROM video_counts WHERE dimension = 'category' GROUP BY value COLLATE NOCASE;";
}
