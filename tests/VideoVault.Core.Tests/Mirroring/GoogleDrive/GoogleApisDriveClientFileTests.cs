using VideoVault.FakeDrive;
using VideoVault.Mirroring.GoogleDrive;

namespace VideoVault.Core.Tests.Mirroring.GoogleDrive;

/// <summary>files.generateIds/get/list/delete through the client against the fake Drive.</summary>
public sealed class GoogleApisDriveClientFileTests : IAsyncLifetime
{
    private DriveTestEnvironment _env = null!;

    private FakeDriveServer Drive => _env.Server;

    public async Task InitializeAsync() => _env = await DriveTestEnvironment.StartAsync();

    public async Task DisposeAsync() => await _env.DisposeAsync();

    [Fact]
    public async Task GenerateIds_returns_the_number_of_distinct_ids_asked_for()
    {
        var ids = await _env.CreateClient().GenerateIdsAsync(5);

        ids.Should().HaveCount(5).And.OnlyHaveUniqueItems();
        Drive.Requests.Single(r => r.Kind == FakeDriveRequestKind.GenerateIds).QueryString.Should().Contain("space=drive").And.Contain("type=files");
    }

    [Fact]
    public async Task Finding_by_video_id_follows_every_page_and_skips_trashed_copies_and_other_videos()
    {
        Drive.MaxListPageSize = 2;
        var videoId = "0190f3a2'odd\\id";
        var props = new Dictionary<string, string> { [DriveQuery.VideoVaultIdKey] = videoId };
        var expected = Enumerable.Range(0, 5).Select(i => Drive.AddFile($"copy{i}.mp4", [(byte)i], DriveTestEnvironment.FolderId, props).Id).ToList();
        Drive.AddFile("trashed.mp4", [9], DriveTestEnvironment.FolderId, props, trashed: true);
        Drive.AddFile("other.mp4", [9], DriveTestEnvironment.FolderId, new Dictionary<string, string> { [DriveQuery.VideoVaultIdKey] = "other" });

        var found = await _env.CreateClient().FindByVideoVaultIdAsync(videoId, DriveTestEnvironment.FolderId);

        found.Select(f => f.Id).Should().Equal(expected);
        found.Should().OnlyContain(f => f.VideoVaultId == videoId && f.Size == 1 && f.Md5Checksum != null);
        var lists = Drive.Requests.Where(r => r.Kind == FakeDriveRequestKind.List).ToList();
        lists.Should().HaveCount(3);
        lists.Should().OnlyContain(r => r.SupportsAllDrives && r.QueryString.Contains("includeItemsFromAllDrives=true", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Get_returns_size_and_checksums_and_null_for_a_missing_file()
    {
        var stored = Drive.AddFile("a.mp4", [1, 2, 3], DriveTestEnvironment.FolderId, new Dictionary<string, string> { ["videoVaultId"] = "v" });
        var client = _env.CreateClient();

        var file = await client.GetAsync(stored.Id);
        var missing = await client.GetAsync("1doesNotExist");

        file.Should().BeEquivalentTo(new
        {
            stored.Id,
            Name = "a.mp4",
            Size = (long?)3,
            stored.Md5Checksum,
            stored.Sha256Checksum,
            Parents = new[] { DriveTestEnvironment.FolderId },
            Trashed = false,
            VideoVaultId = "v",
        });
        file!.WebViewLink.Should().Contain(stored.Id);
        missing.Should().BeNull();
        Drive.Requests.Where(r => r.Kind == FakeDriveRequestKind.Get).Should().OnlyContain(r => r.SupportsAllDrives);
    }

    [Fact]
    public async Task Delete_removes_the_file_and_reports_false_when_it_was_already_gone()
    {
        var stored = Drive.AddFile("a.mp4", [1]);
        var client = _env.CreateClient();

        var first = await client.DeleteAsync(stored.Id);
        var second = await client.DeleteAsync(stored.Id);

        first.Should().BeTrue();
        second.Should().BeFalse();
        Drive.Files.Should().BeEmpty();
        Drive.Requests.Where(r => r.Kind == FakeDriveRequestKind.Delete).Should().OnlyContain(r => r.SupportsAllDrives);
    }

    [Fact]
    public async Task A_503_on_a_metadata_call_is_retried_with_backoff_inside_the_call()
    {
        Drive.Faults.Enqueue(FakeDriveRequestKind.List, DriveFault.ServerError(503));
        Drive.AddFile("a.mp4", [1], DriveTestEnvironment.FolderId, new Dictionary<string, string> { ["videoVaultId"] = "v" });

        var found = await _env.CreateClient().FindByVideoVaultIdAsync("v", DriveTestEnvironment.FolderId);

        found.Should().ContainSingle();
        Drive.Requests.Count(r => r.Kind == FakeDriveRequestKind.List).Should().Be(2);
    }

    [Fact]
    public async Task A_429_on_a_metadata_call_throws_a_transient_DriveException_with_Retry_After()
    {
        Drive.Faults.Enqueue(FakeDriveRequestKind.GenerateIds, DriveFault.TooManyRequests(TimeSpan.FromSeconds(3)));

        var act = () => _env.CreateClient().GenerateIdsAsync(1);

        (await act.Should().ThrowAsync<DriveException>()).Which.Error
            .Should().BeEquivalentTo(new { Kind = DriveErrorKind.Transient, StatusCode = (int?)429, Reason = "rateLimitExceeded", RetryAfter = (TimeSpan?)TimeSpan.FromSeconds(3) });
    }

    [Fact]
    public async Task A_dropped_connection_on_every_try_is_a_transient_DriveException()
    {
        Drive.Faults.Add(r => r.Kind == FakeDriveRequestKind.Get, DriveFault.ResetConnection(), times: int.MaxValue);

        var act = () => _env.CreateClient().GetAsync("1anything");

        (await act.Should().ThrowAsync<DriveException>()).Which.Error.Kind.Should().Be(DriveErrorKind.Transient);
    }
}
