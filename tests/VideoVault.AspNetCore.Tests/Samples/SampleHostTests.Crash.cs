using System.Collections.Concurrent;
using System.Net;
using System.Security.Cryptography;
using System.Text.Json;
using VideoVault.AspNetCore.Tests.TestSupport;

namespace VideoVault.AspNetCore.Tests.Samples;

public sealed partial class SampleHostTests
{
    [Fact]
    public async Task Every_acknowledged_upload_survives_the_host_being_killed_mid_ingest_and_nothing_partial_is_published()
    {
        // The Jepsen-style invariant for a process crash: clients note (file name, SHA-256) when a 201 arrives; the host
        // is killed with SIGKILL while uploads stream in; after a restart over the same root every acknowledged upload
        // is listed, byte-identical on disk, and every published file matches its record. Three kill cycles.
        using var root = new TempDirectory();
        var store = Path.Combine(root.Path, "store");
        var acknowledged = new ConcurrentDictionary<string, string>();

        for (var cycle = 0; cycle < 3; cycle++)
        {
            await using var host = await SampleHostProcess.StartAsync(
                new Dictionary<string, string> { ["VideoVault__RootPath"] = store, ["VideoVault__MinFreeSpaceBytes"] = "0" });
            using var client = new HttpClient { BaseAddress = host.BaseAddress, Timeout = TimeSpan.FromSeconds(30) };
            using var stopClients = new CancellationTokenSource();
            var clients = Enumerable.Range(0, 4).Select(c => UploadUntilStoppedAsync(client, acknowledged, seed: (cycle * 10) + c, stopClients.Token)).ToList();

            // Let some uploads complete and others be in flight, then kill without warning.
            await Poll.UntilAsync(() => acknowledged.Count >= (cycle + 1) * 4, "uploads to be acknowledged before the kill", TimeSpan.FromSeconds(30));
            await host.CrashAsync();
            await stopClients.CancelAsync();
            await Task.WhenAll(clients);
        }

        await using var final = await SampleHostProcess.StartAsync(
            new Dictionary<string, string> { ["VideoVault__RootPath"] = store, ["VideoVault__MinFreeSpaceBytes"] = "0" });
        using var finalClient = new HttpClient { BaseAddress = final.BaseAddress };
        using var listResponse = await finalClient.GetAsync("/api/videos/list?limit=1000");
        var listed = (await listResponse.JsonAsync(HttpStatusCode.OK)).GetProperty("videos").EnumerateArray()
            .ToDictionary(v => v.GetProperty("filename").GetString()!, v => v.Clone());

        acknowledged.Should().NotBeEmpty();
        foreach (var (filename, sha256) in acknowledged)
        {
            listed.Should().ContainKey(filename, "an acknowledged upload must survive the crash");
            listed[filename].GetProperty("sha256").GetString().Should().Be(sha256);
        }

        foreach (var video in listed.Values)
        {
            // Whatever was published, acknowledged or not, is complete: its bytes match its record.
            var bytes = await File.ReadAllBytesAsync(Path.Combine(store, video.GetProperty("local_backup").GetString()!));
            Convert.ToHexStringLower(SHA256.HashData(bytes)).Should().Be(video.GetProperty("sha256").GetString());
        }

        Directory.EnumerateFiles(Path.Combine(store, "videos"), "*", SearchOption.AllDirectories).Count()
            .Should().Be(listed.Count, "no file in videos/ is without a record after start-up reconciliation");
        Directory.EnumerateFiles(Path.Combine(store, ".incoming")).Should().BeEmpty("start-up sweeps the temp files the crashes left");
    }

    private static async Task UploadUntilStoppedAsync(HttpClient client, ConcurrentDictionary<string, string> acknowledged, int seed, CancellationToken stop)
    {
        var random = new Random(seed);
        while (!stop.IsCancellationRequested)
        {
            var video = TestVideos.Mp4(random.Next(256 * 1024, 6 * 1024 * 1024));
            random.NextBytes(video.AsSpan(64));
            try
            {
                var body = new MultipartBody().File("video", $"crash-{seed}.mp4", video);
                using var response = await client.PostAsync("/api/upload-video", body.ToContent(), stop);
                if (response.StatusCode == HttpStatusCode.Created)
                {
                    using var json = JsonDocument.Parse(await response.Content.ReadAsStringAsync(stop));
                    acknowledged[json.RootElement.GetProperty("filename").GetString()!] = Convert.ToHexStringLower(SHA256.HashData(video));
                }
            }
            catch (Exception ex) when (ex is HttpRequestException or OperationCanceledException or IOException)
            {
                // The host died under us: this upload was never acknowledged, so it may be absent (or complete).
                return;
            }
        }
    }
}
