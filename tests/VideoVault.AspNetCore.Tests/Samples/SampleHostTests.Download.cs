using System.Globalization;
using System.Net;
using Microsoft.Extensions.DependencyInjection;
using VideoVault.AspNetCore.Tests.TestSupport;

namespace VideoVault.AspNetCore.Tests.Samples;

public sealed partial class SampleHostTests
{
    private const long MiB = 1024 * 1024;

    [Fact]
    public async Task A_1_GiB_download_from_the_sample_host_streams_with_flat_memory()
    {
        // The sample host as its own process; its peak RSS (VmHWM) is reset right before the download, so the figure is
        // what sending 1 GiB cost, not what start-up or the warm-up did. The video is a sparse file (an MP4 header,
        // then a hole that reads as zeros): fast to make, no disk space, the same bytes to send as any other.
        using var root = new TempDirectory();
        var store = Path.Combine(root.Path, "store");
        await using var host = await SampleHostProcess.StartAsync(
            new Dictionary<string, string> { ["VideoVault__RootPath"] = store, ["VideoVault__MinFreeSpaceBytes"] = "0" });

        // Recorded in the host's manifest from this process (SQLite in WAL mode), as the admin tool records what it adopts.
        var services = new ServiceCollection().AddLogging().AddVideoVault(options => options.RootPath = store).Services.BuildServiceProvider();
        VideoRecord warmUp, big;
        await using (services)
        {
            var manifest = services.GetRequiredService<IVideoManifest>();
            warmUp = await PlacedVideos.PlaceSparseAsync(manifest, store, 16 * MiB, "warm-up.mp4");
            big = await PlacedVideos.PlaceSparseAsync(manifest, store, 1024 * MiB, "big.mp4");
        }

        using var client = new HttpClient { BaseAddress = host.BaseAddress, Timeout = TimeSpan.FromMinutes(5) };
        (await DownloadAsync(client, warmUp)).Should().Be(16 * MiB);

        File.WriteAllText($"/proc/{host.ProcessId}/clear_refs", "5");
        var before = ProcStatus(host.ProcessId, "VmRSS:");
        var received = await DownloadAsync(client, big);
        var peak = ProcStatus(host.ProcessId, "VmHWM:");

        received.Should().Be(1024 * MiB);
        (peak - before).Should().BeLessThan(64 * MiB,
            "sending a file must not grow the host's memory with its size (RSS before {0} MiB, peak {1} MiB)", before / MiB, peak / MiB);
    }

    /// <summary>Downloads a video into nothing, counting the bytes and checking they start with the MP4 header.</summary>
    private static async Task<long> DownloadAsync(HttpClient client, VideoRecord video)
    {
        using var response = await client.GetAsync($"/api/videos/{video.Id}/content", HttpCompletionOption.ResponseHeadersRead);
        response.StatusCode.Should().Be(HttpStatusCode.OK);
        response.Content.Headers.ContentLength.Should().Be(video.SizeBytes);
        await using var body = await response.Content.ReadAsStreamAsync();
        var buffer = new byte[1 << 20];
        long total = 0;
        int read;
        while ((read = await body.ReadAsync(buffer)) > 0)
        {
            if (total == 0)
            {
                buffer.AsSpan(4, 4).ToArray().Should().Equal("ftyp"u8.ToArray());
            }

            total += read;
        }

        return total;
    }

    private static long ProcStatus(int processId, string key)
    {
        var line = File.ReadLines($"/proc/{processId}/status").Single(l => l.StartsWith(key, StringComparison.Ordinal));
        return long.Parse(line[key.Length..].Trim().Split(' ')[0], CultureInfo.InvariantCulture) * 1024;
    }
}
