using System.Globalization;
using VideoVault.Benchmarks.Reporting;

namespace VideoVault.Benchmarks.Download;

/// <summary>
/// The download suite: one video uploaded through the sample host, then downloaded by curl into <c>/dev/null</c> from
/// the host's <c>GET /api/videos/{id}/content</c> and from nginx serving the very same file with <c>sendfile on</c>.
/// Both are warmed up first (the file is then in the page cache for both), then measured alternately, the order
/// swapped every run, so both see the same machine. Each measured download records the server's and curl's CPU time,
/// and the host's peak RSS growth (VmHWM reset before it).
/// </summary>
internal static class DownloadBenchmark
{
    private const string Suite = "download";
    private const double MiB = 1024 * 1024;
    private const double SpeedGoal = 0.9;
    private const long RssBudgetBytes = 64L * 1024 * 1024;

    public static async Task<IReadOnlyList<BenchmarkFigure>> RunAsync(BenchmarkSettings settings, CancellationToken cancellationToken)
    {
        var work = Directory.CreateDirectory(Path.Combine(settings.WorkDirectory, Suite)).FullName;
        try
        {
            return await MeasureAsync(settings, work, cancellationToken).ConfigureAwait(false);
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

    private static async Task<IReadOnlyList<BenchmarkFigure>> MeasureAsync(BenchmarkSettings settings, string work, CancellationToken cancellationToken)
    {
        var size = settings.DownloadBytes;
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"download: one {size / MiB:0} MiB video x {settings.Runs} runs each way (after a warm-up each), alternating; {Environment.ProcessorCount} cores, load average {MachineDescription.ReadLoadAverage()}"));

        var payload = Payload.Create(work, size);
        var sha256 = Payload.Sha256(payload);
        var store = Directory.CreateDirectory(Path.Combine(work, "vault")).FullName;
        await using var host = await SampleHost.StartOnRootAsync(settings.HostAssembly, store, size + (64L << 20)).ConfigureAwait(false);
        var (video, _) = await StoredVideo.UploadAsync(new Uri(host.BaseUri, "api/upload-video"), payload, Path.Combine(work, "answer.json"), cancellationToken).ConfigureAwait(false);
        File.Delete(payload);
        if (video.SizeBytes != size || video.Sha256 != sha256)
        {
            throw new BenchmarkException($"the uploaded video is not the payload: {video.SizeBytes} bytes, SHA-256 {video.Sha256}");
        }

        await using var nginx = await NginxSendfilePeer.StartAsync(Path.Combine(work, "nginx"), store).ConfigureAwait(false);
        var vaultUrl = new Uri(host.BaseUri, $"api/videos/{video.Id}/content");
        var nginxUrl = new Uri(nginx.BaseUri, video.LocalBackup);
        await RequireSameFileAsync(vaultUrl, nginxUrl, sha256, size, cancellationToken).ConfigureAwait(false);

        var vault = new DownloadTarget("VideoVault GET /api/videos/{id}/content", host, tracksMemory: true, vaultUrl, size);
        var peer = new DownloadTarget("nginx, the same file (sendfile on)", nginx, tracksMemory: false, nginxUrl, size);
        await vault.WarmUpAsync(cancellationToken).ConfigureAwait(false);
        await peer.WarmUpAsync(cancellationToken).ConfigureAwait(false);
        for (var run = 1; run <= settings.Runs; run++)
        {
            // Swapped every run: whichever goes second finds the other's socket buffers and caches just used.
            foreach (var target in run % 2 == 1 ? new[] { vault, peer } : [peer, vault])
            {
                var m = await target.MeasureAsync(cancellationToken).ConfigureAwait(false);
                Console.WriteLine($"  run {run}: {Describe(size, m)}  {target.Name}");
            }
        }

        Console.WriteLine($"load average after the runs: {MachineDescription.ReadLoadAverage()}");
        Console.WriteLine("medians (CPU per download: the server's, then curl's; the two cores are shared by both):");
        Console.WriteLine($"  {Describe(size, vault.Median())}  {vault.Name}");
        Console.WriteLine($"  {Describe(size, peer.Median())}  {peer.Name}");

        var ratio = SpeedRatio.Of(vault.Seconds, peer.Seconds);
        var growth = vault.Median().RssGrowthBytes!.Value;
        return
        [
            new BenchmarkFigure(
                Suite,
                $"download of one {size / MiB:0} MiB video (curl to /dev/null) / nginx sending the same file with sendfile (medians of {settings.Runs})",
                $"{MiBPerSecond(size, vault):0} MiB/s, {ratio.Describe(r => r >= SpeedGoal)}",
                $">= {SpeedGoal:0.00}x",
                $"nginx (sendfile on): {MiBPerSecond(size, peer):0} MiB/s",
                ratio.AtLeast(SpeedGoal)),
            new BenchmarkFigure(
                Suite,
                $"server CPU per {size / MiB:0} MiB download (median)",
                vault.Median().ServerCpu.ToString(),
                "-",
                $"nginx: {peer.Median().ServerCpu}; curl: {vault.Median().ClientCpu.Total:0.00} s",
                null),
            new BenchmarkFigure(
                Suite,
                $"host peak RSS growth over a {size / MiB:0} MiB download (median)",
                $"{growth / MiB:0.0} MiB",
                $"<= {RssBudgetBytes / MiB:0} MiB",
                null,
                growth <= RssBudgetBytes),
        ];
    }

    /// <summary>Both URLs answer the same file: the host's ETag is the payload's SHA-256 and both lengths match.</summary>
    private static async Task RequireSameFileAsync(Uri vaultUrl, Uri nginxUrl, string sha256, long size, CancellationToken cancellationToken)
    {
        using var http = new HttpClient();
        using var ours = await http.SendAsync(new HttpRequestMessage(HttpMethod.Head, vaultUrl), cancellationToken).ConfigureAwait(false);
        using var theirs = await http.SendAsync(new HttpRequestMessage(HttpMethod.Head, nginxUrl), cancellationToken).ConfigureAwait(false);
        if (!ours.IsSuccessStatusCode || !theirs.IsSuccessStatusCode
            || ours.Headers.ETag?.Tag != $"\"{sha256}\""
            || ours.Content.Headers.ContentLength != size || theirs.Content.Headers.ContentLength != size)
        {
            throw new BenchmarkException($"the host ({(int)ours.StatusCode}, ETag {ours.Headers.ETag}) and nginx ({(int)theirs.StatusCode}) do not both answer the {size}-byte video");
        }
    }

    private static double MiBPerSecond(long bytes, DownloadTarget target) => bytes / MiB / target.Median().Time.TotalSeconds;

    private static string Describe(long bytes, IngestMeasurement m) =>
        string.Create(CultureInfo.InvariantCulture,
            $"{bytes / MiB / m.Time.TotalSeconds,5:0} MiB/s ({m.Time.TotalSeconds:0.00} s)  CPU server {m.ServerCpu}, curl {m.ClientCpu.Total:0.00} s; {m.CoresBusy:0.0} cores busy{(m.RssGrowthBytes is { } growth ? $"; RSS +{growth / MiB:0.0} MiB" : "")}");
}
