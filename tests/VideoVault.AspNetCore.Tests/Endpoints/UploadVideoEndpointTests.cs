using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using VideoVault.AspNetCore.Tests.TestSupport;

namespace VideoVault.AspNetCore.Tests.Endpoints;

public sealed class UploadVideoEndpointTests : IAsyncLifetime
{
    private readonly TempDirectory _root = new();
    private VideoVaultTestHost _host = null!;

    public async Task InitializeAsync() => _host = await VideoVaultTestHost.StartAsync(_root.Path);

    public async Task DisposeAsync()
    {
        await _host.DisposeAsync();
        _root.Dispose();
    }

    [Fact]
    public async Task Upload_of_an_mp4_answers_201_with_the_record_and_stores_the_bytes_under_the_root()
    {
        var video = TestVideos.Mp4(64 * 1024);
        using var form = new MultipartFormDataContent
        {
            { new StringContent("Tutorial"), "content_type" },
            { Bytes(video, "video/mp4"), "video", "intro clip.mp4" },
        };

        using var response = await _host.Client.PostAsync("/api/upload-video", form);

        var json = await response.JsonAsync(HttpStatusCode.Created);
        json.GetProperty("success").GetBoolean().Should().BeTrue();
        var filename = json.GetProperty("filename").GetString()!;
        filename.Should().MatchRegex(@"^\d{8}_\d{6}_Tutorial_intro.clip\.mp4$");
        json.GetProperty("video_id").GetString().Should().MatchRegex("^[0-9a-f]{32}$");
        json.GetProperty("original_filename").GetString().Should().Be("intro clip.mp4");
        json.GetProperty("category").GetString().Should().Be("Tutorial");
        json.GetProperty("size_bytes").GetInt64().Should().Be(video.Length);
        json.GetProperty("file_size_mb").GetDouble().Should().Be(0.06);
        json.GetProperty("sha256").GetString().Should().Be(Convert.ToHexStringLower(SHA256.HashData(video)));
        json.GetProperty("mime_type").GetString().Should().Be("video/mp4");
        json.GetProperty("container").GetString().Should().Be("mp4");
        json.GetProperty("drive_status").GetString().Should().Be("disabled");
        json.GetProperty("local_state").GetString().Should().Be("present");
        json.GetProperty("drive_file_id").ValueKind.Should().Be(JsonValueKind.Null);
        json.GetProperty("drive_link").ValueKind.Should().Be(JsonValueKind.Null);
        json.GetProperty("mirror_attempts").GetInt32().Should().Be(0);
        json.GetProperty("created_at").GetString().Should().EndWith("Z");
        DateTimeOffset.Parse(json.GetProperty("created_at").GetString()!, CultureInfo.InvariantCulture)
            .Should().BeCloseTo(DateTimeOffset.UtcNow, TimeSpan.FromMinutes(5));

        var localBackup = json.GetProperty("local_backup").GetString()!;
        Path.IsPathRooted(localBackup).Should().BeFalse();
        localBackup.Should().MatchRegex(@"^videos/\d{4}/\d{2}/").And.EndWith("/" + filename).And.NotContain(_root.Path);
        File.ReadAllBytes(Path.Combine(_root.Path, localBackup)).Should().Equal(video);

        response.Headers.Location!.OriginalString.Should().Be("/api/video-info/" + Uri.EscapeDataString(filename));
        using var info = await _host.Client.GetAsync(response.Headers.Location);
        (await info.JsonAsync(HttpStatusCode.OK)).GetProperty("video_id").GetString().Should().Be(json.GetProperty("video_id").GetString());
        _root.FilesUnder(".incoming").Should().BeEmpty();
    }

    [Theory]
    [InlineData("webm", "video/webm", "webm")]
    [InlineData("avi", "video/x-msvideo", "avi")]
    public async Task Upload_of_other_containers_is_recognised_by_its_bytes(string kind, string mime, string container)
    {
        var video = kind == "webm" ? TestVideos.WebM() : TestVideos.Avi();
        var body = new MultipartBody().File("video", "clip." + kind, video, "application/octet-stream");

        using var response = await _host.Client.PostAsync("/api/upload-video", body.ToContent());

        var json = await response.JsonAsync(HttpStatusCode.Created);
        json.GetProperty("mime_type").GetString().Should().Be(mime);
        json.GetProperty("container").GetString().Should().Be(container);
        json.GetProperty("category").GetString().Should().Be("General");
    }

    [Fact]
    public async Task Category_can_come_from_the_query_string()
    {
        var body = new MultipartBody().File("video", "a.mp4", TestVideos.Mp4());

        using var response = await _host.Client.PostAsync("/api/upload-video?category=Lecture", body.ToContent());

        (await response.JsonAsync(HttpStatusCode.Created)).GetProperty("category").GetString().Should().Be("Lecture");
    }

    [Fact]
    public async Task Category_field_before_the_file_wins_over_the_query_string()
    {
        var body = new MultipartBody().Field("content_type", "Interview").File("video", "a.mp4", TestVideos.Mp4());

        using var response = await _host.Client.PostAsync("/api/upload-video?category=Lecture", body.ToContent());

        (await response.JsonAsync(HttpStatusCode.Created)).GetProperty("category").GetString().Should().Be("Interview");
    }

    [Fact]
    public async Task Category_field_after_the_file_names_the_category_as_FormData_sends_it()
    {
        var body = new MultipartBody().File("video", "a.mp4", TestVideos.Mp4()).Field("content_type", "Late");

        using var response = await _host.Client.PostAsync("/api/upload-video?category=Query", body.ToContent());

        var json = await response.JsonAsync(HttpStatusCode.Created);
        json.GetProperty("category").GetString().Should().Be("Late");
        json.TryGetProperty("category_ignored", out _).Should().BeFalse();
        var store = _host.Services.GetRequiredService<IVideoStore>();
        var stored = await store.FindAsync(json.GetProperty("video_id").GetString()!);
        stored!.Category.Should().Be("Late");
        stored.StoredName.Should().Contain("_Late_", "the stored name carries the category applied at publishing");
    }

    [Fact]
    public async Task Other_fields_after_the_file_are_read_and_leave_the_category_alone()
    {
        var body = new MultipartBody().Field("content_type", "Early").File("video", "a.mp4", TestVideos.Mp4()).Field("notes", "after");

        using var response = await _host.Client.PostAsync("/api/upload-video?category=Query", body.ToContent());

        var json = await response.JsonAsync(HttpStatusCode.Created);
        json.GetProperty("category").GetString().Should().Be("Early");
    }

    [Fact]
    public async Task A_second_file_after_the_video_is_a_400_problem_and_stores_nothing()
    {
        var body = new MultipartBody().File("video", "a.mp4", TestVideos.Mp4()).File("video2", "b.mp4", TestVideos.Mp4(8192));

        using var response = await _host.Client.PostAsync("/api/upload-video", body.ToContent());

        var problem = await response.ProblemAsync(HttpStatusCode.BadRequest);
        problem.GetProperty("detail").GetString().Should().Contain("small text fields");
        (await _host.Services.GetRequiredService<IVideoStore>().ListAsync(new VideoQuery())).Videos.Should().BeEmpty();
        Directory.GetFiles(Path.Combine(_root.Path, ".incoming")).Should().BeEmpty();
    }

    [Fact]
    public async Task Form_without_a_video_part_is_a_400_problem()
    {
        var body = new MultipartBody().Field("content_type", "Tutorial").File("attachment", "a.mp4", TestVideos.Mp4());

        using var response = await _host.Client.PostAsync("/api/upload-video", body.ToContent());

        var problem = await response.ProblemAsync(HttpStatusCode.BadRequest, _root.Path);
        problem.GetProperty("detail").GetString().Should().Contain("'video'");
        _root.FilesUnder("videos").Should().BeEmpty();
    }

    [Fact]
    public async Task Body_that_is_not_multipart_is_a_400_problem()
    {
        using var content = new ByteArrayContent(TestVideos.Mp4());
        content.Headers.ContentType = new MediaTypeHeaderValue("video/mp4");

        using var response = await _host.Client.PostAsync("/api/upload-video", content);

        await response.ProblemAsync(HttpStatusCode.BadRequest, _root.Path);
        _root.FilesUnder("videos").Should().BeEmpty();
    }

    [Fact]
    public async Task Multipart_without_a_boundary_is_a_400_problem()
    {
        using var content = new ByteArrayContent(new MultipartBody().File("video", "a.mp4", TestVideos.Mp4()).ToArray());
        content.Headers.TryAddWithoutValidation("Content-Type", "multipart/form-data");

        using var response = await _host.Client.PostAsync("/api/upload-video", content);

        await response.ProblemAsync(HttpStatusCode.BadRequest, _root.Path);
    }

    [Fact]
    public async Task Multipart_with_an_overlong_boundary_is_a_400_problem()
    {
        var body = new MultipartBody(new string('b', 71)).File("video", "a.mp4", TestVideos.Mp4());

        using var response = await _host.Client.PostAsync("/api/upload-video", body.ToContent());

        await response.ProblemAsync(HttpStatusCode.BadRequest, _root.Path);
    }

    [Fact]
    public async Task Multipart_that_ends_inside_the_video_part_is_a_400_problem_and_leaves_nothing()
    {
        // The framing is broken: the body ends (Content-Length honoured) before the closing boundary.
        var body = new MultipartBody().File("video", "a.mp4", TestVideos.Mp4(32 * 1024)).ToArray(close: false)[..^2];
        using var content = new ByteArrayContent(body);
        content.Headers.TryAddWithoutValidation("Content-Type", new MultipartBody().ContentType);

        using var response = await _host.Client.PostAsync("/api/upload-video", content);

        await response.ProblemAsync(HttpStatusCode.BadRequest, _root.Path);
        _root.FilesUnder("videos").Should().BeEmpty();
        _root.FilesUnder(".incoming").Should().BeEmpty();
    }

    [Fact]
    public async Task Multipart_with_garbage_part_headers_is_a_400_problem()
    {
        var body = new MultipartBody().Raw($"--{MultipartBody.DefaultBoundary}\r\n" + new string('x', 20_000) + "\r\n\r\nbody\r\n");
        using var content = body.ToContent();

        using var response = await _host.Client.PostAsync("/api/upload-video", content);

        await response.ProblemAsync(HttpStatusCode.BadRequest, _root.Path);
    }

    [Fact]
    public async Task Video_part_with_an_empty_file_name_is_a_400_problem()
    {
        var body = new MultipartBody().File("video", "", TestVideos.Mp4());

        using var response = await _host.Client.PostAsync("/api/upload-video", body.ToContent());

        await response.ProblemAsync(HttpStatusCode.BadRequest, _root.Path);
        _root.FilesUnder("videos").Should().BeEmpty();
    }

    [Fact]
    public async Task Text_file_named_mp4_is_a_415_problem_and_leaves_nothing()
    {
        var body = new MultipartBody().File("video", "notes.mp4", TestVideos.Text(2048), "video/mp4");

        using var response = await _host.Client.PostAsync("/api/upload-video", body.ToContent());

        await response.ProblemAsync(HttpStatusCode.UnsupportedMediaType, _root.Path);
        _root.FilesUnder("videos").Should().BeEmpty();
        _root.FilesUnder(".incoming").Should().BeEmpty();
    }

    [Fact]
    public async Task Refused_upload_is_logged_once_by_the_store_and_not_again_by_the_endpoint()
    {
        var body = new MultipartBody().File("video", "notes.mp4", TestVideos.Text(2048), "video/mp4");

        using var response = await _host.Client.PostAsync("/api/upload-video", body.ToContent());

        await response.ProblemAsync(HttpStatusCode.UnsupportedMediaType, _root.Path);
        var refusals = _host.Logs.Entries
            .Where(entry => entry.Category.StartsWith("VideoVault", StringComparison.Ordinal) && entry.Message.Contains("refused", StringComparison.OrdinalIgnoreCase))
            .ToList();
        refusals.Should().ContainSingle()
            .Which.Should().Match<CollectingLoggerProvider.LogEntry>(entry =>
                entry.EventId.Id == 1001 && entry.EventId.Name == "UploadRefused" && entry.Level == LogLevel.Information
                && entry.Message.Contains("unsupported_container") && entry.Message.Contains("notes.mp4"));
    }

    [Theory]
    [InlineData("../../x.mp4")]
    [InlineData(@"C:\x\..\a.mp4")]
    [InlineData("a\u0000b.mp4")]
    [InlineData("\u202Egnp.mp4")]
    [InlineData("CON.mp4")]
    [InlineData("LONG")]
    public async Task Upload_with_a_hostile_name_is_stored_under_the_root_with_a_safe_name(string name)
    {
        if (name == "LONG")
        {
            name = new string('a', 300) + ".mp4";
        }

        var video = TestVideos.Mp4(seed: name.Length);
        // filename* carries the name exactly (NUL and U+202E included) as RFC 5987 percent-encoded UTF-8.
        var disposition = "Content-Disposition: form-data; name=\"video\"; filename=\"upload.mp4\"; filename*=UTF-8''" +
                          Uri.EscapeDataString(name) + "\r\nContent-Type: video/mp4";
        var body = new MultipartBody().Part(disposition, video);

        using var response = await _host.Client.PostAsync("/api/upload-video", body.ToContent());

        var json = await response.JsonAsync(HttpStatusCode.Created);
        var stored = json.GetProperty("filename").GetString()!;
        stored.Should().MatchRegex(@"^[A-Za-z0-9._\-]+$").And.NotContain("..");
        stored.Length.Should().BeLessThan(255);
        stored.Should().NotStartWithEquivalentOf("CON.");
        var original = json.GetProperty("original_filename").GetString()!;
        original.Should().NotContain("\u0000").And.NotContain("\u202E").And.NotContain("/").And.NotContain("\\");

        var files = _root.FilesUnder("videos");
        files.Should().ContainSingle().Which.Should().Be(json.GetProperty("local_backup").GetString());
        File.ReadAllBytes(Path.Combine(_root.Path, files[0])).Should().Equal(video);
        Directory.EnumerateFileSystemEntries(Path.GetDirectoryName(_root.Path)!, "x.mp4").Should().BeEmpty();
        Directory.EnumerateFileSystemEntries(_root.Path).Select(Path.GetFileName)
            .Should().BeSubsetOf(["videos", ".incoming", "manifest.db", "manifest.db-wal", "manifest.db-shm", ".lock"]);
    }

    [Theory]
    [InlineData("../../x.mp4")]
    [InlineData(@"..\..\x.mp4")]
    [InlineData("/etc/cron.d/x.mp4")]
    public async Task Upload_with_a_traversal_name_in_the_plain_filename_parameter_is_stored_under_the_root(string name)
    {
        var body = new MultipartBody().File("video", name, TestVideos.Mp4());

        using var response = await _host.Client.PostAsync("/api/upload-video", body.ToContent());

        var json = await response.JsonAsync(HttpStatusCode.Created);
        json.GetProperty("local_backup").GetString().Should().MatchRegex(@"^videos/\d{4}/\d{2}/[A-Za-z0-9._\-]+$").And.NotContain("..");
        _root.FilesUnder("videos").Should().ContainSingle();
        File.Exists(Path.Combine(Path.GetDirectoryName(_root.Path)!, "x.mp4")).Should().BeFalse();
    }

    [Fact]
    public async Task Concurrent_uploads_with_the_same_name_all_succeed_with_distinct_files()
    {
        const int count = 8;
        var videos = Enumerable.Range(0, count).Select(i => TestVideos.Mp4(16 * 1024, seed: 100 + i)).ToArray();

        var responses = await Task.WhenAll(videos.Select(async video =>
        {
            var body = new MultipartBody().Field("content_type", "Same").File("video", "same.mp4", video);
            using var response = await _host.Client.PostAsync("/api/upload-video", body.ToContent());
            return await response.JsonAsync(HttpStatusCode.Created);
        }));

        var names = responses.Select(json => json.GetProperty("filename").GetString()).ToList();
        names.Should().OnlyHaveUniqueItems();
        var files = _root.FilesUnder("videos");
        files.Should().HaveCount(count);
        files.Select(file => Convert.ToHexStringLower(SHA256.HashData(File.ReadAllBytes(Path.Combine(_root.Path, file)))))
            .Should().BeEquivalentTo(videos.Select(video => Convert.ToHexStringLower(SHA256.HashData(video))));
    }

    [Fact]
    public async Task Client_that_aborts_mid_body_leaves_nothing_behind_and_no_error_in_the_log()
    {
        var body = new MultipartBody().Field("content_type", "Aborted").File("video", "big.mp4", TestVideos.Mp4(2 * 1024 * 1024)).ToArray();

        using (var socket = await RawHttp.ConnectAsync(_host.BaseAddress))
        {
            await socket.SendAsync(RawHttp.RequestHead(_host.BaseAddress, "/api/upload-video", new MultipartBody().ContentType, body.Length));
            await socket.SendAsync(body.AsMemory(0, body.Length / 2));
            await Poll.UntilAsync(() => _root.FilesUnder(".incoming").Count > 0, "the upload to reach the store");
        }

        await Poll.UntilAsync(() => _root.FilesUnder(".incoming").Count == 0, "the temp file to be removed");
        _root.FilesUnder("videos").Should().BeEmpty();
        await AssertNoManifestRowsAsync();
        using var list = await _host.Client.GetAsync("/api/videos/list");
        (await list.JsonAsync(HttpStatusCode.OK)).GetProperty("total").GetInt64().Should().Be(0);
        _host.Logs.Entries.Should().NotContain(entry => entry.Level >= LogLevel.Error);
    }

    [Fact]
    public async Task Content_length_over_the_limit_is_refused_with_413_before_the_body_is_sent()
    {
        var host = await RestartWithAsync(options => options.MaxFileSizeBytes = 64 * 1024);
        var limit = 64 * 1024 + 1024 * 1024;

        using var socket = await RawHttp.ConnectAsync(host.BaseAddress);
        await socket.SendAsync(RawHttp.RequestHead(host.BaseAddress, "/api/upload-video", new MultipartBody().ContentType, limit + 1));
        var response = await RawHttp.ReadResponseAsync(socket, TimeSpan.FromSeconds(30));

        RawHttp.StatusOf(response).Should().Be(413);
        response.Should().Contain("Content-Type: application/problem+json").And.Contain("Connection: close");
        ResponseAssertions.AssertProblem(RawHttp.BodyOf(response), "application/problem+json", 413, _root.Path);
    }

    [Fact]
    public async Task Chunked_body_that_grows_over_the_limit_is_refused_with_413_and_leaves_nothing()
    {
        var host = await RestartWithAsync(options => options.MaxFileSizeBytes = 64 * 1024);
        var body = new MultipartBody().File("video", "big.mp4", TestVideos.Mp4(256 * 1024)).ToArray();

        var response = await SendChunkedAsync(host, body);

        RawHttp.StatusOf(response).Should().Be(413);
        ResponseAssertions.AssertProblem(RawHttp.BodyOf(response), "application/problem+json", 413, _root.Path);
        _root.FilesUnder("videos").Should().BeEmpty();
        await Poll.UntilAsync(() => _root.FilesUnder(".incoming").Count == 0, "the temp file to be removed");
    }

    [Fact]
    public async Task Chunked_body_whose_extra_parts_exceed_the_request_limit_is_cut_off_by_Kestrel_with_413()
    {
        // The store never sees this body: a 2 MiB field before the file crosses the per-request limit
        // (MaxFileSizeBytes + 1 MiB) while the endpoint skips it, so Kestrel's own 413 must come out as a problem.
        var host = await RestartWithAsync(options => options.MaxFileSizeBytes = 64 * 1024);
        var body = new MultipartBody().Field("notes", new string('n', 2 * 1024 * 1024)).File("video", "a.mp4", TestVideos.Mp4()).ToArray();

        var response = await SendChunkedAsync(host, body);

        RawHttp.StatusOf(response).Should().Be(413);
        ResponseAssertions.AssertProblem(RawHttp.BodyOf(response), "application/problem+json", 413, _root.Path);
        _root.FilesUnder("videos").Should().BeEmpty();
    }

    [Fact]
    public async Task Chunked_upload_from_HttpClient_within_the_limit_is_stored()
    {
        var video = TestVideos.Mp4(200 * 1024);
        using var form = new MultipartFormDataContent { { new StreamContent(new NonSeekableStream(video)), "video", "chunked.mp4" } };

        using var response = await _host.Client.PostAsync("/api/upload-video", form);

        (await response.JsonAsync(HttpStatusCode.Created)).GetProperty("size_bytes").GetInt64().Should().Be(video.Length);
    }

    [Fact]
    public async Task Upload_when_the_disk_would_drop_below_the_free_space_floor_is_a_507_problem()
    {
        var host = await RestartWithAsync(options => options.MinFreeSpaceBytes = long.MaxValue / 2);
        var body = new MultipartBody().File("video", "a.mp4", TestVideos.Mp4());

        using var response = await host.Client.PostAsync("/api/upload-video", body.ToContent());

        await response.ProblemAsync(HttpStatusCode.InsufficientStorage, _root.Path);
        _root.FilesUnder("videos").Should().BeEmpty();
        _root.FilesUnder(".incoming").Should().BeEmpty();
    }

    [Fact]
    public async Task Upload_whose_content_length_would_cross_the_free_space_floor_is_a_507_before_the_body_is_read()
    {
        // The floor sits 512 MiB below what is free now, so a declared 1 GiB crosses it while other tests writing to
        // the same disk cannot. Only the head and the video part's headers are sent: an answer proves the check ran on
        // the declared length, since a store that waited for the body's first bytes would never answer.
        var free = new DriveInfo(_root.Path).AvailableFreeSpace;
        var host = await RestartWithAsync(options => options.MinFreeSpaceBytes = Math.Max(free - (512L << 20), 1));
        var body = new MultipartBody();
        var preamble = body.Raw($"--{body.Boundary}\r\nContent-Disposition: form-data; name=\"video\"; filename=\"big.mp4\"\r\nContent-Type: video/mp4\r\n\r\n")
            .ToArray(close: false);

        using var socket = await RawHttp.ConnectAsync(host.BaseAddress);
        await socket.SendAsync(RawHttp.RequestHead(host.BaseAddress, "/api/upload-video", body.ContentType, 1L << 30));
        await socket.SendAsync(preamble);
        var response = await RawHttp.ReadResponseAsync(socket, TimeSpan.FromSeconds(15));

        RawHttp.StatusOf(response).Should().Be(507, "the response was: {0}", response);
        ResponseAssertions.AssertProblem(RawHttp.BodyOf(response), "application/problem+json", 507, _root.Path);
        _root.FilesUnder(".incoming").Should().BeEmpty();
        _root.FilesUnder("videos").Should().BeEmpty();
    }

    [Fact]
    public async Task Upload_of_a_file_exactly_at_the_size_limit_is_stored_although_the_request_is_longer()
    {
        // The Content-Length also counts boundaries and part headers, so it must not be taken for the file's length.
        var host = await RestartWithAsync(options => options.MaxFileSizeBytes = 64 * 1024);
        var video = TestVideos.Mp4(64 * 1024);
        var body = new MultipartBody().Field("content_type", "Edge").File("video", "edge.mp4", video);

        using var response = await host.Client.PostAsync("/api/upload-video", body.ToContent());

        (await response.JsonAsync(HttpStatusCode.Created)).GetProperty("size_bytes").GetInt64().Should().Be(video.Length);
    }

    [Fact]
    public async Task Upload_works_under_a_custom_prefix_and_points_its_location_there()
    {
        var host = await RestartWithAsync(prefix: "/media/v1/");
        var body = new MultipartBody().File("video", "a.mp4", TestVideos.Mp4());

        using var response = await host.Client.PostAsync("/media/v1/upload-video", body.ToContent());

        var json = await response.JsonAsync(HttpStatusCode.Created);
        response.Headers.Location!.OriginalString.Should().Be("/media/v1/video-info/" + json.GetProperty("filename").GetString());
        using var info = await host.Client.GetAsync(response.Headers.Location);
        info.StatusCode.Should().Be(HttpStatusCode.OK);
    }

    /// <summary>Sends the body chunked (no Content-Length), 16 KiB a chunk, and reads the answer.</summary>
    private static Task<string> SendChunkedAsync(VideoVaultTestHost host, byte[] body) =>
        RawHttp.PostChunkedAsync(
            host.BaseAddress,
            "/api/upload-video",
            new MultipartBody().ContentType,
            body.Chunk(16 * 1024).Select(chunk => (ReadOnlyMemory<byte>)chunk));

    private static ByteArrayContent Bytes(byte[] bytes, string contentType)
    {
        var content = new ByteArrayContent(bytes);
        content.Headers.ContentType = new MediaTypeHeaderValue(contentType);
        return content;
    }

    private async Task AssertNoManifestRowsAsync()
    {
        var manifest = _host.Services.GetRequiredService<IVideoManifest>();
        var rows = new List<VideoRecord>();
        await foreach (var row in manifest.ReadAllAsync())
        {
            rows.Add(row);
        }

        rows.Should().BeEmpty();
    }

    private async Task<VideoVaultTestHost> RestartWithAsync(Action<VideoVaultOptions>? configure = null, string prefix = "/api")
    {
        await _host.DisposeAsync();
        _host = await VideoVaultTestHost.StartAsync(_root.Path, configure, prefix);
        return _host;
    }
}
