using System.Net;
using System.Net.Sockets;
using System.Text;
using Microsoft.Extensions.DependencyInjection;
using VideoVault.AspNetCore.Tests.TestSupport;

namespace VideoVault.AspNetCore.Tests.Endpoints;

/// <summary>
/// The <c>Idempotency-Key</c> header over real HTTP: a client that retries after losing the 201 must not store the
/// video twice, a key reused for other bytes is refused, and a broken key is refused before the body is read.
/// </summary>
public sealed class UploadVideoEndpointIdempotencyTests : IAsyncLifetime
{
    private const string Upload = "/api/upload-video";
    private const string Key = "8e03978e-40d5-43e8-bc93-6894a57f9324";

    private readonly TempDirectory _root = new();
    private VideoVaultTestHost _host = null!;

    public async Task InitializeAsync() => _host = await VideoVaultTestHost.StartAsync(_root.Path);

    public async Task DisposeAsync()
    {
        await _host.DisposeAsync();
        _root.Dispose();
    }

    [Fact]
    public async Task Same_key_and_same_bytes_twice_stores_one_video_and_replays_the_first_answer()
    {
        var video = TestVideos.Mp4(48 * 1024, seed: 1);

        using var first = await PostAsync(video, "\"" + Key + "\"");
        var stored = await first.JsonAsync(HttpStatusCode.Created);
        first.Headers.Contains("Idempotent-Replayed").Should().BeFalse("the first upload is not a replay");

        using var second = await PostAsync(video, "\"" + Key + "\"");
        var replayed = await second.JsonAsync(HttpStatusCode.Created);

        second.Headers.GetValues("Idempotent-Replayed").Should().Equal("true");
        replayed.GetProperty("success").GetBoolean().Should().BeTrue();
        replayed.GetProperty("video_id").GetString().Should().Be(stored.GetProperty("video_id").GetString());
        replayed.GetProperty("filename").GetString().Should().Be(stored.GetProperty("filename").GetString());
        replayed.GetProperty("sha256").GetString().Should().Be(stored.GetProperty("sha256").GetString());
        second.Headers.Location.Should().Be(first.Headers.Location);
        (await ListedIdsAsync()).Should().Equal(stored.GetProperty("video_id").GetString());
        _root.FilesUnder("videos").Should().ContainSingle();
        _root.FilesUnder(".incoming").Should().BeEmpty();
        _host.Logs.Entries.Should().ContainSingle(entry => entry.EventId.Id == 3001, "only the first upload stored a video");
        _host.Logs.Entries.Should().ContainSingle(entry => entry.EventId.Id == 1013, "the store logs the replay, once");
    }

    [Fact]
    public async Task Quoted_and_bare_forms_of_a_key_are_the_same_key()
    {
        var video = TestVideos.Mp4(16 * 1024, seed: 2);

        using var quoted = await PostAsync(video, "\"" + Key + "\"");
        var stored = await quoted.JsonAsync(HttpStatusCode.Created);
        using var bare = await PostAsync(video, Key);
        var replayed = await bare.JsonAsync(HttpStatusCode.Created);

        bare.Headers.GetValues("Idempotent-Replayed").Should().Equal("true");
        replayed.GetProperty("video_id").GetString().Should().Be(stored.GetProperty("video_id").GetString());
        _root.FilesUnder("videos").Should().ContainSingle();
    }

    [Fact]
    public async Task Same_key_with_different_bytes_is_a_422_problem_and_the_first_video_stays_intact()
    {
        var original = TestVideos.Mp4(16 * 1024, seed: 3);
        using var first = await PostAsync(original, Key);
        var stored = await first.JsonAsync(HttpStatusCode.Created);

        using var second = await PostAsync(TestVideos.Mp4(16 * 1024, seed: 4), Key);

        var problem = await second.ProblemAsync(HttpStatusCode.UnprocessableEntity, _root.Path);
        problem.GetProperty("title").GetString().Should().Be("Idempotency key reused");
        problem.GetProperty("detail").GetString().Should().ContainEquivalentOf("idempotency key");
        second.Headers.Contains("Idempotent-Replayed").Should().BeFalse();
        (await ListedIdsAsync()).Should().Equal(stored.GetProperty("video_id").GetString());
        var file = _root.FilesUnder("videos").Should().ContainSingle().Subject;
        File.ReadAllBytes(Path.Combine(_root.Path, file)).Should().Equal(original);
        _root.FilesUnder(".incoming").Should().BeEmpty();
    }

    [Fact]
    public async Task Different_keys_for_the_same_bytes_store_two_videos()
    {
        var video = TestVideos.Mp4(16 * 1024, seed: 5);

        using var first = await PostAsync(video, Key);
        await first.JsonAsync(HttpStatusCode.Created);
        using var second = await PostAsync(video, "another-key");
        await second.JsonAsync(HttpStatusCode.Created);

        second.Headers.Contains("Idempotent-Replayed").Should().BeFalse();
        (await ListedIdsAsync()).Should().HaveCount(2);
    }

    [Fact]
    public async Task Uploads_without_the_header_are_unchanged_and_the_same_bytes_twice_store_two_videos()
    {
        var video = TestVideos.Mp4(16 * 1024, seed: 6);

        using var first = await PostAsync(video, key: null);
        var one = await first.JsonAsync(HttpStatusCode.Created);
        using var second = await PostAsync(video, key: null);
        var two = await second.JsonAsync(HttpStatusCode.Created);

        first.Headers.Contains("Idempotent-Replayed").Should().BeFalse();
        second.Headers.Contains("Idempotent-Replayed").Should().BeFalse();
        two.GetProperty("video_id").GetString().Should().NotBe(one.GetProperty("video_id").GetString());
        (await ListedIdsAsync()).Should().HaveCount(2);
        _root.FilesUnder("videos").Should().HaveCount(2);
    }

    [Fact]
    public async Task A_key_of_exactly_255_characters_is_accepted_quoted_or_bare()
    {
        var key = new string('k', 255);

        using var quoted = await PostAsync(TestVideos.Mp4(seed: 7), "\"" + key + "\"");
        await quoted.JsonAsync(HttpStatusCode.Created);
        using var bare = await PostAsync(TestVideos.Mp4(seed: 8), new string('b', 255));
        await bare.JsonAsync(HttpStatusCode.Created);
    }

    /// <summary>
    /// Sent over a bare socket: the request head only, with a Content-Length of 64 MiB and no body at all. The answer
    /// coming anyway proves the key is checked before a byte of the body is read; the raw bytes also let the test send
    /// what HttpClient refuses to (non-ASCII, control characters).
    /// </summary>
    [Theory]
    [InlineData("\"\"", "empty once the quotes are removed")]
    [InlineData("", "empty")]
    [InlineData("256", "256 characters")]
    [InlineData("\"256\"", "256 characters, quoted")]
    [InlineData("ab\tcd", "a tab (a control character HTTP allows inside a field value)")]
    [InlineData("ab\u0001cd", "a raw 0x01 byte")]
    [InlineData("ab\u007Fcd", "DEL (0x7F)")]
    [InlineData("schl\u00FCssel", "a non-ASCII character sent as raw UTF-8 bytes")]
    public async Task Invalid_key_is_a_400_problem_before_the_body_and_nothing_is_stored(string value, string because)
    {
        value = value.Replace("256", new string('x', 256), StringComparison.Ordinal);

        var response = await SendHeadOnlyAsync([.. "Idempotency-Key: "u8, .. Encoding.UTF8.GetBytes(value)]);

        RawHttp.StatusOf(response).Should().Be(400, "the key was {0}; the response was: {1}", because, response);
        var problem = ResponseAssertions.AssertProblem(RawHttp.BodyOf(response), "application/problem+json", 400, _root.Path);
        problem.GetProperty("detail").GetString().Should().Contain("Idempotency-Key").And.NotContain(new string('x', 32), "a huge key is not echoed");
        _root.FilesUnder("videos").Should().BeEmpty();
        _root.FilesUnder(".incoming").Should().BeEmpty();
        (await ListedIdsAsync()).Should().BeEmpty();
    }

    [Fact]
    public async Task Two_key_header_lines_are_a_400_problem_before_the_body()
    {
        var response = await SendHeadOnlyAsync([.. "Idempotency-Key: one\r\nIdempotency-Key: two"u8]);

        RawHttp.StatusOf(response).Should().Be(400, "the response was: {0}", response);
        ResponseAssertions.AssertProblem(RawHttp.BodyOf(response), "application/problem+json", 400, _root.Path)
            .GetProperty("detail").GetString().Should().Contain("once");
        _root.FilesUnder("videos").Should().BeEmpty();
    }

    private async Task<HttpResponseMessage> PostAsync(byte[] video, string? key)
    {
        var body = new MultipartBody().Field("content_type", "Retry").File("video", "clip.mp4", video);
        using var request = new HttpRequestMessage(HttpMethod.Post, Upload) { Content = body.ToContent() };
        if (key is not null)
        {
            request.Headers.TryAddWithoutValidation("Idempotency-Key", key);
        }

        return await _host.Client.SendAsync(request);
    }

    private async Task<string> SendHeadOnlyAsync(byte[] keyHeaderLines)
    {
        using var socket = await RawHttp.ConnectAsync(_host.BaseAddress);
        var head = RawHttp.RequestHead(_host.BaseAddress, Upload, new MultipartBody().ContentType, 64L * 1024 * 1024);
        byte[] withKey = [.. head[..^2], .. keyHeaderLines, .. "\r\n\r\n"u8];
        await socket.SendAsync(withKey, SocketFlags.None);
        return await RawHttp.ReadResponseAsync(socket, TimeSpan.FromSeconds(30));
    }

    private async Task<List<string>> ListedIdsAsync()
    {
        using var response = await _host.Client.GetAsync("/api/videos/list");
        var json = await response.JsonAsync(HttpStatusCode.OK);
        var manifest = _host.Services.GetRequiredService<IVideoManifest>();
        var rows = new List<string>();
        await foreach (var row in manifest.ReadAllAsync())
        {
            rows.Add(row.Id);
        }

        var listed = json.GetProperty("videos").EnumerateArray().Select(video => video.GetProperty("video_id").GetString()!).ToList();
        listed.Should().BeEquivalentTo(rows, "the list endpoint shows what the manifest holds");
        return listed;
    }
}
