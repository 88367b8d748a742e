using System.Globalization;

namespace VideoVault.Benchmarks;

/// <summary>
/// Runs the measurements: for each run, a warm-up upload right before each measured one (the VM reclaims page
/// cache quickly, so a cold run measures the hypervisor, not us), rotating through nginx, the sample host's multipart
/// endpoint and its tus endpoints (one PATCH, then PATCHes of a client's chunk size) so all see the same machine
/// state; then one large upload each way with the host's peak RSS reset before it. Each measured upload also records
/// the CPU time the server and curl spent on it, which shows where the machine's two cores went.
/// </summary>
internal static class IngestBenchmark
{
    private const double MiB = 1024 * 1024;
    private const long RssBudgetBytes = 64L * 1024 * 1024;
    private const double TusOnePatchTarget = 0.9;
    private const double TusPiecesTarget = 0.75;

    public static async Task<int> RunAsync(BenchmarkSettings settings)
    {
        Directory.CreateDirectory(settings.WorkDirectory);
        try
        {
            var pieceMiB = settings.TusPieceBytes / MiB;
            Console.WriteLine($"VideoVault ingest benchmark — {Environment.ProcessorCount} cores, {DateTime.UtcNow:yyyy-MM-dd HH:mm} UTC, load average {LoadAverage()}");
            Console.WriteLine($"payload {settings.ThroughputBytes / MiB:0} MiB x {settings.Runs} runs (each after a warm-up); memory run {settings.MemoryBytes / MiB:0} MiB; tus pieces of {pieceMiB:0} MiB");
            var payload = Payload.Create(settings.WorkDirectory, settings.ThroughputBytes);
            IReadOnlyList<string> pieces = settings.SkipTus ? [] : Payload.Split(payload, settings.TusPieceBytes);
            var sha256 = settings.SkipTus ? "" : Payload.Sha256(payload);
            var maxFileSize = Math.Max(settings.ThroughputBytes, settings.MemoryBytes) + (64L << 20);

            await using var host = await SampleHost.StartAsync(settings.HostAssembly, settings.WorkDirectory, maxFileSize).ConfigureAwait(false);
            await using var nginx = settings.SkipNginx ? null : await NginxBaseline.StartAsync(settings.WorkDirectory).ConfigureAwait(false);
            using var http = new HttpClient();
            var api = new Uri(host.BaseUri, "api/");
            var multipartUrl = new Uri(api, "upload-video");
            var tusUrl = new Uri(api, "uploads");
            var listUrl = new Uri(api, "videos/list");
            var nginxTargets = new List<IngestTarget>();
            if (nginx is not null)
            {
                nginxTargets.Add(Multipart("nginx, stock 8 KiB body buffer, file deleted after the request (clean)", new Uri(nginx.BaseUri, "upload-stock"), nginx.ProcessId, payload));
                nginxTargets.Add(Multipart("nginx, 1 MiB body buffer, file deleted after the request (clean)", new Uri(nginx.BaseUri, "upload"), nginx.ProcessId, payload));
                nginxTargets.Add(Multipart("nginx, 1 MiB body buffer, file kept (on)", new Uri(nginx.BaseUri, "upload-keep"), nginx.ProcessId, payload));
            }

            var vault = Multipart("VideoVault multipart", multipartUrl, host.ProcessId, payload);
            var tusOne = Tus("VideoVault tus, one PATCH", tusUrl, host.ProcessId, [payload], settings.ThroughputBytes);
            var tusPieces = Tus($"VideoVault tus, {pieceMiB:0} MiB PATCHes", tusUrl, host.ProcessId, pieces, settings.ThroughputBytes);
            var tusTargets = settings.SkipTus ? [] : new[] { (Target: tusOne, Goal: TusOnePatchTarget), (Target: tusPieces, Goal: TusPiecesTarget) };
            var targets = new List<IngestTarget>([.. nginxTargets, vault, .. tusTargets.Select(t => t.Target)]);

            for (var run = 1; run <= settings.Runs; run++)
            {
                foreach (var target in targets)
                {
                    await VerifyAsync(await target.UploadAsync().ConfigureAwait(false)).ConfigureAwait(false);
                    var before = ProcessCpu.Read(target.ServerProcessId);
                    var done = await target.UploadAsync().ConfigureAwait(false);
                    var measurement = new IngestMeasurement(done.Client.Time, ProcessCpu.Read(target.ServerProcessId) - before, done.Client.ClientCpu);
                    await VerifyAsync(done).ConfigureAwait(false);
                    target.Measurements.Add(measurement);
                    Console.WriteLine($"  run {run}: {Describe(settings.ThroughputBytes, measurement)}  {target.Name}{(done.Wire is null ? "" : $" ({done.Wire})")}");
                }
            }

            Console.WriteLine($"load average after the runs: {LoadAverage()}");
            Console.WriteLine();
            Console.WriteLine("medians (CPU per upload: the server's, then curl's; the cores are shared by both):");
            var vaultMedian = vault.Median();
            Console.WriteLine($"  {Describe(settings.ThroughputBytes, vaultMedian)}  VideoVault multipart (SHA-256 while writing, fsync, rename, directory fsync, manifest commit)");
            foreach (var target in nginxTargets)
            {
                var median = target.Median();
                var ratio = median.Time.TotalSeconds / vaultMedian.Time.TotalSeconds;
                Console.WriteLine($"  {Describe(settings.ThroughputBytes, median)}  {target.Name} (no hash, no fsync)");
                Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"    ratio VideoVault / that nginx: {ratio:0.00}x  (target >= 0.60x, stretch 0.80x) -> {(ratio >= 0.8 ? "stretch met" : ratio >= 0.6 ? "met" : "NOT met")}"));
            }

            var gib = settings.ThroughputBytes / (1024.0 * MiB);
            foreach (var (target, goal) in tusTargets)
            {
                var median = target.Median();
                var ratio = vaultMedian.Time.TotalSeconds / median.Time.TotalSeconds;
                // Each tus upload against the multipart upload just before it in the same rotation: on a shared machine
                // the load swings between runs, so both the ratio of medians and the median of these pairs are shown,
                // and the target counts as met only when both meet it.
                var perRun = target.Measurements.Zip(vault.Measurements, (t, m) => m.Time.TotalSeconds / t.Time.TotalSeconds).ToList();
                var pairedRatio = IngestTarget.Middle(perRun);
                var verdict = ratio >= goal && pairedRatio >= goal ? "met" : ratio < goal && pairedRatio < goal ? "NOT met" : "met by one of the two only (noise)";
                Console.WriteLine($"  {Describe(settings.ThroughputBytes, median)}  {target.Name}");
                Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                    $"    throughput {target.Name} / multipart: {ratio:0.00}x (ratio of medians), {pairedRatio:0.00}x (median of per-run pairs: {string.Join(", ", perRun.Select(r => r.ToString("0.00", CultureInfo.InvariantCulture)))})  target >= {goal:0.00}x -> {verdict}"));
                Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                    $"    server CPU per GiB: {median.ServerCpu.Total / gib:0.00} s (user {median.ServerCpu.User / gib:0.00}, sys {median.ServerCpu.System / gib:0.00}) against multipart's {vaultMedian.ServerCpu.Total / gib:0.00} s (user {vaultMedian.ServerCpu.User / gib:0.00}, sys {vaultMedian.ServerCpu.System / gib:0.00})"));
            }

            File.Delete(payload);
            DeletePieces(pieces);

            if (settings.MemoryBytes > 0)
            {
                Console.WriteLine();
                Console.WriteLine($"memory: host peak RSS (VmHWM) reset before each {settings.MemoryBytes / MiB:0} MiB upload (budget 64 MiB of growth):");
                var big = Payload.Create(settings.WorkDirectory, settings.MemoryBytes);
                IReadOnlyList<string> bigPieces = settings.SkipTus ? [] : Payload.Split(big, settings.TusPieceBytes);
                var bigSha256 = settings.SkipTus ? "" : Payload.Sha256(big);
                var ways = new List<IngestTarget> { Multipart("VideoVault multipart", multipartUrl, host.ProcessId, big) };
                if (!settings.SkipTus)
                {
                    ways.Add(Tus("VideoVault tus, one PATCH", tusUrl, host.ProcessId, [big], settings.MemoryBytes));
                    ways.Add(Tus($"VideoVault tus, {pieceMiB:0} MiB PATCHes", tusUrl, host.ProcessId, bigPieces, settings.MemoryBytes));
                }
                foreach (var way in ways)
                {
                    ProcessMemory.ResetPeak(host.ProcessId);
                    var before = ProcessMemory.CurrentBytes(host.ProcessId);
                    var done = await way.UploadAsync().ConfigureAwait(false);
                    var peak = ProcessMemory.PeakBytes(host.ProcessId);
                    if (done.VideoId is { } id)
                    {
                        await VideoListing.RequireAsync(http, listUrl, id, settings.MemoryBytes, bigSha256).ConfigureAwait(false);
                    }

                    var growth = peak - before;
                    Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                        $"  {way.Name}: {done.Client.Time.TotalSeconds:0.0} s; RSS before {before / MiB:0.0} MiB, peak {peak / MiB:0.0} MiB, growth {growth / MiB:0.0} MiB (budget 64 MiB) -> {(growth <= RssBudgetBytes ? "met" : "NOT met")}"));
                }

                File.Delete(big);
                DeletePieces(bigPieces);
            }

            return 0;

            async Task VerifyAsync(CompletedUpload done)
            {
                // tus names the video in its last answer: it must be listed, with the payload's size and SHA-256.
                if (done.VideoId is { } id)
                {
                    await VideoListing.RequireAsync(http, listUrl, id, settings.ThroughputBytes, sha256).ConfigureAwait(false);
                }
            }
        }
        finally
        {
            try
            {
                Directory.Delete(settings.WorkDirectory, recursive: true);
            }
            catch (IOException)
            {
            }
        }
    }

    private static IngestTarget Multipart(string name, Uri url, int serverProcessId, string file) =>
        new(name, serverProcessId, async () => new CompletedUpload(await CurlUpload.PostAsync(url, file).ConfigureAwait(false)));

    private static IngestTarget Tus(string name, Uri uploads, int serverProcessId, IReadOnlyList<string> pieces, long length) =>
        new(name, serverProcessId, () => TusUpload.UploadAsync(uploads, pieces, length, "benchmark.mp4"));

    private static void DeletePieces(IReadOnlyList<string> pieces)
    {
        if (pieces.Count > 0)
        {
            Directory.Delete(Path.GetDirectoryName(pieces[0])!, recursive: true);
        }
    }

    private static string LoadAverage() => File.ReadAllText("/proc/loadavg").Split(' ') is [var one, var five, var fifteen, ..] ? $"{one} {five} {fifteen}" : "?";

    private static string Describe(long bytes, IngestMeasurement m) =>
        string.Create(CultureInfo.InvariantCulture, $"{bytes / MiB / m.Time.TotalSeconds,5:0} MiB/s ({m.Time.TotalSeconds:0.00} s)  CPU server {m.ServerCpu}, curl {m.ClientCpu.Total:0.00} s; {m.CoresBusy:0.0} cores busy");
}
