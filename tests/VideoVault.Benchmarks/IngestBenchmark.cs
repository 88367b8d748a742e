using System.Globalization;

namespace VideoVault.Benchmarks;

/// <summary>
/// Runs the measurements: for each run, a warm-up upload right before each measured one (the VM reclaims page
/// cache quickly, so a cold run measures the hypervisor, not us), alternating nginx and the sample host so both see
/// the same machine state; then one large upload with the host's peak RSS reset before it.
/// </summary>
internal static class IngestBenchmark
{
    private const double MiB = 1024 * 1024;
    private const long RssBudgetBytes = 64L * 1024 * 1024;

    public static async Task<int> RunAsync(BenchmarkSettings settings)
    {
        Directory.CreateDirectory(settings.WorkDirectory);
        try
        {
            Console.WriteLine($"VideoVault ingest benchmark — {Environment.ProcessorCount} cores, {DateTime.UtcNow:yyyy-MM-dd HH:mm} UTC");
            Console.WriteLine($"payload {settings.ThroughputBytes / MiB:0} MiB x {settings.Runs} runs (each after a warm-up); memory run {settings.MemoryBytes / MiB:0} MiB");
            var payload = Payload.Create(settings.WorkDirectory, settings.ThroughputBytes);
            var maxFileSize = Math.Max(settings.ThroughputBytes, settings.MemoryBytes) + (64L << 20);

            await using var host = await SampleHost.StartAsync(settings.HostAssembly, settings.WorkDirectory, maxFileSize).ConfigureAwait(false);
            await using var nginx = settings.SkipNginx ? null : await NginxBaseline.StartAsync(settings.WorkDirectory).ConfigureAwait(false);
            var hostUpload = new Uri(host.BaseUri, "api/upload-video");
            var targets = new List<(string Name, Uri Url, List<TimeSpan> Times)>();
            if (nginx is not null)
            {
                targets.Add(("nginx, body file deleted after the request (clean)", new Uri(nginx.BaseUri, "upload"), []));
                targets.Add(("nginx, body file kept (on)", new Uri(nginx.BaseUri, "upload-keep"), []));
            }

            targets.Add(("VideoVault", hostUpload, []));
            for (var run = 1; run <= settings.Runs; run++)
            {
                foreach (var (name, url, times) in targets)
                {
                    await CurlUpload.PostAsync(url, payload).ConfigureAwait(false);
                    var time = await CurlUpload.PostAsync(url, payload).ConfigureAwait(false);
                    times.Add(time);
                    Console.WriteLine($"  run {run}: {Rate(settings.ThroughputBytes, time)}  {name}");
                }
            }

            File.Delete(payload);
            Console.WriteLine();
            var hostMedian = Median(targets[^1].Times);
            Console.WriteLine($"VideoVault median: {Rate(settings.ThroughputBytes, hostMedian)}  (SHA-256 while writing, fsync, rename, directory fsync, manifest commit)");
            foreach (var (name, _, times) in targets.SkipLast(1))
            {
                var nginxMedian = Median(times);
                var ratio = nginxMedian.TotalSeconds / hostMedian.TotalSeconds;
                Console.WriteLine($"{name} median: {Rate(settings.ThroughputBytes, nginxMedian)}  (no hash, no fsync)");
                Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"  ratio VideoVault / that nginx: {ratio:0.00}x  (target >= 0.60x, stretch 0.80x) -> {(ratio >= 0.6 ? "met" : "NOT met")}"));
            }

            if (settings.MemoryBytes > 0)
            {
                var big = Payload.Create(settings.WorkDirectory, settings.MemoryBytes);
                ProcessMemory.ResetPeak(host.ProcessId);
                var before = ProcessMemory.CurrentBytes(host.ProcessId);
                var t = await CurlUpload.PostAsync(hostUpload, big).ConfigureAwait(false);
                var peak = ProcessMemory.PeakBytes(host.ProcessId);
                File.Delete(big);
                var growth = peak - before;
                Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                    $"memory: {settings.MemoryBytes / MiB:0} MiB upload in {t.TotalSeconds:0.0} s; host RSS before {before / MiB:0.0} MiB, peak {peak / MiB:0.0} MiB, growth {growth / MiB:0.0} MiB (budget 64 MiB) -> {(growth <= RssBudgetBytes ? "met" : "NOT met")}"));
            }

            return 0;
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

    private static TimeSpan Median(List<TimeSpan> times)
    {
        var sorted = times.Order().ToList();
        return sorted.Count % 2 == 1
            ? sorted[sorted.Count / 2]
            : (sorted[(sorted.Count / 2) - 1] + sorted[sorted.Count / 2]) / 2;
    }

    private static string Rate(long bytes, TimeSpan time) =>
        string.Create(CultureInfo.InvariantCulture, $"{bytes / MiB / time.TotalSeconds,7:0} MiB/s ({time.TotalSeconds:0.00} s)");
}
