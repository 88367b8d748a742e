using System.Net;
using VideoVault.AspNetCore.Tests.TestSupport;

namespace VideoVault.AspNetCore.Tests.Endpoints;

public sealed class RestartTests
{
    [Fact]
    public async Task Restart_over_the_same_root_keeps_earlier_uploads_and_adopts_an_orphan_file()
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

        // A file that reached videos/ but whose manifest commit never happened (a crash in between).
        var orphanFolder = Path.Combine(root.Path, "videos", "2024", "01");
        Directory.CreateDirectory(orphanFolder);
        await File.WriteAllBytesAsync(Path.Combine(orphanFolder, "20240115_101500_General_orphan.avi"), orphan);

        await using var restarted = await VideoVaultTestHost.StartAsync(root.Path);
        using var response = await restarted.Client.GetAsync("/api/videos/list");

        var json = await response.JsonAsync(HttpStatusCode.OK);
        json.GetProperty("total").GetInt64().Should().Be(3);
        var videos = json.GetProperty("videos").EnumerateArray().ToList();
        videos.Select(v => v.GetProperty("video_id").GetString()).Should().Contain(before);
        var adopted = videos.Single(v => !before.Contains(v.GetProperty("video_id").GetString()!));
        adopted.GetProperty("local_backup").GetString().Should().Be("videos/2024/01/20240115_101500_General_orphan.avi");
        adopted.GetProperty("size_bytes").GetInt64().Should().Be(orphan.Length);
        using var info = await restarted.Client.GetAsync("/api/video-info/20240115_101500_General_orphan.avi");
        info.StatusCode.Should().Be(HttpStatusCode.OK);
    }
}
