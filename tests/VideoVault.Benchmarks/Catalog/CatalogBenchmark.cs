using System.Diagnostics;
using System.Globalization;
using VideoVault.Benchmarks.Reporting;

namespace VideoVault.Benchmarks.Catalog;

/// <summary>
/// How the host answers with a big catalog. Fills one store root with the configured number of videos and another
/// with 100 (the floor: what a request costs whatever the catalog), starts the Release sample host on each (timing
/// process start to the first answer of <c>videos/list</c>, after an untimed warm-up start), then times each request
/// kind over HTTP on loopback, alternating between the two hosts after a warm-up, and reads both hosts' RSS at the end.
/// Each figure is printed beside its target and its floor.
/// </summary>
internal static class CatalogBenchmark
{
    private const string Suite = "catalog";
    private const int FloorCount = 100;
    private const int WarmUpRequests = 10;
    private const int MinimumRequests = 5;
    private const double MiB = 1024 * 1024;
    private const long RssBudgetBytes = 64L * 1024 * 1024;
    private const string ReadyPath = "api/videos/list?limit=1";

    private static readonly TimeSpan StartupTarget = TimeSpan.FromSeconds(2);
    private static readonly TimeSpan StartupPoll = TimeSpan.FromMilliseconds(5);
    private static readonly TimeSpan StartupTimeout = TimeSpan.FromMinutes(10);

    /// <summary>Slow requests (a full scan per request) stop after this much time on the big catalog.</summary>
    private static readonly TimeSpan BudgetPerRequestKind = TimeSpan.FromSeconds(30);

    public static async Task<IReadOnlyList<BenchmarkFigure>> RunAsync(BenchmarkSettings settings, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(settings);
        var work = Directory.CreateDirectory(Path.Combine(settings.WorkDirectory, Suite)).FullName;
        try
        {
            Console.WriteLine($"catalog: {settings.CatalogVideos:N0} videos against a floor of {FloorCount}; {Environment.ProcessorCount} cores, load average {File.ReadAllText("/proc/loadavg").Trim()}");
            var floorStore = await CatalogStore.CreateAsync(Path.Combine(work, "floor"), FloorCount, cancellationToken).ConfigureAwait(false);
            var store = await CatalogStore.CreateAsync(Path.Combine(work, "catalog"), settings.CatalogVideos, cancellationToken).ConfigureAwait(false);
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"  filled {store.Count:N0} records in {store.FillTime.TotalSeconds:0.0} s ({store.Count / store.FillTime.TotalSeconds:N0}/s, AddManyAsync in batches, {store.Files:N0} hard links); {store.FrequentSearchHits:N0} names hold '{CatalogVideos.FrequentSearch}'"));

            var figures = new List<BenchmarkFigure>
            {
                new(Suite, $"set-up: fill {store.Count:N0} records through AddManyAsync", string.Create(CultureInfo.InvariantCulture, $"{store.FillTime.TotalSeconds:0.0} s"), "-", null, null),
            };

            var (floor, floorStarts) = await StartRepeatedlyAsync(settings, floorStore, cancellationToken).ConfigureAwait(false);
            await using (floor.ConfigureAwait(false))
            {
                var (catalog, catalogStarts) = await StartRepeatedlyAsync(settings, store, cancellationToken).ConfigureAwait(false);
                await using (catalog.ConfigureAwait(false))
                {
                    figures.Add(StartupFigure(store.Count, catalogStarts, floorStarts));
                    foreach (var request in CatalogRequest.All)
                    {
                        var (atFloor, atCatalog) = await MeasureAsync(request, floor, catalog, settings.CatalogRequests, cancellationToken).ConfigureAwait(false);
                        Console.WriteLine($"  {request.Name}: {atCatalog} ({store.Count:N0} videos); {atFloor} ({FloorCount} videos)");
                        figures.Add(new BenchmarkFigure(
                            Suite,
                            $"{request.Name}, {store.Count:N0} videos",
                            atCatalog.ToString(),
                            string.Create(CultureInfo.InvariantCulture, $"median <= {request.TargetMilliseconds:0} ms"),
                            $"{FloorCount} videos: {atFloor}",
                            atCatalog.Median <= request.TargetMilliseconds));
                    }

                    figures.Add(MemoryFigure("host RSS after start-up and the requests", store.Count, ProcessMemory.CurrentBytes(catalog.Process.ProcessId), ProcessMemory.CurrentBytes(floor.Process.ProcessId)));
                    figures.Add(MemoryFigure("host peak RSS (VmHWM) since its start", store.Count, ProcessMemory.PeakBytes(catalog.Process.ProcessId), ProcessMemory.PeakBytes(floor.Process.ProcessId)));
                }
            }

            return figures;
        }
        finally
        {
            TryDelete(work);
        }
    }

    /// <summary>
    /// Starts the host on the store once untimed (a cold file cache and JIT are not what start-up costs a host that
    /// restarts), then <see cref="BenchmarkSettings.StartupRuns"/> times timed; the last one keeps running.
    /// </summary>
    private static async Task<(CatalogHost Host, List<TimeSpan> Starts)> StartRepeatedlyAsync(BenchmarkSettings settings, CatalogStore store, CancellationToken cancellationToken)
    {
        var starts = new List<TimeSpan>();
        for (var run = 0; ; run++)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var process = await SampleHost.StartOnRootAsync(settings.HostAssembly, store.Root, 1L << 30, readyPath: ReadyPath, pollInterval: StartupPoll, timeout: StartupTimeout).ConfigureAwait(false);
            if (run > 0)
            {
                starts.Add(process.StartupTime);
            }

            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"  start-up {(run == 0 ? "(warm-up)" : $"{run}")} with {store.Count:N0} videos: {process.StartupTime.TotalSeconds:0.000} s, RSS {ProcessMemory.CurrentBytes(process.ProcessId) / MiB:0} MiB"));
            if (run == settings.StartupRuns)
            {
                return (new CatalogHost(store, process), starts);
            }

            await process.DisposeAsync().ConfigureAwait(false);
        }
    }

    /// <summary>
    /// Warms both hosts up, then alternates one request to the floor and one to the catalog until
    /// <paramref name="requests"/> each, or until the catalog's requests took <see cref="BudgetPerRequestKind"/>.
    /// </summary>
    private static async Task<(Latencies Floor, Latencies Catalog)> MeasureAsync(CatalogRequest request, CatalogHost floor, CatalogHost catalog, int requests, CancellationToken cancellationToken)
    {
        var atFloor = new Latencies();
        var atCatalog = new Latencies();
        for (var i = 0; i < WarmUpRequests; i++)
        {
            await SendAsync(request, floor, null, cancellationToken).ConfigureAwait(false);
            await SendAsync(request, catalog, null, cancellationToken).ConfigureAwait(false);
        }

        var spent = Stopwatch.StartNew();
        while (atCatalog.Count < requests && (atCatalog.Count < MinimumRequests || spent.Elapsed < BudgetPerRequestKind))
        {
            await SendAsync(request, floor, atFloor, cancellationToken).ConfigureAwait(false);
            await SendAsync(request, catalog, atCatalog, cancellationToken).ConfigureAwait(false);
        }

        return (atFloor, atCatalog);
    }

    private static async Task SendAsync(CatalogRequest request, CatalogHost host, Latencies? into, CancellationToken cancellationToken)
    {
        if (request.Prepare is { } prepare)
        {
            await prepare(host, cancellationToken).ConfigureAwait(false);
        }

        var path = request.Path(host);
        var (time, body) = await host.GetAsync(path, cancellationToken).ConfigureAwait(false);
        using (body)
        {
            into?.Add(time);
            if (request.Check?.Invoke(host, body.RootElement) is { } problem)
            {
                throw new BenchmarkException($"GET {path} on the {host.Store.Count}-video catalog: {problem}");
            }
        }
    }

    private static BenchmarkFigure StartupFigure(int count, List<TimeSpan> catalog, List<TimeSpan> floor)
    {
        var median = IngestTarget.Middle(catalog.Select(t => t.TotalSeconds));
        var floorMedian = IngestTarget.Middle(floor.Select(t => t.TotalSeconds));
        return new BenchmarkFigure(
            Suite,
            $"host start-up to the first videos/list answer, {count:N0} videos (median of {catalog.Count})",
            string.Create(CultureInfo.InvariantCulture, $"{median:0.00} s (runs {string.Join(", ", catalog.Select(t => t.TotalSeconds.ToString("0.00", CultureInfo.InvariantCulture)))})"),
            string.Create(CultureInfo.InvariantCulture, $"<= {StartupTarget.TotalSeconds:0} s"),
            string.Create(CultureInfo.InvariantCulture, $"{FloorCount} videos: {floorMedian:0.00} s"),
            median <= StartupTarget.TotalSeconds);
    }

    private static BenchmarkFigure MemoryFigure(string name, int count, long catalogRss, long floorRss) =>
        new(
            Suite,
            $"{name}, {count:N0} videos",
            string.Create(CultureInfo.InvariantCulture, $"{catalogRss / MiB:0} MiB ({(long)Math.Round((catalogRss - floorRss) / MiB):+0;-0;0} MiB over the floor)"),
            string.Create(CultureInfo.InvariantCulture, $"<= {RssBudgetBytes / MiB:0} MiB over the floor"),
            string.Create(CultureInfo.InvariantCulture, $"{FloorCount} videos: {floorRss / MiB:0} MiB"),
            catalogRss - floorRss <= RssBudgetBytes);

    private static void TryDelete(string directory)
    {
        try
        {
            Directory.Delete(directory, recursive: true);
        }
        catch (IOException)
        {
        }
    }
}
