using System.Globalization;

namespace VideoVault.Benchmarks;

/// <summary>
/// Runs the measurements: for each run, a warm-up upload right before each measured one (the VM reclaims page
/// cache quickly, so a cold run measures the hypervisor, not us), alternating nginx and the sample host so both see
/// the same machine state; then one large upload with the host's peak RSS reset before it. Each measured upload also
/// records the CPU time the server and curl spent on it, which shows where the machine's two cores went.
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
            var targets = new List<IngestTarget>();
            if (nginx is not null)
            {
                targets.Add(new("nginx, stock 8 KiB body buffer, file deleted after the request (clean)", new Uri(nginx.BaseUri, "upload-stock"), nginx.ProcessId));
                targets.Add(new("nginx, 1 MiB body buffer, file deleted after the request (clean)", new Uri(nginx.BaseUri, "upload"), nginx.ProcessId));
                targets.Add(new("nginx, 1 MiB body buffer, file kept (on)", new Uri(nginx.BaseUri, "upload-keep"), nginx.ProcessId));
            }

            var vault = new IngestTarget("VideoVault", hostUpload, host.ProcessId);
            targets.Add(vault);
            for (var run = 1; run <= settings.Runs; run++)
            {
                foreach (var target in targets)
                {
                    await CurlUpload.PostAsync(target.Url, payload).ConfigureAwait(false);
                    var before = ProcessCpu.Read(target.ServerProcessId);
                    var (time, clientCpu) = await CurlUpload.PostAsync(target.Url, payload).ConfigureAwait(false);
                    var measurement = new IngestMeasurement(time, ProcessCpu.Read(target.ServerProcessId) - before, clientCpu);
                    target.Measurements.Add(measurement);
                    Console.WriteLine($"  run {run}: {Describe(settings.ThroughputBytes, measurement)}  {target.Name}");
                }
            }

            File.Delete(payload);
            Console.WriteLine();
            Console.WriteLine("medians (CPU per upload: the server's, then curl's; the cores are shared by both):");
            var vaultMedian = vault.Median();
            Console.WriteLine($"  {Describe(settings.ThroughputBytes, vaultMedian)}  VideoVault (SHA-256 while writing, fsync, rename, directory fsync, manifest commit)");
            foreach (var target in targets.SkipLast(1))
            {
                var median = target.Median();
                var ratio = median.Time.TotalSeconds / vaultMedian.Time.TotalSeconds;
                Console.WriteLine($"  {Describe(settings.ThroughputBytes, median)}  {target.Name} (no hash, no fsync)");
                Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"    ratio VideoVault / that nginx: {ratio:0.00}x  (target >= 0.60x, stretch 0.80x) -> {(ratio >= 0.8 ? "stretch met" : ratio >= 0.6 ? "met" : "NOT met")}"));
            }

            if (settings.MemoryBytes > 0)
            {
                var big = Payload.Create(settings.WorkDirectory, settings.MemoryBytes);
                ProcessMemory.ResetPeak(host.ProcessId);
                var before = ProcessMemory.CurrentBytes(host.ProcessId);
                var (t, _) = await CurlUpload.PostAsync(hostUpload, big).ConfigureAwait(false);
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

    private static string Describe(long bytes, IngestMeasurement m) =>
        string.Create(CultureInfo.InvariantCulture, $"{bytes / MiB / m.Time.TotalSeconds,5:0} MiB/s ({m.Time.TotalSeconds:0.00} s)  CPU server {m.ServerCpu}, curl {m.ClientCpu.Total:0.00} s; {m.CoresBusy:0.0} cores busy");
}
