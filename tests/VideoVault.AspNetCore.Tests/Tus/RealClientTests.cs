using System.Globalization;
using System.Net;
using System.Security.Cryptography;
using VideoVault.AspNetCore.Tests.Samples;
using VideoVault.AspNetCore.Tests.TestSupport;

namespace VideoVault.AspNetCore.Tests.Tus;

/// <summary>
/// The sample host, started as an operator starts it, taking uploads over tus from clients nobody on the team wrote
/// (tus-js-client under Node, tuspy under Debian's Python), each interrupted once on the way and resumed.
/// </summary>
public sealed class RealClientTests
{
    private const int MiB = 1024 * 1024;

    [Fact]
    public async Task Tus_js_client_paused_mid_upload_and_resumed_by_a_new_upload_from_its_url_storage_stores_one_video()
    {
        using var root = new TempDirectory();
        var video = TusTestVideo.Write(root.Path, "paused-by-tus-js-client.mp4", 6 * MiB, seed: 101);
        var store = Path.Combine(root.Path, "store");

        await using (var host = await StartHostAsync(store))
        {
            var report = await ThirdPartyTusClients.TusJsClientAsync(
                UploadsEndpoint(host), video.Path, "--chunk-size", Text(MiB), "--stop-after", Text((2 * MiB) + 1), "--stop-mode", "pause");

            report.StoppedAt.Should().Be(3 * MiB, "the client pauses after the first PATCH answered at or past 2 MiB + 1: {0}", report);
            report.ResumedAt.Should().Be(report.StoppedAt, "the server's offset is what it acknowledged before the pause: {0}", report);
            report.Requests.Should().OnlyContain(r => r.Status >= 200 && r.Status < 300, "nothing needed a retry: {0}", report);
            report.Requests.Select(r => r.Method).Should().ContainInOrder(["POST", "PATCH", "HEAD", "PATCH"]);
            await AssertStoredOnceAsync(host, store, report, video, "General");
        }

        await AssertAuditTrailAsync(store, video, expectResumed: false);
    }

    [Fact]
    public async Task Tus_js_client_whose_connection_is_cut_mid_patch_resumes_at_the_server_offset_and_stores_one_video()
    {
        using var root = new TempDirectory();
        var video = TusTestVideo.Write(root.Path, "cut-tus-js-client.mp4", 6 * MiB, seed: 102);
        var store = Path.Combine(root.Path, "store");

        await using (var host = await StartHostAsync(store))
        {
            // One PATCH for the whole file, cut once 3 MiB of its body have gone out.
            var report = await ThirdPartyTusClients.TusJsClientAsync(
                UploadsEndpoint(host), video.Path, "--chunk-size", Text(64 * MiB), "--stop-after", Text(3 * MiB), "--stop-mode", "cut");

            report.StoppedAt.Should().Be(3 * MiB, "{0}", report);
            report.ResumedAt.Should().BeGreaterThan(0, "the bytes that arrived before the cut are kept: {0}", report)
                .And.BeLessThanOrEqualTo(3 * MiB, "the server cannot hold more than the client sent: {0}", report);
            report.Requests.Should().NotContain(r => r.Status >= 500, "{0}", report);
            report.Requests.Select(r => r.Method).Should().ContainInOrder(["POST", "PATCH", "HEAD", "PATCH"]);
            await AssertStoredOnceAsync(host, store, report, video, "General");
        }

        await AssertAuditTrailAsync(store, video, expectResumed: true);
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task Tuspy_stopped_after_two_chunks_and_resumed_by_a_new_uploader_on_the_same_url_stores_one_video(bool sha1Checksums)
    {
        using var root = new TempDirectory();
        var video = TusTestVideo.Write(root.Path, $"tuspy-{(sha1Checksums ? "checksums" : "plain")}.mp4", 5 * MiB, seed: sha1Checksums ? 103 : 104);
        var store = Path.Combine(root.Path, "store");

        await using (var host = await StartHostAsync(store))
        {
            string[] options = ["--chunk-size", Text(MiB), "--stop-after-chunks", "2", "--category", "Lectures"];
            var report = await ThirdPartyTusClients.TuspyAsync(UploadsEndpoint(host), video.Path, sha1Checksums ? [.. options, "--checksum"] : options);

            report.StoppedAt.Should().Be(2 * MiB, "{0}", report);
            report.ResumedAt.Should().Be(2 * MiB, "the new uploader asks the server for its offset: {0}", report);
            report.Json.GetProperty("chunks").GetInt32().Should().Be(5);
            await AssertStoredOnceAsync(host, store, report, video, "Lectures");
        }

        await AssertAuditTrailAsync(store, video, expectResumed: false);
    }

    private static Task<SampleHostProcess> StartHostAsync(string store) =>
        SampleHostProcess.StartAsync(new Dictionary<string, string>
        {
            ["VideoVault__RootPath"] = store,
            ["VideoVault__MinFreeSpaceBytes"] = "0",
        });

    private static string Text(long value) => value.ToString(CultureInfo.InvariantCulture);

    private static Uri UploadsEndpoint(SampleHostProcess host) => new(host.BaseAddress, "/api/uploads");

    /// <summary>The client finished at the right URL, the video is listed once with the file's bytes, and the upload's URL still answers.</summary>
    private static async Task AssertStoredOnceAsync(SampleHostProcess host, string store, TusClientReport report, TusTestVideo video, string category)
    {
        report.Bytes.Should().Be(video.Bytes.Length);
        report.UploadUrl.GetLeftPart(UriPartial.Authority).Should().Be(host.BaseAddress.GetLeftPart(UriPartial.Authority));
        report.UploadUrl.AbsolutePath.Should().StartWith("/api/uploads/");

        using var client = new HttpClient { BaseAddress = host.BaseAddress };
        using var list = await client.GetAsync("/api/videos/list?limit=100");
        var videos = (await list.JsonAsync(HttpStatusCode.OK)).GetProperty("videos").EnumerateArray().ToList();
        var stored = videos.Should().ContainSingle("one upload makes one video, however often it was interrupted").Subject;
        stored.GetProperty("original_filename").GetString().Should().Be(video.FileName);
        stored.GetProperty("sha256").GetString().Should().Be(video.Sha256);
        stored.GetProperty("size_bytes").GetInt64().Should().Be(video.Bytes.Length);
        stored.GetProperty("category").GetString().Should().Be(category);
        report.Json.GetProperty("final_headers").TryGetProperty("videovault-video-id", out var videoId)
            .Should().BeTrue("the answer to the last PATCH names the video it became: {0}", report);
        videoId.GetString().Should().Be(stored.GetProperty("video_id").GetString());
        var onDisk = Path.Combine(store, stored.GetProperty("local_backup").GetString()!);
        Convert.ToHexStringLower(SHA256.HashData(await File.ReadAllBytesAsync(onDisk)))
            .Should().Be(video.Sha256, "the published file holds exactly the client's bytes");

        // A client that lost the last answer asks the upload's URL and learns it is complete.
        using var head = new HttpRequestMessage(HttpMethod.Head, report.UploadUrl) { Headers = { { "Tus-Resumable", "1.0.0" } } };
        using var headResponse = await client.SendAsync(head);
        headResponse.StatusCode.Should().Be(HttpStatusCode.OK);
        headResponse.Headers.GetValues("Upload-Offset").Should().Equal(Text(video.Bytes.Length));
    }

    private static async Task AssertAuditTrailAsync(string store, TusTestVideo video, bool expectResumed)
    {
        var events = await AuditTrail.ReadAsync(store);
        var kinds = events.Select(e => e.Kind).ToList();
        kinds.Should().ContainInOrder([VideoEventKind.UploadStarted, VideoEventKind.UploadCompleted]);
        kinds.Should().ContainSingle(k => k == VideoEventKind.UploadStarted, "one upload was created");
        var completed = events.Should().ContainSingle(e => e.Kind == VideoEventKind.UploadCompleted).Subject;
        completed.VideoId.Should().NotBeNullOrEmpty("the completion names the video of {0}", video.FileName);
        if (expectResumed)
        {
            kinds.Should().Contain(VideoEventKind.UploadResumed, "the upload took bytes again after an interruption");
        }
    }
}
