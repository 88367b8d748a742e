using System.Text.Json;
using VideoVault.FakeDrive;
using VideoVault.Manager.Tests.TestSupport;

namespace VideoVault.Manager.Tests.Commands;

/// <summary><c>videovault restore</c> against a live store and the fake Drive, configured through the host's environment variables.</summary>
public sealed class RestoreCommandTests : IAsyncLifetime
{
    private readonly TestVault _vault = new();
    private ToolDrive _drive = null!;

    public async Task InitializeAsync() => _drive = await ToolDrive.StartAsync();

    public async Task DisposeAsync()
    {
        await _drive.DisposeAsync();
        await _vault.DisposeAsync();
    }

    [Fact]
    public async Task Restore_NAME_brings_a_lost_video_back_and_says_what_it_found_and_what_it_did()
    {
        var (video, content) = await _drive.SaveMirroredAsync(_vault, "intro.mp4", TimeSpan.FromDays(3));
        File.Delete(_vault.PathOf(video));

        var result = await _drive.RunAsync(_vault, "restore", video.StoredName);

        result.ExitCode.Should().Be(0, result.ToString());
        result.StdoutLines[0].Should().StartWith($"restored: {video.StoredName}: found local copy marked present, no file at {video.RelativePath}; a verified copy is on Drive (file {video.Mirror.RemoteFileId})")
            .And.Contain("; done: downloaded 300000 bytes from Drive, SHA-256 matches the record; published at " + video.RelativePath);
        result.StdoutLines[^1].Should().StartWith("1 restored, 0 already present, 0 not restored; downloaded ");
        result.Stderr.Should().BeEmpty();
        (await File.ReadAllBytesAsync(_vault.PathOf(video))).Should().Equal(content);
        (await _vault.Store.FindAsync(video.Id))!.LocalState.Should().Be(LocalCopyState.Present);
        (await _vault.Manifest.GetEventsAsync(new VideoEventQuery { VideoId = video.Id }))[^1].Kind.Should().Be(VideoEventKind.Restored);
    }

    [Fact]
    public async Task Restore_all_missing_restores_every_lost_copy_and_removed_ones_only_when_asked_with_json()
    {
        var (flagged, flaggedContent) = await _drive.SaveMirroredAsync(_vault, "a.mp4", TimeSpan.FromDays(4), seed: 1);
        var (vanished, _) = await _drive.SaveMirroredAsync(_vault, "b.mp4", TimeSpan.FromDays(3), seed: 2);
        var (removed, removedContent) = await _drive.SaveMirroredAsync(_vault, "c.mp4", TimeSpan.FromDays(2), seed: 3);
        await _drive.SaveMirroredAsync(_vault, "d.mp4", TimeSpan.FromDays(1), seed: 4);
        File.Delete(_vault.PathOf(flagged));
        (await _vault.RunAsync("verify", flagged.StoredName)).ExitCode.Should().Be(1);
        File.Delete(_vault.PathOf(vanished));
        File.Delete(_vault.PathOf(removed));
        (await _vault.Manifest.SetLocalStateAsync(removed.Id, LocalCopyState.Removed, VideoEventKind.LocalCopyRemoved, "cleanup")).Should().BeTrue();

        var missing = await _drive.RunAsync(_vault, "restore", "--all-missing", "--json");
        var withRemoved = await _drive.RunAsync(_vault, "restore", "--all-missing", "--include-removed");

        missing.ExitCode.Should().Be(0, missing.ToString());
        using var json = JsonDocument.Parse(missing.Stdout);
        var results = json.RootElement.GetProperty("results").EnumerateArray().ToList();
        results.Select(r => r.GetProperty("video").GetProperty("filename").GetString()).Should().BeEquivalentTo([flagged.StoredName, vanished.StoredName]);
        results.Should().OnlyContain(r => r.GetProperty("outcome").GetString() == "restored" && r.GetProperty("bytes_downloaded").GetInt64() == 300_000);
        json.RootElement.GetProperty("restored").GetInt32().Should().Be(2);
        json.RootElement.GetProperty("not_restored").GetInt32().Should().Be(0);
        withRemoved.ExitCode.Should().Be(0, withRemoved.ToString());
        withRemoved.StdoutLines.Should().ContainSingle(line => line.StartsWith("restored: ", StringComparison.Ordinal))
            .Which.Should().Contain(removed.StoredName).And.Contain("removed by cleanup");
        (await File.ReadAllBytesAsync(_vault.PathOf(flagged))).Should().Equal(flaggedContent);
        (await File.ReadAllBytesAsync(_vault.PathOf(removed))).Should().Equal(removedContent);
        _drive.Server.Requests.Where(r => r.Kind == FakeDriveRequestKind.Download).Should().HaveCount(3, "the copy that was never lost is not downloaded");
    }

    [Fact]
    public async Task Verify_with_automatic_restore_on_brings_a_lost_copy_back_says_so_and_succeeds()
    {
        var (video, content) = await _drive.SaveMirroredAsync(_vault, "intro.mp4", TimeSpan.FromDays(1));
        File.Delete(_vault.PathOf(video));
        string? Environment(string name) =>
            name == "VideoVault__Drive__RestoreAutomatically" ? "true" : _drive.Environment(name);

        var result = await VideoVaultCliRunner.RunAsync(["--root", _vault.Root, "verify", video.StoredName, "--json"], string.Empty, Environment);

        result.ExitCode.Should().Be(0, result.ToString());
        using var json = JsonDocument.Parse(result.Stdout);
        var only = json.RootElement.GetProperty("results")[0];
        only.GetProperty("outcome").GetString().Should().Be("missing", "verify still says what it found");
        only.GetProperty("restore").GetProperty("outcome").GetString().Should().Be("restored");
        only.GetProperty("detail").GetString().Should().Contain("restored automatically from Drive");
        (await File.ReadAllBytesAsync(_vault.PathOf(video))).Should().Equal(content);
    }

    [Fact]
    public async Task Nothing_missing_says_so_and_succeeds()
    {
        await _drive.SaveMirroredAsync(_vault, "a.mp4", TimeSpan.FromDays(1));

        var result = await _drive.RunAsync(_vault, "restore", "--all-missing");

        result.ExitCode.Should().Be(0, result.ToString());
        result.StdoutLines.Should().Equal("nothing to restore: no local copy is missing");
    }

    [Fact]
    public async Task A_wrong_Drive_copy_is_refused_with_a_plain_error_and_exit_1_and_nothing_is_published()
    {
        var (video, _) = await _drive.SaveMirroredAsync(_vault, "intro.mp4", TimeSpan.FromDays(1));
        File.Delete(_vault.PathOf(video));
        _drive.Server.Faults.Enqueue(FakeDriveRequestKind.Download, DriveFault.CorruptDownload(1000));

        var result = await _drive.RunAsync(_vault, "restore", video.Id);

        result.ExitCode.Should().Be(1, result.ToString());
        result.StdoutLines[0].Should().StartWith($"DRIVE COPY CORRUPT: {video.StoredName}: found ").And.Contain("differs from the recorded").And.Contain("nothing published");
        result.StderrLines[^1].Should().StartWith($"error: {video.Id} was not restored (DRIVE COPY CORRUPT): downloaded 300000 bytes whose SHA-256");
        result.StderrLines.Should().Contain(line => line.Contains("The video has no good copy on Drive", StringComparison.Ordinal), "the library raises the alarm too");
        File.Exists(_vault.PathOf(video)).Should().BeFalse();
        (await _vault.Manifest.GetEventsAsync(new VideoEventQuery { VideoId = video.Id }))[^1].Kind.Should().Be(VideoEventKind.RestoreFailed);
    }

    [Fact]
    public async Task A_copy_deleted_on_Drive_is_reported_as_not_on_Drive_with_json_and_exit_1()
    {
        var (video, _) = await _drive.SaveMirroredAsync(_vault, "intro.mp4", TimeSpan.FromDays(1));
        File.Delete(_vault.PathOf(video));
        _drive.Server.RemoveFile(video.Mirror.RemoteFileId!);

        var result = await _drive.RunAsync(_vault, "restore", video.StoredName, "--json");

        result.ExitCode.Should().Be(1, result.ToString());
        using var json = JsonDocument.Parse(result.Stdout);
        json.RootElement.GetProperty("results")[0].GetProperty("outcome").GetString().Should().Be("not_on_mirror");
        json.RootElement.GetProperty("not_restored").GetInt32().Should().Be(1);
        result.StderrLines[^1].Should().StartWith("error: ").And.Contain("NOT ON DRIVE");
    }

    [Fact]
    public async Task An_intact_video_is_already_present_and_nothing_is_downloaded()
    {
        var (video, _) = await _drive.SaveMirroredAsync(_vault, "intro.mp4", TimeSpan.FromDays(1));

        var result = await _drive.RunAsync(_vault, "restore", video.StoredName);

        result.ExitCode.Should().Be(0, result.ToString());
        result.StdoutLines[0].Should().Be($"already present: {video.StoredName}: found local copy present and intact (size and SHA-256 match); done: nothing: no download needed");
        _drive.Server.Requests.Should().NotContain(r => r.Kind == FakeDriveRequestKind.Download);
    }

    [Fact]
    public async Task Without_Drive_settings_restore_says_which_environment_variables_to_set()
    {
        var video = await _vault.SaveAsync("intro.mp4", TimeSpan.FromDays(1), MirrorState.Mirrored);
        File.Delete(_vault.PathOf(video));

        var result = await VideoVaultCliRunner.RunAsync(["--root", _vault.Root, "restore", video.StoredName], string.Empty, _ => null);

        result.ExitCode.Should().Be(2, "a missing setting is a usage error, as for verify --drive: " + result);
        result.StderrLines.Should().ContainSingle().Which.Should()
            .StartWith("error: the Drive mirror is not configured")
            .And.Contain("VideoVault__Drive__Enabled=true").And.Contain("VideoVault__Drive__CredentialsPath").And.Contain("VideoVault__Drive__FolderId");
        result.Stdout.Should().BeEmpty();
    }

    [Fact]
    public async Task An_unknown_video_fails_with_one_line()
    {
        await _drive.SaveMirroredAsync(_vault, "intro.mp4", TimeSpan.FromDays(1));

        var result = await _drive.RunAsync(_vault, "restore", "nope.mp4");

        result.ExitCode.Should().Be(1);
        result.StderrLines.Should().Equal("error: no video 'nope.mp4' (give a stored name or an id; 'videovault find TEXT' searches)");
    }

    [Theory]
    [InlineData]
    [InlineData("x.mp4", "--all-missing")]
    [InlineData("x.mp4", "--include-removed")]
    public async Task A_target_is_required_exactly_once_and_include_removed_needs_all_missing(params string[] args)
    {
        var result = await VideoVaultCliRunner.RunAsync(["restore", .. args]);

        result.ExitCode.Should().Be(2, result.ToString());
        result.StderrLines.Should().ContainSingle().Which.Should().StartWith("error: ");
    }
}
