using VideoVault.FakeDrive;
using VideoVault.Mirroring.GoogleDrive;

namespace VideoVault.Core.Tests.Mirroring.GoogleDrive;

/// <summary>Downloads through the client (alt=media over its authenticated HttpClient) against the fake Drive.</summary>
public sealed class GoogleApisDriveClientDownloadTests : IAsyncLifetime
{
    private DriveTestEnvironment _env = null!;

    private FakeDriveServer Drive => _env.Server;

    public async Task InitializeAsync() => _env = await DriveTestEnvironment.StartAsync();

    public async Task DisposeAsync() => await _env.DisposeAsync();

    [Fact]
    public async Task A_download_from_byte_0_streams_the_whole_file_with_the_credentials_and_supportsAllDrives()
    {
        var content = RandomBytes(900_000);
        var file = Drive.AddFile("clip.mp4", content, DriveTestEnvironment.FolderId);

        var (found, body, received) = await DownloadAsync(_env.CreateClient(), file.Id, 0);

        found.Should().BeTrue();
        received.Should().Equal(content);
        body.Should().Be(new DriveDownloadBody(0, content.Length, content.Length));
        var request = Drive.Requests.Single(r => r.Kind == FakeDriveRequestKind.Download);
        request.DownloadRange.Should().BeNull();
        request.SupportsAllDrives.Should().BeTrue();
        request.BearerToken.Should().NotBeNullOrEmpty();
    }

    [Fact]
    public async Task A_download_from_an_offset_asks_for_the_rest_with_a_Range_and_reports_where_it_starts()
    {
        var content = RandomBytes(900_000);
        var file = Drive.AddFile("clip.mp4", content, DriveTestEnvironment.FolderId);

        var (_, body, received) = await DownloadAsync(_env.CreateClient(), file.Id, 123_456);

        received.Should().Equal(content[123_456..]);
        body.Should().Be(new DriveDownloadBody(123_456, content.Length - 123_456, content.Length));
        Drive.Requests.Single(r => r.Kind == FakeDriveRequestKind.Download).DownloadRange.Should().Be("bytes=123456-");
    }

    [Fact]
    public async Task A_missing_file_is_false_and_nothing_is_handed_over()
    {
        var handed = false;

        var found = await _env.CreateClient().DownloadAsync("1doesNotExist", 0, (_, _, _) =>
        {
            handed = true;
            return Task.CompletedTask;
        });

        found.Should().BeFalse();
        handed.Should().BeFalse();
    }

    [Fact]
    public async Task A_403_rate_limit_is_a_transient_DriveException_that_carries_Retry_After()
    {
        var file = Drive.AddFile("clip.mp4", RandomBytes(1000), DriveTestEnvironment.FolderId);
        Drive.Faults.Enqueue(FakeDriveRequestKind.Download, DriveFault.RateLimitExceeded(TimeSpan.FromSeconds(3)));

        var act = () => DownloadAsync(_env.CreateClient(), file.Id, 0);

        var thrown = (await act.Should().ThrowAsync<DriveException>()).Which;
        thrown.Error.Kind.Should().Be(DriveErrorKind.Transient);
        thrown.Error.StatusCode.Should().Be(403);
        thrown.Error.Reason.Should().Be("rateLimitExceeded");
        thrown.Error.RetryAfter.Should().Be(TimeSpan.FromSeconds(3));
    }

    [Fact]
    public async Task A_403_permission_error_is_permanent()
    {
        var file = Drive.AddFile("clip.mp4", RandomBytes(1000), DriveTestEnvironment.FolderId);
        Drive.Faults.Enqueue(FakeDriveRequestKind.Download, DriveFault.InsufficientFilePermissions());

        var act = () => DownloadAsync(_env.CreateClient(), file.Id, 0);

        (await act.Should().ThrowAsync<DriveException>()).Which.Error.Kind.Should().Be(DriveErrorKind.Permanent);
    }

    [Fact]
    public async Task A_503_before_the_body_is_retried_inside_the_request()
    {
        var content = RandomBytes(5000);
        var file = Drive.AddFile("clip.mp4", content, DriveTestEnvironment.FolderId);
        Drive.Faults.Enqueue(FakeDriveRequestKind.Download, DriveFault.ServerError(503));

        var (_, _, received) = await DownloadAsync(_env.CreateClient(), file.Id, 0);

        received.Should().Equal(content);
        Drive.Requests.Where(r => r.Kind == FakeDriveRequestKind.Download).Select(r => r.StatusCode).Should().Equal(503, 200);
    }

    [Fact]
    public async Task A_body_cut_short_throws_from_the_stream_after_the_bytes_that_came()
    {
        var content = RandomBytes(700_000);
        var file = Drive.AddFile("clip.mp4", content, DriveTestEnvironment.FolderId);
        Drive.Faults.Enqueue(FakeDriveRequestKind.Download, DriveFault.TruncatedDownload(300_000));
        using var received = new MemoryStream();

        var act = () => _env.CreateClient().DownloadAsync(file.Id, 0, (stream, _, token) => stream.CopyToAsync(received, token));

        await act.Should().ThrowAsync<IOException>();
        received.ToArray().Should().Equal(content[..300_000]);
    }

    private static async Task<(bool Found, DriveDownloadBody Body, byte[] Received)> DownloadAsync(GoogleApisDriveClient client, string fileId, long offset)
    {
        using var received = new MemoryStream();
        DriveDownloadBody described = default;
        var found = await client.DownloadAsync(fileId, offset, async (stream, body, token) =>
        {
            described = body;
            await stream.CopyToAsync(received, token);
        });
        return (found, described, received.ToArray());
    }

    private static byte[] RandomBytes(int length)
    {
        var bytes = new byte[length];
        Random.Shared.NextBytes(bytes);
        return bytes;
    }
}
