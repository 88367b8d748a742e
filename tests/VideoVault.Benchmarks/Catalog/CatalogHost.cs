using System.Diagnostics;
using System.Text.Json;

namespace VideoVault.Benchmarks.Catalog;

/// <summary>
/// The sample host running over one filled catalog, with one kept-alive client connection, and where each kind of
/// request stands against it (the cursor being followed, the next sample record to look up).
/// </summary>
internal sealed class CatalogHost(CatalogStore store, ServerProcess process) : IAsyncDisposable
{
    private readonly HttpClient _http = new() { BaseAddress = process.BaseUri, Timeout = TimeSpan.FromMinutes(5) };
    private int _nextSample;

    public CatalogStore Store => store;

    public ServerProcess Process => process;

    /// <summary>The <c>next_cursor</c> of the last page read, or null to start again from the first page.</summary>
    public string? Cursor { get; set; }

    /// <summary>The records of the sample in turn, so lookups do not hit the same row every time.</summary>
    public VideoRecord NextSample() => store.Sample[_nextSample++ % store.Sample.Count];

    /// <summary>One GET, timed from the request to the last byte of the answer; the body is parsed after the timing.</summary>
    public async Task<(TimeSpan Time, JsonDocument Body)> GetAsync(string path, CancellationToken cancellationToken)
    {
        var stopwatch = Stopwatch.StartNew();
        using var response = await _http.GetAsync(path, cancellationToken).ConfigureAwait(false);
        var body = await response.Content.ReadAsByteArrayAsync(cancellationToken).ConfigureAwait(false);
        var time = stopwatch.Elapsed;
        if (!response.IsSuccessStatusCode)
        {
            throw new BenchmarkException($"GET {path} on the {store.Count}-video catalog answered {(int)response.StatusCode}: {System.Text.Encoding.UTF8.GetString(body)}");
        }

        return (time, JsonDocument.Parse(body));
    }

    public async ValueTask DisposeAsync()
    {
        _http.Dispose();
        await process.DisposeAsync().ConfigureAwait(false);
    }
}
