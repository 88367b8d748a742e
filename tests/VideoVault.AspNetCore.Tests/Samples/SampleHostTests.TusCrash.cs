using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Security.Cryptography;
using System.Text;
using VideoVault.AspNetCore.Tests.TestSupport;

namespace VideoVault.AspNetCore.Tests.Samples;

public sealed partial class SampleHostTests
{
    [Fact]
    public async Task A_tus_upload_interrupted_by_the_host_being_killed_resumes_at_the_same_url_after_a_restart_and_completes_once()
    {
        // Raw tus 1.0 requests, so every offset is visible: two PATCHes answered 204, a third caught mid-body when the
        // host dies of SIGKILL. The restarted host (same root, same address) reports an offset at least the last one
        // acknowledged and at most what was sent; the client sends the rest from there, to the same URL.
        const int MiB = 1024 * 1024;
        using var root = new TempDirectory();
        var store = Path.Combine(root.Path, "store");
        var address = SampleHostProcess.FreeLoopbackAddress();
        var settings = new Dictionary<string, string> { ["VideoVault__RootPath"] = store, ["VideoVault__MinFreeSpaceBytes"] = "0" };
        var video = TestVideos.Mp4(6 * MiB, seed: 201);
        const string FileName = "killed-mid-tus-upload.mp4";
        Uri uploadUrl;
        long acknowledged;

        await using (var host = await SampleHostProcess.StartAsync(settings, listenAddress: address))
        {
            using var client = new HttpClient { BaseAddress = host.BaseAddress, Timeout = TimeSpan.FromSeconds(60) };
            using var create = TusRequest(HttpMethod.Post, new Uri("/api/uploads", UriKind.Relative));
            create.Headers.Add("Upload-Length", Text(video.Length));
            create.Headers.Add("Upload-Metadata", $"filename {Base64(FileName)},filetype {Base64("video/mp4")}");
            using var created = await client.SendAsync(create);
            created.StatusCode.Should().Be(HttpStatusCode.Created, await created.Content.ReadAsStringAsync());
            uploadUrl = new Uri(host.BaseAddress, created.Headers.Location!);

            acknowledged = 0;
            for (var piece = 0; piece < 2; piece++)
            {
                acknowledged = await PatchAsync(client, uploadUrl, video, acknowledged, MiB);
            }

            acknowledged.Should().Be(2 * MiB);

            // The third PATCH declares 1 MiB, sends half of it, then stalls: the host dies while it reads the body.
            using var stalled = new StallingStream(video[(int)acknowledged..((int)acknowledged + (MiB / 2))]);
            using var inFlight = TusRequest(HttpMethod.Patch, uploadUrl);
            inFlight.Headers.Add("Upload-Offset", Text(acknowledged));
            inFlight.Content = new StreamContent(stalled);
            inFlight.Content.Headers.ContentType = new MediaTypeHeaderValue("application/offset+octet-stream");
            inFlight.Content.Headers.ContentLength = MiB;
            using var abandon = new CancellationTokenSource();
            var sending = client.SendAsync(inFlight, abandon.Token);
            await stalled.HeadSent.WaitAsync(TimeSpan.FromSeconds(30));

            await host.CrashAsync();
            await abandon.CancelAsync();
            var interrupted = async () => await sending;
            await interrupted.Should().ThrowAsync<Exception>("the host died before it answered this PATCH");
        }

        long resumedAt;
        await using (var restarted = await SampleHostProcess.StartAsync(settings, listenAddress: address))
        {
            restarted.BaseAddress.Should().Be(new Uri(address.GetLeftPart(UriPartial.Authority)), "the upload URL must stay the same");
            using var client = new HttpClient { BaseAddress = restarted.BaseAddress, Timeout = TimeSpan.FromSeconds(60) };
            using var head = TusRequest(HttpMethod.Head, uploadUrl);
            using var state = await client.SendAsync(head);
            state.StatusCode.Should().Be(HttpStatusCode.OK);
            state.Headers.GetValues("Tus-Resumable").Should().Equal("1.0.0");
            state.Headers.GetValues("Upload-Length").Should().Equal(Text(video.Length));
            resumedAt = long.Parse(state.Headers.GetValues("Upload-Offset").Single(), CultureInfo.InvariantCulture);
            resumedAt.Should().BeGreaterThanOrEqualTo(acknowledged, "an offset the host acknowledged is durable")
                .And.BeLessThanOrEqualTo(acknowledged + (MiB / 2), "the host cannot hold more than the client sent");

            var offset = resumedAt;
            while (offset < video.Length)
            {
                offset = await PatchAsync(client, uploadUrl, video, offset, MiB);
            }

            using var list = await client.GetAsync("/api/videos/list?limit=100");
            var stored = (await list.JsonAsync(HttpStatusCode.OK)).GetProperty("videos").EnumerateArray().Should()
                .ContainSingle("the interrupted upload becomes exactly one video").Subject;
            stored.GetProperty("original_filename").GetString().Should().Be(FileName);
            stored.GetProperty("size_bytes").GetInt64().Should().Be(video.Length);
            stored.GetProperty("sha256").GetString().Should().Be(Convert.ToHexStringLower(SHA256.HashData(video)));
            var published = await File.ReadAllBytesAsync(Path.Combine(store, stored.GetProperty("local_backup").GetString()!));
            published.Should().Equal(video, "the bytes past the durable offset were discarded and sent again, not kept twice");
        }

        Directory.EnumerateFiles(Path.Combine(store, "videos"), "*", SearchOption.AllDirectories).Should().ContainSingle();
        var events = await AuditTrail.ReadAsync(store);
        events.Should().ContainSingle(e => e.Kind == VideoEventKind.UploadStarted);
        events.Should().Contain(e => e.Kind == VideoEventKind.UploadResumed, "the upload took bytes again after the restart (it resumed at {0})", resumedAt);
        events.Should().ContainSingle(e => e.Kind == VideoEventKind.UploadCompleted).Which.VideoId.Should().NotBeNullOrEmpty();
    }

    /// <summary>Sends the next piece (at most <paramref name="pieceLength"/> bytes from <paramref name="offset"/>), expects 204, returns the new offset.</summary>
    private static async Task<long> PatchAsync(HttpClient client, Uri uploadUrl, byte[] video, long offset, int pieceLength)
    {
        var length = (int)Math.Min(pieceLength, video.Length - offset);
        using var patch = TusRequest(HttpMethod.Patch, uploadUrl);
        patch.Headers.Add("Upload-Offset", Text(offset));
        patch.Content = new ByteArrayContent(video, (int)offset, length);
        patch.Content.Headers.ContentType = new MediaTypeHeaderValue("application/offset+octet-stream");
        using var response = await client.SendAsync(patch);
        response.StatusCode.Should().Be(HttpStatusCode.NoContent, await response.Content.ReadAsStringAsync());
        var newOffset = long.Parse(response.Headers.GetValues("Upload-Offset").Single(), CultureInfo.InvariantCulture);
        newOffset.Should().Be(offset + length);
        return newOffset;
    }

    private static HttpRequestMessage TusRequest(HttpMethod method, Uri uri) =>
        new(method, uri) { Headers = { { "Tus-Resumable", "1.0.0" } } };

    private static string Base64(string value) => Convert.ToBase64String(Encoding.UTF8.GetBytes(value));

    private static string Text(long value) => value.ToString(CultureInfo.InvariantCulture);
}
