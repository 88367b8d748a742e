using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using VideoVault.Benchmarks.Reporting;

namespace VideoVault.Benchmarks.Concurrency;

/// <summary>
/// Many uploads at once against one. Each run posts one payload alone (after an untimed warm-up upload), then every
/// client's payload at the same moment, each from its own curl, all distinct bytes, and compares the aggregate
/// throughput with the one upload's. The host's peak RSS is reset before the concurrent uploads. Every stored video is
/// then checked three ways against the SHA-256 of what its client sent: the upload's answer, the manifest (through
/// <c>video-info</c>) and the file on disk, hashed again.
/// </summary>
internal static class ConcurrencyBenchmark
{
    private const string Suite = "concurrency";
    private const double ThroughputTarget = 0.8;
    private const double MiB = 1024 * 1024;
    private const long RssBudgetBytes = 256L * 1024 * 1024;
    private const int FirstSeed = 100;

    public static async Task<IReadOnlyList<BenchmarkFigure>> RunAsync(BenchmarkSettings settings, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(settings);
        var work = Directory.CreateDirectory(Path.Combine(settings.WorkDirectory, Suite)).FullName;
        try
        {
            var clients = settings.ConcurrencyClients;
            var size = settings.ConcurrencyBytes;
            Console.WriteLine($"concurrency: {clients} x {size / MiB:0} MiB at once against one, {settings.Runs} runs; {Environment.ProcessorCount} cores, load average {File.ReadAllText("/proc/loadavg").Trim()}");
            var payloads = Enumerable.Range(0, clients).Select(c => Payload.Create(work, size, FirstSeed + c)).ToList();
            var hashes = payloads.Select(Payload.Sha256).ToList();
            var root = Directory.CreateDirectory(Path.Combine(work, "vault")).FullName;

            await using var host = await SampleHost.StartOnRootAsync(settings.HostAssembly, root, size + (64L << 20)).ConfigureAwait(false);
            using var http = new HttpClient { BaseAddress = host.BaseUri };
            var uploadUrl = new Uri(host.BaseUri, "api/upload-video");
            var check = new StoredVideoCheck(http, root);
            var alone = new List<double>();
            var together = new List<double>();
            long worstGrowth = 0;
            for (var run = 1; run <= settings.Runs; run++)
            {
                await check.RequireAsync(await UploadAsync(0).ConfigureAwait(false), hashes[0], size, cancellationToken).ConfigureAwait(false);
                var stopwatch = Stopwatch.StartNew();
                var single = await UploadAsync(0).ConfigureAwait(false);
                alone.Add(stopwatch.Elapsed.TotalSeconds);
                await check.RequireAsync(single, hashes[0], size, cancellationToken).ConfigureAwait(false);

                ProcessMemory.ResetPeak(host.ProcessId);
                var before = ProcessMemory.CurrentBytes(host.ProcessId);
                stopwatch.Restart();
                var stored = await Task.WhenAll(Enumerable.Range(0, clients).Select(UploadAsync)).ConfigureAwait(false);
                together.Add(stopwatch.Elapsed.TotalSeconds);
                var growth = ProcessMemory.PeakBytes(host.ProcessId) - before;
                worstGrowth = Math.Max(worstGrowth, growth);
                for (var c = 0; c < clients; c++)
                {
                    await check.RequireAsync(stored[c], hashes[c], size, cancellationToken).ConfigureAwait(false);
                }

                Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                    $"  run {run}: one upload {size / MiB / alone[^1],5:0} MiB/s ({alone[^1]:0.00} s); {clients} at once {clients * size / MiB / together[^1],5:0} MiB/s in all ({together[^1]:0.00} s); peak RSS growth {growth / MiB:0.0} MiB; {check.Matched} of {check.Checked} stored files match so far"));
            }

            var aloneSpeed = size / MiB / IngestTarget.Middle(alone);
            var togetherSpeed = clients * size / MiB / IngestTarget.Middle(together);
            var ratio = togetherSpeed / aloneSpeed;
            return
            [
                new(Suite, $"{clients} concurrent {size / MiB:0} MiB uploads: aggregate throughput / one upload's (medians of {settings.Runs})",
                    string.Create(CultureInfo.InvariantCulture, $"{ratio:0.00}x ({togetherSpeed:0} MiB/s in all)"),
                    string.Create(CultureInfo.InvariantCulture, $">= {ThroughputTarget:0.0}x"),
                    string.Create(CultureInfo.InvariantCulture, $"one upload alone: {aloneSpeed:0} MiB/s"),
                    ratio >= ThroughputTarget),
                new(Suite, $"{clients} concurrent uploads: host peak RSS growth (worst of {settings.Runs})",
                    string.Create(CultureInfo.InvariantCulture, $"{worstGrowth / MiB:0.0} MiB"),
                    string.Create(CultureInfo.InvariantCulture, $"<= {RssBudgetBytes / MiB:0} MiB"),
                    null,
                    worstGrowth <= RssBudgetBytes),
                new(Suite, "stored SHA-256 (answer, manifest, file on disk) equals the client's",
                    $"{check.Matched} of {check.Checked} videos",
                    "all",
                    null,
                    check.Matched == check.Checked),
            ];

            Task<StoredVideo> UploadAsync(int client) => UploadOneAsync(uploadUrl, payloads[client], Path.Combine(work, $"answer-{client}-{Guid.NewGuid():N}.json"), cancellationToken);
        }
        finally
        {
            try
            {
                Directory.Delete(work, recursive: true);
            }
            catch (IOException)
            {
            }
        }
    }

    private static async Task<StoredVideo> UploadOneAsync(Uri url, string payload, string answer, CancellationToken cancellationToken) =>
        (await StoredVideo.UploadAsync(url, payload, answer, cancellationToken).ConfigureAwait(false)).Video;

    /// <summary>
    /// Checks a stored video against the SHA-256 its client sent: the answer, the manifest's record and the file,
    /// hashed again. The file is then deleted (the record stays), so a long run does not fill the disk.
    /// </summary>
    private sealed class StoredVideoCheck(HttpClient http, string root)
    {
        public int Checked { get; private set; }

        public int Matched { get; private set; }

        public async Task RequireAsync(StoredVideo video, string sha256, long size, CancellationToken cancellationToken)
        {
            Checked++;
            using var info = JsonDocument.Parse(await http.GetStringAsync(new Uri($"api/video-info/{video.Id}", UriKind.Relative), cancellationToken).ConfigureAwait(false));
            var recorded = info.RootElement.GetProperty("sha256").GetString();
            var file = Path.Combine(root, video.LocalBackup);
            var onDisk = Payload.Sha256(file);
            File.Delete(file);
            if (video.Sha256 == sha256 && recorded == sha256 && onDisk == sha256 && video.SizeBytes == size)
            {
                Matched++;
                return;
            }

            Console.WriteLine($"  MISMATCH: video {video.Id} ({video.LocalBackup}): client sent {sha256}, the answer says {video.Sha256} ({video.SizeBytes} bytes), the manifest {recorded}, the file {onDisk}");
        }
    }
}
