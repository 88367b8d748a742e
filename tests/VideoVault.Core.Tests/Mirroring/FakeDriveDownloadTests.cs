using System.Net;
using System.Net.Http.Headers;
using System.Text.Json.Nodes;
using VideoVault.FakeDrive;

namespace VideoVault.Core.Tests.Mirroring;

/// <summary>
/// The fake Drive's downloads (files.get with alt=media, "Download and export files" guide) over a plain HttpClient:
/// whole files, one byte range as RFC 9110 §14 describes it, and each download fault.
/// </summary>
public sealed class FakeDriveDownloadTests : IAsyncLifetime
{
    private FakeDriveServer _drive = null!;
    private HttpClient _http = null!;

    public async Task InitializeAsync()
    {
        _drive = await FakeDriveServer.StartAsync();
        _http = new HttpClient { BaseAddress = _drive.BaseUri };
        _http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", _drive.IssueAccessToken());
    }

    public async Task DisposeAsync()
    {
        _http.Dispose();
        await _drive.DisposeAsync();
    }

    [Fact]
    public async Task A_download_without_a_range_answers_200_with_the_whole_file_and_its_length()
    {
        var content = RandomBytes(700_000);
        var file = _drive.AddFile("clip.mp4", content);

        using var response = await GetMediaAsync(file.Id);

        response.StatusCode.Should().Be(HttpStatusCode.OK);
        response.Content.Headers.ContentLength.Should().Be(content.Length);
        response.Content.Headers.ContentRange.Should().BeNull();
        response.Headers.AcceptRanges.Should().Contain("bytes");
        (await response.Content.ReadAsByteArrayAsync()).Should().Equal(content);
        var logged = _drive.Requests.Single(r => r.Kind == FakeDriveRequestKind.Download);
        logged.SupportsAllDrives.Should().BeTrue();
        logged.BodyBytesSent.Should().Be(content.Length);
    }

    [Fact]
    public async Task Without_alt_media_the_same_path_answers_the_metadata()
    {
        var file = _drive.AddFile("clip.mp4", [1, 2, 3]);

        using var response = await _http.GetAsync(new Uri($"drive/v3/files/{file.Id}?fields=id,size", UriKind.Relative));

        JsonNode.Parse(await response.Content.ReadAsStringAsync())!["size"]!.GetValue<string>().Should().Be("3");
        _drive.Requests.Should().ContainSingle(r => r.Kind == FakeDriveRequestKind.Get);
    }

    [Theory]
    [InlineData("bytes=1000-", 1000, 9999)]
    [InlineData("bytes=1000-1999", 1000, 1999)]
    [InlineData("bytes=9000-20000", 9000, 9999)]
    [InlineData("bytes=-500", 9500, 9999)]
    [InlineData("bytes=-20000", 0, 9999)]
    public async Task One_byte_range_answers_206_with_its_Content_Range_and_exactly_those_bytes(string range, long first, long last)
    {
        var content = RandomBytes(10_000);
        var file = _drive.AddFile("clip.mp4", content);

        using var response = await GetMediaAsync(file.Id, range);

        response.StatusCode.Should().Be(HttpStatusCode.PartialContent);
        response.Content.Headers.ContentRange.Should().BeEquivalentTo(new ContentRangeHeaderValue(first, last, content.Length));
        response.Content.Headers.ContentLength.Should().Be(last - first + 1);
        (await response.Content.ReadAsByteArrayAsync()).Should().Equal(content[(int)first..(int)(last + 1)]);
        _drive.Requests.Single(r => r.Kind == FakeDriveRequestKind.Download).DownloadRange.Should().Be(range);
    }

    [Theory]
    [InlineData("bytes=10000-")]
    [InlineData("bytes=20000-30000")]
    [InlineData("bytes=-0")]
    public async Task A_range_past_the_end_answers_416_with_the_size(string range)
    {
        var file = _drive.AddFile("clip.mp4", RandomBytes(10_000));

        using var response = await GetMediaAsync(file.Id, range);

        response.StatusCode.Should().Be(HttpStatusCode.RequestedRangeNotSatisfiable);
        response.Content.Headers.ContentRange!.ToString().Should().Be("bytes */10000");
    }

    [Theory]
    [InlineData("bytes=0-99,200-299")]
    [InlineData("bytes=500-100")]
    [InlineData("items=0-5")]
    public async Task Several_or_malformed_ranges_are_ignored_and_the_whole_file_is_sent(string range)
    {
        var content = RandomBytes(1000);
        var file = _drive.AddFile("clip.mp4", content);

        using var response = await GetMediaAsync(file.Id, range);

        response.StatusCode.Should().Be(HttpStatusCode.OK);
        (await response.Content.ReadAsByteArrayAsync()).Should().Equal(content);
    }

    [Fact]
    public async Task An_unknown_file_answers_404_notFound_and_a_scripted_rate_limit_answers_403_with_Retry_After()
    {
        var file = _drive.AddFile("clip.mp4", RandomBytes(100));
        _drive.Faults.Add(r => r.Kind == FakeDriveRequestKind.Download && r.FileName == "clip.mp4", DriveFault.UserRateLimitExceeded(TimeSpan.FromSeconds(7)));

        using var unknown = await GetMediaAsync("1doesNotExist");
        using var limited = await GetMediaAsync(file.Id);
        using var then = await GetMediaAsync(file.Id);

        unknown.StatusCode.Should().Be(HttpStatusCode.NotFound);
        (await ReasonAsync(unknown)).Should().Be("notFound");
        limited.StatusCode.Should().Be(HttpStatusCode.Forbidden);
        (await ReasonAsync(limited)).Should().Be("userRateLimitExceeded");
        limited.Headers.RetryAfter!.Delta.Should().Be(TimeSpan.FromSeconds(7));
        then.StatusCode.Should().Be(HttpStatusCode.OK);
    }

    [Fact]
    public async Task A_truncated_download_promises_the_whole_length_and_sends_only_part_of_it()
    {
        var content = RandomBytes(600_000);
        var file = _drive.AddFile("clip.mp4", content);
        _drive.Faults.Enqueue(FakeDriveRequestKind.Download, DriveFault.TruncatedDownload(200_000));

        using var response = await GetMediaAsync(file.Id, headersOnly: true);
        var (received, error) = await ReadAllAsync(response);

        response.StatusCode.Should().Be(HttpStatusCode.OK);
        response.Content.Headers.ContentLength.Should().Be(content.Length);
        received.Should().Equal(content[..200_000]);
        error.Should().NotBeNull("the body ended before its Content-Length");
        _drive.Requests.Single(r => r.Kind == FakeDriveRequestKind.Download).BodyBytesSent.Should().Be(200_000);
    }

    [Fact]
    public async Task A_reset_download_breaks_the_connection_after_part_of_the_body()
    {
        var content = RandomBytes(600_000);
        var file = _drive.AddFile("clip.mp4", content);
        _drive.Faults.Enqueue(FakeDriveRequestKind.Download, DriveFault.ResetDownload(100_000));

        using var response = await GetMediaAsync(file.Id, headersOnly: true);
        var (received, error) = await ReadAllAsync(response);

        error.Should().NotBeNull();
        received.Length.Should().BeLessThanOrEqualTo(100_000);
        content.AsSpan(0, received.Length).SequenceEqual(received).Should().BeTrue();
        _drive.Requests.Single(r => r.Kind == FakeDriveRequestKind.Download).Aborted.Should().BeTrue();
    }

    [Fact]
    public async Task A_corrupted_download_has_the_right_length_but_other_bytes_while_the_metadata_stays_right()
    {
        var content = RandomBytes(600_000);
        var file = _drive.AddFile("clip.mp4", content);
        _drive.Faults.Enqueue(FakeDriveRequestKind.Download, DriveFault.CorruptDownload(300_000, count: 3));

        using var response = await GetMediaAsync(file.Id, "bytes=299999-");
        var body = await response.Content.ReadAsByteArrayAsync();

        body.Should().HaveCount(300_001);
        body[0].Should().Be(content[299_999]);
        body[1..4].Should().Equal(content[300_000..300_003].Select(b => (byte)(b ^ 0xFF)));
        body[4..].Should().Equal(content[300_003..]);
        _drive.FindFile(file.Id)!.Sha256Checksum.Should().Be(file.Sha256Checksum);
    }

    [Fact]
    public async Task Download_faults_sent_to_other_requests_answer_500_instead()
    {
        _drive.Faults.Enqueue(FakeDriveRequestKind.List, DriveFault.TruncatedDownload(10));

        using var response = await _http.GetAsync(new Uri("drive/v3/files", UriKind.Relative));

        response.StatusCode.Should().Be(HttpStatusCode.InternalServerError);
    }

    [Fact]
    public async Task Tampering_changes_what_is_served_and_what_is_reported()
    {
        var content = RandomBytes(1000);
        var file = _drive.AddFile("clip.mp4", content);
        var deleted = _drive.AddFile("gone.mp4", content);

        _drive.CorruptContent(file.Id, 10, 2).Should().BeTrue();
        var corrupted = _drive.FindFile(file.Id)!;
        _drive.RemoveFile(deleted.Id).Should().BeTrue();
        using var served = await GetMediaAsync(file.Id);
        using var gone = await GetMediaAsync(deleted.Id);

        var body = await served.Content.ReadAsByteArrayAsync();
        body[10].Should().Be((byte)(content[10] ^ 0xFF));
        body[12].Should().Be(content[12]);
        corrupted.Sha256Checksum.Should().NotBe(file.Sha256Checksum);
        corrupted.Size.Should().Be(file.Size);
        corrupted.Md5Checksum.Should().NotBe(file.Md5Checksum);
        gone.StatusCode.Should().Be(HttpStatusCode.NotFound);
        _drive.ReplaceContent(file.Id, [1, 2]).Should().BeTrue();
        _drive.FindFile(file.Id)!.Size.Should().Be(2);
    }

    private async Task<HttpResponseMessage> GetMediaAsync(string fileId, string? range = null, bool headersOnly = false)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, new Uri($"drive/v3/files/{fileId}?alt=media&supportsAllDrives=true&acknowledgeAbuse=false", UriKind.Relative));
        if (range is not null)
        {
            request.Headers.TryAddWithoutValidation("Range", range);
        }

        return await _http.SendAsync(request, headersOnly ? HttpCompletionOption.ResponseHeadersRead : HttpCompletionOption.ResponseContentRead);
    }

    private static async Task<(byte[] Received, Exception? Error)> ReadAllAsync(HttpResponseMessage response)
    {
        using var received = new MemoryStream();
        try
        {
            await using var body = await response.Content.ReadAsStreamAsync();
            await body.CopyToAsync(received);
            return (received.ToArray(), null);
        }
        catch (Exception ex) when (ex is IOException or HttpRequestException)
        {
            return (received.ToArray(), ex);
        }
    }

    private static async Task<string?> ReasonAsync(HttpResponseMessage response) =>
        JsonNode.Parse(await response.Content.ReadAsStringAsync())?["error"]?["errors"]?[0]?["reason"]?.GetValue<string>();

    private static byte[] RandomBytes(int length)
    {
        var bytes = new byte[length];
        Random.Shared.NextBytes(bytes);
        return bytes;
    }
}
