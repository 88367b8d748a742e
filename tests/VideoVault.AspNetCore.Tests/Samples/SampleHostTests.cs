using System.Net;
using VideoVault.AspNetCore.Tests.TestSupport;

namespace VideoVault.AspNetCore.Tests.Samples;

/// <summary>Boots the sample host as its own process, exactly as the README runs it, configured by args and env vars.</summary>
public sealed partial class SampleHostTests
{
    [Fact]
    public async Task Sample_host_honours_urls_and_VideoVault_environment_variables_and_serves_the_api_health_page_and_openapi()
    {
        using var root = new TempDirectory();
        var store = Path.Combine(root.Path, "store");
        await using var host = await SampleHostProcess.StartAsync(new Dictionary<string, string>
        {
            ["VideoVault__RootPath"] = store,
            ["VideoVault__MaxFileSizeBytes"] = "100000",
            ["VideoVault__MinFreeSpaceBytes"] = "0",
        });
        using var client = new HttpClient { BaseAddress = host.BaseAddress };

        using var health = await client.GetAsync("/health");
        using var page = await client.GetAsync("/");
        using var openApi = await client.GetAsync("/openapi/v1.json");
        var video = await client.UploadAsync("sample.mp4", TestVideos.Mp4(50_000), "Sample");
        using var tooLarge = await client.PostAsync("/api/upload-video", new MultipartBody().File("video", "big.mp4", TestVideos.Mp4(150_000)).ToContent());
        using var unknownPath = await client.GetAsync("/api/nope");
        using var wrongMethod = await client.GetAsync("/api/upload-video");

        health.StatusCode.Should().Be(HttpStatusCode.OK);
        page.StatusCode.Should().Be(HttpStatusCode.OK);
        page.Content.Headers.ContentType!.MediaType.Should().Be("text/html");
        (await openApi.JsonAsync(HttpStatusCode.OK)).GetProperty("paths").GetProperty("/api/upload-video").GetProperty("post")
            .GetProperty("operationId").GetString().Should().Be("VideoVault_UploadVideo");
        File.Exists(Path.Combine(store, video.GetProperty("local_backup").GetString()!)).Should().BeTrue();
        (await tooLarge.ProblemAsync(HttpStatusCode.RequestEntityTooLarge, store)).EnumerateObject().Select(member => member.Name)
            .Should().Equal(["type", "title", "status", "detail", "success", "error"], "VideoVault's own problems are unchanged by the host's problem details");
        (await unknownPath.FrameworkProblemAsync(HttpStatusCode.NotFound)).GetProperty("error").GetString().Should().Be("Not Found");
        (await wrongMethod.FrameworkProblemAsync(HttpStatusCode.MethodNotAllowed)).GetProperty("error").GetString().Should().Be("Method Not Allowed");
    }

    [Fact]
    public async Task A_disk_that_fills_up_mid_upload_gives_507_removes_the_temp_file_and_keeps_what_was_stored()
    {
        // A real ENOSPC: the host runs in its own mount namespace with a 24 MiB tmpfs as its store root. The
        // free-space floor is off and the body is chunked (no declared length), so only the write itself can fail.
        using var root = new TempDirectory();
        var store = Path.Combine(root.Path, "store");
        Directory.CreateDirectory(store);
        await using var host = await SampleHostProcess.StartAsync(
            new Dictionary<string, string>
            {
                ["VideoVault__RootPath"] = store,
                ["VideoVault__MaxFileSizeBytes"] = (100L << 20).ToString(System.Globalization.CultureInfo.InvariantCulture),
                ["VideoVault__MinFreeSpaceBytes"] = "0",
            },
            tmpfsRoot: (store, 24L << 20));
        using var client = new HttpClient { BaseAddress = host.BaseAddress };
        var kept = TestVideos.Mp4(1 << 20);
        var first = await client.UploadAsync("kept.mp4", kept);

        using var form = new MultipartFormDataContent { { new StreamContent(new NonSeekableStream(TestVideos.Mp4(40 << 20))), "video", "huge.mp4" } };
        using var full = await client.PostAsync("/api/upload-video", form);
        var second = await client.UploadAsync("after.mp4", TestVideos.Mp4(1 << 20));

        // The host sees the tmpfs, the test sees the (empty) directory under it: ask the host what it holds.
        await full.ProblemAsync(HttpStatusCode.InsufficientStorage, store);
        using var stats = await client.GetAsync("/api/videos/storage-stats");
        var totals = await stats.JsonAsync(HttpStatusCode.OK);
        totals.GetProperty("total_videos").GetInt64().Should().Be(2);
        totals.GetProperty("disk_free_bytes").GetInt64().Should().BeGreaterThan(18L << 20, "the partial temp file must have been deleted");
        using var info = await client.GetAsync("/api/video-info/" + first.GetProperty("filename").GetString());
        (await info.JsonAsync(HttpStatusCode.OK)).GetProperty("sha256").GetString()
            .Should().Be(Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(kept)));
        second.GetProperty("size_bytes").GetInt64().Should().Be(1 << 20);
    }
}
