using System.Net;
using Microsoft.Extensions.DependencyInjection;
using VideoVault.AspNetCore.Tests.TestSupport;

namespace VideoVault.AspNetCore.Tests.Endpoints;

public sealed class RestartTests
{
    [Fact]
    public async Task Restart_over_the_same_root_keeps_earlier_uploads_and_leaves_a_hand_placed_file_to_reconcile()
    {
        using var root = new TempDirectory();
        var first = TestVideos.Mp4(seed: 1);
        var second = TestVideos.WebM(seed: 2);
        var orphan = TestVideos.Avi(seed: 3);
        List<string> before;
        await using (var host = await VideoVaultTestHost.StartAsync(root.Path))
        {
            before =
            [
                (await host.Client.UploadAsync("first.mp4", first, "Before")).GetProperty("video_id").GetString()!,
                (await host.Client.UploadAsync("second.webm", second, "Before")).GetProperty("video_id").GetString()!,
            ];
        }

        // A file put into videos/ by hand: no upload announced it, so start-up (which does not walk videos/) leaves it.
        var orphanFolder = Path.Combine(root.Path, "videos", "2024", "01");
        Directory.CreateDirectory(orphanFolder);
        await File.WriteAllBytesAsync(Path.Combine(orphanFolder, "20240115_101500_General_orphan.avi"), orphan);

        await using var restarted = await VideoVaultTestHost.StartAsync(root.Path);
        using (var response = await restarted.Client.GetAsync("/api/videos/list"))
        {
            var json = await response.JsonAsync(HttpStatusCode.OK);
            json.GetProperty("total").GetInt64().Should().Be(2);
            json.GetProperty("videos").EnumerateArray().Select(v => v.GetProperty("video_id").GetString()).Should().BeEquivalentTo(before);
        }

        var report = await restarted.Services.GetRequiredService<IVideoMaintenance>().ReconcileAsync(ReconcileOptions.AtStartup);

        report.AdoptedFiles.Should().Equal("videos/2024/01/20240115_101500_General_orphan.avi");
        using var info = await restarted.Client.GetAsync("/api/video-info/20240115_101500_General_orphan.avi");
        var adopted = await info.JsonAsync(HttpStatusCode.OK);
        adopted.GetProperty("local_backup").GetString().Should().Be("videos/2024/01/20240115_101500_General_orphan.avi");
        adopted.GetProperty("size_bytes").GetInt64().Should().Be(orphan.Length);
    }
}
