using System.Globalization;
using System.Net;
using System.Security.Cryptography;
using VideoVault.AspNetCore.Tests.TestSupport;

namespace VideoVault.AspNetCore.Tests.Tus;

/// <summary>
/// What VideoVault's tus endpoints add to the protocol tests (<see cref="TusProtocolTests{TServer}"/>), or where the
/// reference @tus/server 2.4.5 departs from a MUST of the specification (each says so): the checksum extension, method
/// override, the video a completed upload became, RFC 9457 problems, sniffing, idempotency and the store's sweep.
/// </summary>
public sealed class VideoVaultTusTests(VideoVaultTusServer server) : IClassFixture<VideoVaultTusServer>, IDisposable
{
    private readonly TusClient _client = TusClient.Create();

    public void Dispose() => _client.Dispose();

    [Theory]
    [InlineData(null)]
    [InlineData("0.2.2")]
    public async Task A_missing_or_other_Tus_Resumable_is_412_with_Tus_Version_and_a_problem_body(string? version)
    {
        // @tus/server answers another version with 400 and leaves Tus-Version off its 412; the specification says the
        // server MUST answer 412 and MUST include Tus-Version.
        using var request = TusClient.Request(HttpMethod.Post, server.Uploads, version);
        request.Headers.TryAddWithoutValidation("Upload-Length", "8192");

        using var response = await _client.SendAsync(request);

        await response.ProblemAsync(HttpStatusCode.PreconditionFailed, server.Root);
        TusClient.Header(response, "Tus-Version").Should().Be("1.0.0");
        TusClient.Header(response, "Tus-Resumable").Should().Be("1.0.0");
        response.Headers.Location.Should().BeNull();
    }

    [Fact]
    public async Task A_HEAD_without_Tus_Resumable_is_412_without_a_body()
    {
        var upload = await _client.CreateUploadAsync(server.Uploads, 8192);

        using var response = await _client.HeadAsync(upload, tusResumable: null);

        response.StatusCode.Should().Be(HttpStatusCode.PreconditionFailed);
        TusClient.Header(response, "Tus-Version").Should().Be("1.0.0");
        (await response.Content.ReadAsByteArrayAsync()).Should().BeEmpty();
    }

    [Theory]
    [InlineData("/api/uploads")]
    [InlineData("/api/uploads/0123456789abcdef0123456789abcdef")]
    public async Task OPTIONS_announces_every_extension_the_checksum_algorithms_and_the_size_limit(string path)
    {
        using var response = await _client.OptionsAsync(new Uri(server.Host.BaseAddress, path));

        response.StatusCode.Should().Be(HttpStatusCode.NoContent);
        TusClient.Header(response, "Tus-Resumable").Should().Be("1.0.0");
        TusClient.Header(response, "Tus-Version").Should().Be("1.0.0");
        TusClient.Header(response, "Tus-Extension").Should().Be("creation,creation-with-upload,creation-defer-length,termination,expiration,checksum");
        TusClient.Header(response, "Tus-Checksum-Algorithm").Should().Be("sha1,md5,sha256");
        TusClient.Header(response, "Tus-Max-Size").Should().Be(TusServers.MaxSize.ToString(CultureInfo.InvariantCulture));
    }

    [Theory]
    [InlineData("sha1")]
    [InlineData("md5")]
    [InlineData("sha256")]
    public async Task A_PATCH_with_a_matching_Upload_Checksum_is_kept_and_a_mismatching_one_is_460_and_kept_not_at_all(string algorithm)
    {
        var video = TestVideos.Mp4(64 * 1024, seed: 20);
        var upload = await _client.CreateUploadAsync(server.Uploads, video.Length);
        using (var first = await _client.PatchAsync(upload, 0, video.AsMemory(0, 16 * 1024), Checksum(algorithm, video.AsSpan(0, 16 * 1024))))
        {
            first.StatusCode.Should().Be(HttpStatusCode.NoContent, "the body was: {0}", await first.Content.ReadAsStringAsync());
        }

        var piece = video.AsMemory(16 * 1024);
        var corrupted = piece.ToArray();
        corrupted[^1] ^= 0xFF;
        using var mismatch = await _client.PatchAsync(upload, 16 * 1024, corrupted, Checksum(algorithm, piece.Span));
        var offsetAfterMismatch = await _client.OffsetAsync(upload);
        using var retried = await _client.PatchAsync(upload, 16 * 1024, piece, Checksum(algorithm, piece.Span));

        (await mismatch.ProblemAsync((HttpStatusCode)460, server.Root)).GetProperty("title").GetString().Should().Be("Checksum mismatch");
        TusClient.Header(mismatch, "Tus-Resumable").Should().Be("1.0.0");
        offsetAfterMismatch.Should().Be(16 * 1024, "nothing of a mismatching PATCH is kept");
        retried.StatusCode.Should().Be(HttpStatusCode.NoContent, "the body was: {0}", await retried.Content.ReadAsStringAsync());
        (await server.StoredSha256Async(upload)).Should().Be(Sha256(video));
    }

    [Theory]
    [InlineData("crc32 AAAAAA==")]
    [InlineData("sha1 not-base64!")]
    [InlineData("sha1 AAAA")]
    [InlineData("sha1")]
    public async Task An_unsupported_or_malformed_Upload_Checksum_is_400_and_writes_nothing(string header)
    {
        var video = TestVideos.Mp4(8192, seed: 21);
        var upload = await _client.CreateUploadAsync(server.Uploads, video.Length);

        using var response = await _client.PatchAsync(upload, 0, video, r => r.Headers.TryAddWithoutValidation("Upload-Checksum", header));

        await response.ProblemAsync(HttpStatusCode.BadRequest, server.Root);
        (await _client.OffsetAsync(upload)).Should().Be(0);
    }

    [Fact]
    public async Task X_HTTP_Method_Override_on_a_POST_is_honoured_for_PATCH_HEAD_and_DELETE()
    {
        // The specification: the server MUST interpret the request as the overriding method. @tus/server 2.4.5 lists
        // the header for CORS but does not honour it, so this test runs against VideoVault only.
        var video = TestVideos.Mp4(64 * 1024, seed: 22);
        var upload = await _client.CreateUploadAsync(server.Uploads, video.Length);

        using var patch = TusClient.Request(HttpMethod.Post, upload);
        patch.Headers.TryAddWithoutValidation("X-HTTP-Method-Override", "PATCH");
        patch.Headers.TryAddWithoutValidation("Upload-Offset", "0");
        patch.Content = TusClient.Octets(video[..8192]);
        using var patched = await _client.SendAsync(patch);
        using var head = TusClient.Request(HttpMethod.Post, upload);
        head.Headers.TryAddWithoutValidation("X-HTTP-Method-Override", "HEAD");
        using var headed = await _client.SendAsync(head);
        using var delete = TusClient.Request(HttpMethod.Post, upload);
        delete.Headers.TryAddWithoutValidation("X-HTTP-Method-Override", "DELETE");
        using var deleted = await _client.SendAsync(delete);
        using var after = await _client.HeadAsync(upload);

        patched.StatusCode.Should().Be(HttpStatusCode.NoContent, "the body was: {0}", await patched.Content.ReadAsStringAsync());
        TusClient.Header(patched, "Upload-Offset").Should().Be("8192");
        headed.StatusCode.Should().Be(HttpStatusCode.OK);
        TusClient.Header(headed, "Upload-Offset").Should().Be("8192");
        (await headed.Content.ReadAsByteArrayAsync()).Should().BeEmpty("a HEAD has no body, even sent as a POST");
        deleted.StatusCode.Should().Be(HttpStatusCode.NoContent);
        after.StatusCode.Should().Be(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task A_POST_to_an_upload_without_a_method_override_is_a_405_problem()
    {
        var upload = await _client.CreateUploadAsync(server.Uploads, 8192);

        using var response = await _client.SendAsync(TusClient.Request(HttpMethod.Post, upload));

        await response.ProblemAsync(HttpStatusCode.MethodNotAllowed, server.Root);
        response.Content.Headers.Allow.Should().Contain("PATCH");
    }

    [Fact]
    public async Task The_last_PATCH_stores_the_video_and_names_it_and_the_video_is_listed_with_its_SHA_256_name_type_and_category()
    {
        var video = TestVideos.Mp4(200 * 1024, seed: 23);
        // Uppy sends 'name' and 'type'; the category travels as 'content_type', as the multipart form names it.
        var metadata = TusClient.Metadata(("name", "Beach day.mp4"), ("type", "video/mp4"), ("content_type", "Holidays"), ("relativePath", null));
        var upload = await _client.CreateUploadAsync(server.Uploads, video.Length, metadata);
        using (var first = await _client.PatchAsync(upload, 0, video.AsMemory(0, 100 * 1024)))
        {
            TusClient.Header(first, "VideoVault-Video-Id").Should().BeNull("the video does not exist before the last byte");
        }

        using var last = await _client.PatchAsync(upload, 100 * 1024, video.AsMemory(100 * 1024));

        last.StatusCode.Should().Be(HttpStatusCode.NoContent, "the body was: {0}", await last.Content.ReadAsStringAsync());
        var videoId = TusClient.Header(last, "VideoVault-Video-Id");
        var videoUrl = TusClient.Header(last, "VideoVault-Video");
        videoId.Should().NotBeNullOrEmpty();
        videoUrl.Should().StartWith("/api/video-info/");
        using var info = await _client.Http.GetAsync(new Uri(server.Host.BaseAddress, videoUrl));
        var described = await info.JsonAsync(HttpStatusCode.OK);
        described.GetProperty("video_id").GetString().Should().Be(videoId);
        described.GetProperty("sha256").GetString().Should().Be(Sha256(video));
        described.GetProperty("original_filename").GetString().Should().Be("Beach day.mp4");
        described.GetProperty("category").GetString().Should().Be("Holidays");
        described.GetProperty("size_bytes").GetInt64().Should().Be(video.Length);
        using var list = await _client.Http.GetAsync(new Uri(server.Host.BaseAddress, "/api/videos/list?category=Holidays"));
        var listed = (await list.JsonAsync(HttpStatusCode.OK)).GetProperty("videos").EnumerateArray()
            .Should().ContainSingle(v => v.GetProperty("video_id").GetString() == videoId).Subject;
        listed.GetProperty("sha256").GetString().Should().Be(Sha256(video));
    }

    [Fact]
    public async Task A_completed_upload_answers_HEAD_with_its_full_offset_and_video_and_GET_with_the_video_JSON()
    {
        var video = TestVideos.Mp4(64 * 1024, seed: 24);
        var (upload, last) = await UploadWholeAsync(video, "complete.mp4");

        using var head = await _client.HeadAsync(upload);
        using var get = await _client.SendAsync(TusClient.Request(HttpMethod.Get, upload));

        head.StatusCode.Should().Be(HttpStatusCode.OK);
        TusClient.Header(head, "Upload-Offset").Should().Be(video.Length.ToString(CultureInfo.InvariantCulture));
        TusClient.Header(head, "Upload-Length").Should().Be(video.Length.ToString(CultureInfo.InvariantCulture));
        TusClient.Header(head, "VideoVault-Video-Id").Should().Be(TusClient.Header(last, "VideoVault-Video-Id"));
        TusClient.Header(head, "VideoVault-Video").Should().Be(TusClient.Header(last, "VideoVault-Video"));
        TusClient.Header(head, "Upload-Expires").Should().NotBeNull();
        var json = await get.JsonAsync(HttpStatusCode.OK);
        using var info = await _client.Http.GetAsync(new Uri(server.Host.BaseAddress, TusClient.Header(last, "VideoVault-Video")));
        json.GetRawText().Should().Be((await info.JsonAsync(HttpStatusCode.OK)).GetRawText(), "GET on the upload is the video-info JSON");
    }

    [Fact]
    public async Task GET_on_an_unfinished_upload_answers_its_state()
    {
        var video = TestVideos.Mp4(64 * 1024, seed: 25);
        var upload = await _client.CreateUploadAsync(server.Uploads, video.Length, TusClient.Metadata(("filename", "half.mp4"), ("content_type", "Drafts")));
        using (var patch = await _client.PatchAsync(upload, 0, video.AsMemory(0, 8192)))
        {
            patch.StatusCode.Should().Be(HttpStatusCode.NoContent);
        }

        using var get = await _client.SendAsync(TusClient.Request(HttpMethod.Get, upload));

        var state = await get.JsonAsync(HttpStatusCode.OK);
        state.GetProperty("success").GetBoolean().Should().BeTrue();
        state.GetProperty("upload_id").GetString().Should().Be(upload.Segments[^1]);
        state.GetProperty("state").GetString().Should().Be("in_progress");
        state.GetProperty("offset").GetInt64().Should().Be(8192);
        state.GetProperty("length").GetInt64().Should().Be(video.Length);
        state.GetProperty("original_filename").GetString().Should().Be("half.mp4");
        state.GetProperty("category").GetString().Should().Be("Drafts");
        get.Headers.CacheControl!.NoStore.Should().BeTrue();
    }

    [Fact]
    public async Task A_replayed_final_PATCH_answers_204_with_the_same_video_headers_and_stores_nothing_new()
    {
        var video = TestVideos.Mp4(64 * 1024, seed: 26);
        var (upload, last) = await UploadWholeAsync(video, "replay.mp4");

        using var replay = await _client.PatchAsync(upload, video.Length, Array.Empty<byte>());

        replay.StatusCode.Should().Be(HttpStatusCode.NoContent);
        TusClient.Header(replay, "VideoVault-Video-Id").Should().Be(TusClient.Header(last, "VideoVault-Video-Id"));
        TusClient.Header(replay, "VideoVault-Video").Should().Be(TusClient.Header(last, "VideoVault-Video"));
        using var list = await _client.Http.GetAsync(new Uri(server.Host.BaseAddress, "/api/videos/list?limit=100"));
        (await list.JsonAsync(HttpStatusCode.OK)).GetProperty("videos").EnumerateArray()
            .Count(v => v.GetProperty("sha256").GetString() == Sha256(video)).Should().Be(1);
    }

    [Fact]
    public async Task Terminating_a_completed_upload_is_a_409_problem_and_keeps_the_video()
    {
        var video = TestVideos.Mp4(64 * 1024, seed: 27);
        var (upload, last) = await UploadWholeAsync(video, "keep.mp4");

        using var deleted = await _client.DeleteAsync(upload);

        (await deleted.ProblemAsync(HttpStatusCode.Conflict, server.Root)).GetProperty("detail").GetString().Should().Contain("Delete the video instead");
        using var info = await _client.Http.GetAsync(new Uri(server.Host.BaseAddress, TusClient.Header(last, "VideoVault-Video")));
        info.StatusCode.Should().Be(HttpStatusCode.OK);
        (await _client.OffsetAsync(upload)).Should().Be(video.Length);
    }

    [Fact]
    public async Task A_second_PATCH_while_one_is_running_is_a_423_problem_and_the_first_completes_the_video()
    {
        var video = TestVideos.Mp4(2 << 20, seed: 28);
        var upload = await _client.CreateUploadAsync(server.Uploads, video.Length, TusClient.Metadata(("filename", "locked.mp4")));
        using var other = TusClient.Create();
        var gated = new GatedContent(video, firstPart: 1 << 20);

        var firstTask = _client.PatchAsync(upload, 0, gated);
        await gated.FirstPartSent.WaitAsync(TimeSpan.FromSeconds(30));
        using var second = await other.PatchAsync(upload, 0, video);
        gated.Release();
        using var first = await firstTask;

        await second.ProblemAsync(HttpStatusCode.Locked, server.Root);
        TusClient.Header(second, "Tus-Resumable").Should().Be("1.0.0");
        first.StatusCode.Should().Be(HttpStatusCode.NoContent, "the body was: {0}", await first.Content.ReadAsStringAsync());
        TusClient.Header(first, "VideoVault-Video-Id").Should().NotBeNull();
        (await server.StoredSha256Async(upload)).Should().Be(Sha256(video));
    }

    [Fact]
    public async Task Bytes_that_are_not_a_video_are_a_415_problem_and_the_upload_is_removed()
    {
        var text = new byte[16 * 1024];
        Array.Fill(text, (byte)'a');
        var upload = await _client.CreateUploadAsync(server.Uploads, text.Length, TusClient.Metadata(("filename", "notes.mp4")));

        using var response = await _client.PatchAsync(upload, 0, text);

        (await response.ProblemAsync(HttpStatusCode.UnsupportedMediaType, server.Root)).GetProperty("title").GetString().Should().Be("Not a supported video");
        using var head = await _client.HeadAsync(upload);
        head.StatusCode.Should().Be(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task Errors_are_RFC_9457_problems_carrying_Tus_Resumable()
    {
        var video = TestVideos.Mp4(8192, seed: 29);
        var upload = await _client.CreateUploadAsync(server.Uploads, video.Length);
        var unknown = new Uri(server.Uploads.AbsoluteUri + "/" + Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(16)));
        var wrongType = new ByteArrayContent(video);
        wrongType.Headers.ContentType = new System.Net.Http.Headers.MediaTypeHeaderValue("application/octet-stream");

        using var notFound = await _client.PatchAsync(unknown, 0, video);
        using var conflict = await _client.PatchAsync(upload, 4096, video.AsMemory(0, 4096));
        using var contentType = await _client.PatchAsync(upload, 0, wrongType);
        using var tooLarge = await _client.CreateAsync(server.Uploads, TusServers.MaxSize + 1);
        using var noLength = await _client.SendAsync(TusClient.Request(HttpMethod.Post, server.Uploads));
        using var both = await _client.CreateAsync(server.Uploads, 8192, configure: r => r.Headers.TryAddWithoutValidation("Upload-Defer-Length", "1"));
        using var badMetadata = await _client.CreateAsync(server.Uploads, 8192, "filename not base64!");

        foreach (var (response, status) in new[]
                 {
                     (notFound, HttpStatusCode.NotFound), (conflict, HttpStatusCode.Conflict), (contentType, HttpStatusCode.UnsupportedMediaType),
                     (tooLarge, HttpStatusCode.RequestEntityTooLarge), (noLength, HttpStatusCode.BadRequest), (both, HttpStatusCode.BadRequest),
                     (badMetadata, HttpStatusCode.BadRequest),
                 })
        {
            await response.ProblemAsync(status, server.Root);
            TusClient.Header(response, "Tus-Resumable").Should().Be("1.0.0");
        }

        (await contentType.ProblemAsync(HttpStatusCode.UnsupportedMediaType)).GetProperty("title").GetString().Should().Be("Unsupported content type");
    }

    [Fact]
    public async Task HEAD_also_carries_Upload_Expires()
    {
        var upload = await _client.CreateUploadAsync(server.Uploads, 8192);

        using var head = await _client.HeadAsync(upload);

        DateTimeOffset.ParseExact(TusClient.Header(head, "Upload-Expires")!, "r", CultureInfo.InvariantCulture)
            .Should().BeAfter(DateTimeOffset.UtcNow.AddHours(23));
    }

    [Fact]
    public async Task One_PATCH_larger_than_Kestrels_default_body_limit_is_accepted()
    {
        // Kestrel refuses bodies over 30,000,000 bytes by default; the tus routes raise it to MaxFileSizeBytes for themselves.
        var video = TestVideos.Mp4(40 << 20, seed: 30);
        var (upload, last) = await UploadWholeAsync(video, "large.mp4");

        last.StatusCode.Should().Be(HttpStatusCode.NoContent);
        (await server.StoredSha256Async(upload)).Should().Be(Sha256(video));
    }

    [Fact]
    public async Task An_Idempotency_Key_on_creation_makes_a_second_upload_of_the_same_bytes_name_the_first_video()
    {
        var video = TestVideos.Mp4(64 * 1024, seed: 31);
        var key = Guid.NewGuid().ToString();
        Action<HttpRequestMessage> withKey = r => r.Headers.TryAddWithoutValidation("Idempotency-Key", key);

        using var firstCreated = await _client.CreateAsync(server.Uploads, video.Length, TusClient.Metadata(("filename", "once.mp4")), configure: withKey);
        using var firstLast = await _client.PatchAsync(TusClient.LocationOf(firstCreated, server.Uploads), 0, video);
        using var secondCreated = await _client.CreateAsync(server.Uploads, video.Length, TusClient.Metadata(("filename", "once.mp4")), configure: withKey);
        using var secondLast = await _client.PatchAsync(TusClient.LocationOf(secondCreated, server.Uploads), 0, video);

        secondLast.StatusCode.Should().Be(HttpStatusCode.NoContent, "the body was: {0}", await secondLast.Content.ReadAsStringAsync());
        TusClient.Header(secondLast, "VideoVault-Video-Id").Should().Be(TusClient.Header(firstLast, "VideoVault-Video-Id"));
        TusClient.Header(secondLast, "Idempotent-Replayed").Should().Be("true");
    }

    [Fact]
    public async Task After_expiry_the_sweep_removes_the_bytes_and_the_upload_answers_404()
    {
        var video = TestVideos.Mp4(64 * 1024, seed: 32);
        var upload = await _client.CreateUploadAsync(server.ExpiringUploads, video.Length);
        using var patch = await _client.PatchAsync(upload, 0, video.AsMemory(0, 32 * 1024));
        patch.StatusCode.Should().Be(HttpStatusCode.NoContent);
        var expires = DateTimeOffset.ParseExact(TusClient.Header(patch, "Upload-Expires")!, "r", CultureInfo.InvariantCulture);
        var resumable = Path.Combine(server.ExpiringRoot, ".incoming", "resumable");
        BytesUnder(resumable).Should().BeGreaterThanOrEqualTo(32 * 1024, "the received bytes are staged under .incoming/resumable");

        await Poll.UntilAsync(() => DateTimeOffset.UtcNow > expires.AddSeconds(1), "the upload's expiry time", TimeSpan.FromSeconds(10));
        using (var expired = await _client.HeadAsync(upload))
        {
            ((int)expired.StatusCode).Should().BeOneOf(404, 410);
        }

        var removed = await server.ExpiringStore.ExpireAsync();
        using var head = await _client.HeadAsync(upload);
        using var get = await _client.SendAsync(TusClient.Request(HttpMethod.Get, upload));

        removed.Select(u => u.Id).Should().Contain(upload.Segments[^1]);
        head.StatusCode.Should().Be(HttpStatusCode.NotFound);
        await get.ProblemAsync(HttpStatusCode.NotFound, server.ExpiringRoot);
        BytesUnder(resumable).Should().Be(0, "the expired upload's bytes are removed");
    }

    private async Task<(Uri Upload, HttpResponseMessage Last)> UploadWholeAsync(byte[] video, string fileName)
    {
        var upload = await _client.CreateUploadAsync(server.Uploads, video.Length, TusClient.Metadata(("filename", fileName)));
        var last = await _client.PatchAsync(upload, 0, video);
        last.StatusCode.Should().Be(HttpStatusCode.NoContent, "the body was: {0}", await last.Content.ReadAsStringAsync());
        return (upload, last);
    }

    private static Action<HttpRequestMessage> Checksum(string algorithm, ReadOnlySpan<byte> bytes)
    {
        var digest = algorithm switch
        {
            "sha1" => SHA1.HashData(bytes),
            "md5" => MD5.HashData(bytes),
            _ => SHA256.HashData(bytes),
        };
        var header = algorithm + " " + Convert.ToBase64String(digest);
        return r => r.Headers.TryAddWithoutValidation("Upload-Checksum", header);
    }

    private static long BytesUnder(string directory) =>
        Directory.Exists(directory) ? Directory.EnumerateFiles(directory, "*", SearchOption.AllDirectories).Sum(f => new FileInfo(f).Length) : 0;

    private static string Sha256(byte[] bytes) => Convert.ToHexStringLower(SHA256.HashData(bytes));
}
