using System.Text.Json;

namespace VideoVault.Benchmarks.Catalog;

/// <summary>
/// One kind of request the catalog suite times and the median it is held to. <see cref="Path"/> gives the next
/// request against a host; <see cref="Prepare"/> runs untimed before it (fetching a first page to follow a cursor
/// from); <see cref="Check"/> reads each answer after the timing and names what is wrong with it, if anything.
/// </summary>
internal sealed record CatalogRequest(
    string Name,
    double TargetMilliseconds,
    Func<CatalogHost, string> Path,
    Func<CatalogHost, JsonElement, string?>? Check = null,
    Func<CatalogHost, CancellationToken, Task>? Prepare = null)
{
    private const string List = "api/videos/list";

    public static IReadOnlyList<CatalogRequest> All { get; } =
    [
        new("videos/list first page", 5, _ => List, Check: (host, body) => Total(body) == host.Store.Count ? null : $"total {Total(body)}, not {host.Store.Count}"),
        new("videos/list page 1000", 20, _ => $"{List}?page=1000"),
        new("videos/list by cursor (following next_cursor)", 5,
            host => $"{List}?cursor={Uri.EscapeDataString(host.Cursor!)}",
            Check: (host, body) =>
            {
                host.Cursor = NextCursor(body);
                return null;
            },
            Prepare: async (host, cancellationToken) =>
            {
                if (host.Cursor is null)
                {
                    var (_, first) = await host.GetAsync(List, cancellationToken).ConfigureAwait(false);
                    using (first)
                    {
                        host.Cursor = NextCursor(first.RootElement) ?? throw new BenchmarkException("the first page names no next_cursor: too few videos to follow one");
                    }
                }
            }),
        new($"videos/list?search={CatalogVideos.FrequentSearch} (~1 % hits)", 10, _ => $"{List}?search={CatalogVideos.FrequentSearch}",
            Check: (host, body) => Total(body) == host.Store.FrequentSearchHits ? null : $"{Total(body)} hits, not {host.Store.FrequentSearchHits}"),
        new("videos/list?search= with no match", 10, _ => $"{List}?search={CatalogVideos.MissingSearch}",
            Check: (_, body) => Total(body) == 0 ? null : $"{Total(body)} hits, not 0"),
        new("videos/storage-stats", 5, _ => "api/videos/storage-stats",
            Check: (host, body) => body.GetProperty("total_videos").GetInt64() == host.Store.Count ? null : $"total_videos {body.GetProperty("total_videos")}, not {host.Store.Count}"),
        new("video-info by stored name", 1, host => $"api/video-info/{Uri.EscapeDataString(host.NextSample().StoredName)}"),
        new("video-info by id", 1, host => $"api/video-info/{host.NextSample().Id}"),
    ];

    private static long Total(JsonElement body) => body.GetProperty("total").GetInt64();

    private static string? NextCursor(JsonElement body) =>
        body.GetProperty("next_cursor") is { ValueKind: JsonValueKind.String } cursor ? cursor.GetString() : null;
}
