namespace VideoVault.Manager.Commands;

/// <summary>Reads one page or every page of a store listing.</summary>
internal static class VideoPaging
{
    public static async Task<(IReadOnlyList<VideoRecord> Videos, long Total)> ReadFirstAsync(
        IVideoStore store, VideoQuery query, CancellationToken cancellationToken)
    {
        var page = await store.ListAsync(query, cancellationToken).ConfigureAwait(false);
        return (page.Videos, page.Total);
    }

    public static async Task<(IReadOnlyList<VideoRecord> Videos, long Total)> ReadAllAsync(
        IVideoStore store, VideoQuery query, CancellationToken cancellationToken)
    {
        var videos = new List<VideoRecord>();
        var page = await store.ListAsync(query with { Limit = VideoQuery.MaxLimit, Cursor = null }, cancellationToken).ConfigureAwait(false);
        videos.AddRange(page.Videos);
        while (page.NextCursor is { } cursor && page.Videos.Count > 0)
        {
            page = await store.ListAsync(query with { Limit = VideoQuery.MaxLimit, Cursor = cursor }, cancellationToken).ConfigureAwait(false);
            videos.AddRange(page.Videos);
        }

        return (videos, Math.Max(page.Total, videos.Count));
    }
}
