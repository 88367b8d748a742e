using System.Net;
using System.Net.Http.Headers;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Logging;
using VideoVault.AspNetCore.Tests.TestSupport;
using VideoVault.Storage;

namespace VideoVault.AspNetCore.Tests.Endpoints;

/// <summary><c>GET</c>/<c>HEAD /api/videos/{filename}/content</c> on a real loopback Kestrel, read with HttpClient.</summary>
public sealed class VideoContentEndpointTests : IAsyncLifetime
{
    private readonly TempDirectory _root = new();
    private readonly byte[] _video = TestVideos.Mp4(256 * 1024, seed: 7);
    private VideoVaultTestHost _host = null!;
    private JsonElement _uploaded;

    public async Task InitializeAsync()
    {
        _host = await VideoVaultTestHost.StartAsync(_root.Path);
        _uploaded = await _host.Client.UploadAsync("intro clip.mp4", _video, "Tutorial");
    }

    public async Task DisposeAsync()
    {
        await _host.DisposeAsync();
        _root.Dispose();
    }

    private string StoredName => _uploaded.GetProperty("filename").GetString()!;

    private string Id => _uploaded.GetProperty("video_id").GetString()!;

    private string Sha256 => _uploaded.GetProperty("sha256").GetString()!;

    private string ContentPath => $"/api/videos/{Uri.EscapeDataString(StoredName)}/content";

    private IVideoManifest Manifest => _host.Services.GetRequiredService<IVideoManifest>();

    [Fact]
    public async Task A_full_GET_sends_every_byte_with_type_length_validators_and_an_inline_disposition()
    {
        using var response = await _host.Client.GetAsync(ContentPath);

        response.StatusCode.Should().Be(HttpStatusCode.OK);
        (await response.Content.ReadAsByteArrayAsync()).Should().Equal(_video);
        response.Content.Headers.ContentType!.MediaType.Should().Be("video/mp4");
        response.Content.Headers.ContentLength.Should().Be(_video.Length);
        response.Headers.AcceptRanges.Should().Equal("bytes");
        response.Headers.ETag.Should().Be(new EntityTagHeaderValue($"\"{Sha256}\"", isWeak: false));
        var createdAt = DateTimeOffset.Parse(_uploaded.GetProperty("created_at").GetString()!, System.Globalization.CultureInfo.InvariantCulture);
        response.Content.Headers.LastModified.Should().Be(createdAt.AddTicks(-(createdAt.Ticks % TimeSpan.TicksPerSecond)), "HTTP dates have whole seconds");
        response.Content.Headers.GetValues("Content-Disposition").Should().Equal("inline; filename=\"intro clip.mp4\"");
        response.Headers.GetValues("X-Content-Type-Options").Should().Equal("nosniff");
    }

    [Fact]
    public async Task The_video_id_and_the_stored_name_serve_the_same_bytes()
    {
        using var byId = await _host.Client.GetAsync($"/api/videos/{Id}/content");
        using var byName = await _host.Client.GetAsync(ContentPath);

        byId.StatusCode.Should().Be(HttpStatusCode.OK);
        (await byId.Content.ReadAsByteArrayAsync()).Should().Equal(_video);
        byId.Headers.ETag.Should().Be(byName.Headers.ETag);
        byId.Content.Headers.GetValues("Content-Disposition").Should().Equal(byName.Content.Headers.GetValues("Content-Disposition"));
    }

    [Fact]
    public async Task HEAD_answers_the_headers_of_the_GET_without_a_body()
    {
        using var head = await _host.Client.SendAsync(new HttpRequestMessage(HttpMethod.Head, ContentPath));
        using var get = await _host.Client.GetAsync(ContentPath, HttpCompletionOption.ResponseHeadersRead);

        head.StatusCode.Should().Be(HttpStatusCode.OK);
        head.Content.Headers.ContentLength.Should().Be(_video.Length);
        (await head.Content.ReadAsByteArrayAsync()).Should().BeEmpty();
        head.Headers.ETag.Should().Be(get.Headers.ETag);
        head.Headers.AcceptRanges.Should().Equal("bytes");
        head.Content.Headers.ContentType!.MediaType.Should().Be("video/mp4");
        head.Content.Headers.LastModified.Should().Be(get.Content.Headers.LastModified);
        head.Content.Headers.GetValues("Content-Disposition").Should().Equal(get.Content.Headers.GetValues("Content-Disposition"));
    }

    [Theory]
    [InlineData("bytes=100-199", 100, 199)]
    [InlineData("bytes=0-0", 0, 0)]
    [InlineData("bytes=-500", 256 * 1024 - 500, 256 * 1024 - 1)]
    [InlineData("bytes=1000-", 1000, 256 * 1024 - 1)]
    [InlineData("bytes=262000-999999", 262000, 256 * 1024 - 1)]
    public async Task A_single_range_is_a_206_with_exactly_those_bytes(string range, long from, long to)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, ContentPath);
        request.Headers.TryAddWithoutValidation("Range", range);

        using var response = await _host.Client.SendAsync(request);

        response.StatusCode.Should().Be(HttpStatusCode.PartialContent);
        response.Content.Headers.ContentRange.Should().Be(new ContentRangeHeaderValue(from, to, _video.Length));
        response.Content.Headers.ContentLength.Should().Be(to - from + 1);
        (await response.Content.ReadAsByteArrayAsync()).Should().Equal(_video[(int)from..(int)(to + 1)]);
        response.Headers.ETag!.Tag.Should().Be($"\"{Sha256}\"");
    }

    [Theory]
    [InlineData("bytes=262144-")]
    [InlineData("bytes=999999-1000000")]
    public async Task An_unsatisfiable_range_is_a_416_that_names_the_length(string range)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, ContentPath);
        request.Headers.TryAddWithoutValidation("Range", range);

        using var response = await _host.Client.SendAsync(request);

        response.StatusCode.Should().Be(HttpStatusCode.RequestedRangeNotSatisfiable);
        response.Content.Headers.GetValues("Content-Range").Should().Equal($"bytes */{_video.Length}");
        (await response.Content.ReadAsByteArrayAsync()).Should().BeEmpty();
    }

    [Fact]
    public async Task If_Range_with_the_current_ETag_gets_the_range_and_with_another_ETag_the_whole_video()
    {
        using var matching = new HttpRequestMessage(HttpMethod.Get, ContentPath);
        matching.Headers.TryAddWithoutValidation("Range", "bytes=10-19");
        matching.Headers.TryAddWithoutValidation("If-Range", $"\"{Sha256}\"");
        using var stale = new HttpRequestMessage(HttpMethod.Get, ContentPath);
        stale.Headers.TryAddWithoutValidation("Range", "bytes=10-19");
        stale.Headers.TryAddWithoutValidation("If-Range", $"\"{new string('0', 64)}\"");

        using var partial = await _host.Client.SendAsync(matching);
        using var whole = await _host.Client.SendAsync(stale);

        partial.StatusCode.Should().Be(HttpStatusCode.PartialContent);
        (await partial.Content.ReadAsByteArrayAsync()).Should().Equal(_video[10..20]);
        whole.StatusCode.Should().Be(HttpStatusCode.OK);
        whole.Content.Headers.ContentRange.Should().BeNull();
        (await whole.Content.ReadAsByteArrayAsync()).Should().Equal(_video);
    }

    [Fact]
    public async Task If_None_Match_with_the_ETag_and_If_Modified_Since_the_Last_Modified_are_304_without_a_body()
    {
        using var first = await _host.Client.GetAsync(ContentPath, HttpCompletionOption.ResponseHeadersRead);
        using var byETag = new HttpRequestMessage(HttpMethod.Get, ContentPath);
        byETag.Headers.IfNoneMatch.Add(first.Headers.ETag!);
        using var byDate = new HttpRequestMessage(HttpMethod.Get, ContentPath);
        byDate.Headers.IfModifiedSince = first.Content.Headers.LastModified;
        using var otherETag = new HttpRequestMessage(HttpMethod.Get, ContentPath);
        otherETag.Headers.IfNoneMatch.Add(new EntityTagHeaderValue($"\"{new string('1', 64)}\""));

        using var notModified = await _host.Client.SendAsync(byETag);
        using var notModifiedSince = await _host.Client.SendAsync(byDate);
        using var modified = await _host.Client.SendAsync(otherETag);

        notModified.StatusCode.Should().Be(HttpStatusCode.NotModified);
        notModified.Headers.ETag.Should().Be(first.Headers.ETag);
        (await notModified.Content.ReadAsByteArrayAsync()).Should().BeEmpty();
        notModifiedSince.StatusCode.Should().Be(HttpStatusCode.NotModified);
        modified.StatusCode.Should().Be(HttpStatusCode.OK);
        (await modified.Content.ReadAsByteArrayAsync()).Should().Equal(_video);
    }

    [Fact]
    public async Task If_Match_with_another_ETag_is_a_412()
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, ContentPath);
        request.Headers.IfMatch.Add(new EntityTagHeaderValue($"\"{new string('2', 64)}\""));

        using var response = await _host.Client.SendAsync(request);

        response.StatusCode.Should().Be(HttpStatusCode.PreconditionFailed);
        (await response.Content.ReadAsByteArrayAsync()).Should().BeEmpty();
    }

    [Theory]
    [InlineData("?download=true", "attachment")]
    [InlineData("?download=1", "attachment")]
    [InlineData("?download=false", "inline")]
    [InlineData("?download=0", "inline")]
    [InlineData("", "inline")]
    public async Task The_download_query_chooses_attachment_over_inline(string query, string disposition)
    {
        using var response = await _host.Client.GetAsync(ContentPath + query);

        response.StatusCode.Should().Be(HttpStatusCode.OK);
        response.Content.Headers.ContentDisposition!.DispositionType.Should().Be(disposition);
        response.Content.Headers.ContentDisposition.FileName.Should().Be("intro clip.mp4");
    }

    [Fact]
    public async Task A_download_query_that_is_not_a_boolean_is_a_400_problem()
    {
        using var response = await _host.Client.GetAsync(ContentPath + "?download=yes");

        await response.ProblemAsync(HttpStatusCode.BadRequest, _root.Path);
    }

    [Theory]
    [InlineData("nothing-here.mp4")]
    [InlineData("0123456789abcdef0123456789abcdef")]
    [InlineData("..%2F..%2Fmanifest.db")]
    [InlineData("%20")]
    public async Task An_unknown_video_is_a_404_problem(string name)
    {
        using var get = await _host.Client.GetAsync($"/api/videos/{name}/content");
        using var head = await _host.Client.SendAsync(new HttpRequestMessage(HttpMethod.Head, $"/api/videos/{name}/content"));

        await get.ProblemAsync(HttpStatusCode.NotFound, _root.Path);
        head.StatusCode.Should().Be(HttpStatusCode.NotFound);
        (await head.Content.ReadAsByteArrayAsync()).Should().BeEmpty();
    }

    [Fact]
    public async Task A_local_copy_removed_by_cleanup_is_a_410_that_names_the_Drive_copy_and_the_restore_command()
    {
        var mirror = new MirrorStatus
        {
            State = MirrorState.Mirrored,
            RemoteFileId = "1AbCdEfGhIjKlMnOpQrStUvWxYz",
            RemoteLink = "https://drive.google.com/file/d/1AbCdEfGhIjKlMnOpQrStUvWxYz/view",
            MirroredAt = PlacedVideos.CreatedAt.AddMinutes(3),
        };
        var video = await PlacedVideos.PlaceAsync(Manifest, _root.Path, TestVideos.Mp4(4096), "old talk.mp4", LocalCopyState.Removed, mirror);

        using var response = await _host.Client.GetAsync($"/api/videos/{video.StoredName}/content");
        using var head = await _host.Client.SendAsync(new HttpRequestMessage(HttpMethod.Head, $"/api/videos/{video.Id}/content"));

        var problem = await response.ProblemAsync(HttpStatusCode.Gone, _root.Path);
        var detail = problem.GetProperty("detail").GetString();
        detail.Should().Contain("removed from the server by cleanup").And.Contain("verified copy is on Google Drive")
            .And.Contain("1AbCdEfGhIjKlMnOpQrStUvWxYz").And.Contain($"videovault restore {video.Id}");
        problem.GetProperty("video_id").GetString().Should().Be(video.Id);
        problem.GetProperty("filename").GetString().Should().Be(video.StoredName);
        problem.GetProperty("local_state").GetString().Should().Be("removed");
        problem.GetProperty("drive_status").GetString().Should().Be("mirrored");
        problem.GetProperty("drive_file_id").GetString().Should().Be("1AbCdEfGhIjKlMnOpQrStUvWxYz");
        (await response.Content.ReadAsStringAsync()).Should().NotContain("videos/2025");
        head.StatusCode.Should().Be(HttpStatusCode.Gone);
        (await head.Content.ReadAsByteArrayAsync()).Should().BeEmpty();
    }

    [Fact]
    public async Task A_missing_local_copy_without_a_Drive_copy_is_a_410_that_says_so_and_points_to_reconcile()
    {
        var video = await PlacedVideos.PlaceAsync(Manifest, _root.Path, TestVideos.Mp4(4096), "lost.mp4", LocalCopyState.Missing, MirrorStatus.Pending);

        using var response = await _host.Client.GetAsync($"/api/videos/{video.Id}/content");

        var problem = await response.ProblemAsync(HttpStatusCode.Gone, _root.Path);
        problem.GetProperty("detail").GetString().Should().Contain("missing").And.Contain("no verified copy is on Google Drive (Drive copy: pending)")
            .And.Contain("videovault reconcile");
        problem.GetProperty("local_state").GetString().Should().Be("missing");
        problem.GetProperty("drive_status").GetString().Should().Be("pending");
        problem.GetProperty("drive_file_id").ValueKind.Should().Be(JsonValueKind.Null);
    }

    [Fact]
    public async Task A_record_that_says_present_whose_file_was_deleted_by_hand_is_a_410_missing_not_a_500()
    {
        File.Delete(Path.Combine(_root.Path, _uploaded.GetProperty("local_backup").GetString()!));

        using var response = await _host.Client.GetAsync(ContentPath);

        var problem = await response.ProblemAsync(HttpStatusCode.Gone, _root.Path);
        problem.GetProperty("local_state").GetString().Should().Be("missing");
        problem.GetProperty("drive_status").GetString().Should().Be("disabled");
        _host.Logs.Entries.Should().Contain(e => e.EventId.Name == "FileOfRecordMissing");
    }

    [Fact]
    public async Task A_file_that_vanishes_between_the_lookup_and_the_send_is_a_410_without_a_path_not_a_500()
    {
        using var root = new TempDirectory();
        await using var host = await VideoVaultTestHost.StartAsync(
            root.Path,
            configureHost: builder => builder.Services.Replace(ServiceDescriptor.Singleton<IVideoFileLocator>(
                services => new DeletingLocator(services.GetRequiredService<LocalVideoStore>()))));
        var uploaded = await host.Client.UploadAsync("vanishing.mp4", TestVideos.Mp4(64 * 1024));

        using var response = await host.Client.GetAsync($"/api/videos/{uploaded.GetProperty("video_id").GetString()}/content");

        var problem = await response.ProblemAsync(HttpStatusCode.Gone, root.Path);
        problem.GetProperty("local_state").GetString().Should().Be("missing");
        response.Content.Headers.ContentDisposition.Should().BeNull("the answer is the problem, not half a file response");
        host.Logs.Entries.Should().Contain(e => e.EventId.Name == "DownloadFileVanished" && e.Level == LogLevel.Warning);
        host.Logs.Entries.Should().NotContain(e => e.Level >= LogLevel.Error);
    }

    [Fact]
    public async Task A_client_that_goes_away_mid_download_is_no_error_and_the_next_download_works()
    {
        var big = await PlacedVideos.PlaceSparseAsync(Manifest, _root.Path, 256L * 1024 * 1024);
        using (var response = await _host.Client.GetAsync($"/api/videos/{big.Id}/content", HttpCompletionOption.ResponseHeadersRead))
        {
            response.StatusCode.Should().Be(HttpStatusCode.OK);
            await using var body = await response.Content.ReadAsStreamAsync();
            (await body.ReadAtLeastAsync(new byte[1024 * 1024], 1024 * 1024)).Should().Be(1024 * 1024);
        }

        using var next = await _host.Client.GetAsync(ContentPath);

        (await next.Content.ReadAsByteArrayAsync()).Should().Equal(_video);
        await Poll.UntilAsync(
            () => _host.Logs.Entries.Any(e => e.Message.StartsWith("Request finished", StringComparison.Ordinal) && e.Message.Contains(big.Id, StringComparison.Ordinal)),
            "the cut download's request to end",
            TimeSpan.FromSeconds(10));
        _host.Logs.Entries.Should().NotContain(e => e.Level >= LogLevel.Warning, string.Join(Environment.NewLine, _host.Logs.Entries.Select(e => $"{e.Level} {e.EventId.Name} {e.Message}")));
    }

    /// <summary>The real locator, then the file is deleted: what a cleanup running at that moment does.</summary>
    private sealed class DeletingLocator(IVideoFileLocator inner) : IVideoFileLocator
    {
        public async Task<VideoFileLocation> LocateAsync(string idOrStoredName, CancellationToken cancellationToken = default)
        {
            var location = await inner.LocateAsync(idOrStoredName, cancellationToken);
            location.Availability.Should().Be(VideoFileAvailability.Present);
            File.Delete(location.PhysicalPath!);
            return location;
        }
    }
}
