using VideoVault.Manager.Tests.TestSupport;

namespace VideoVault.Manager.Tests.Commands;

public sealed class DeleteCommandTests : IAsyncLifetime
{
    private readonly TestVault _vault = new();

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync() => await _vault.DisposeAsync();

    [Fact]
    public async Task Delete_of_a_video_whose_mirror_is_disabled_is_refused_without_force()
    {
        var video = await _vault.SaveAsync("only-copy.mp4", TimeSpan.FromDays(1), MirrorState.Disabled);

        var result = await _vault.RunAsync("delete", video.StoredName, "--yes");

        result.ExitCode.Should().Be(1);
        result.StderrLines.Should().ContainSingle().Which.Should().StartWith("error: refusing to delete")
            .And.Contain("'disabled'").And.Contain("--force");
        File.Exists(_vault.PathOf(video)).Should().BeTrue();
        (await _vault.Store.FindAsync(video.Id)).Should().NotBeNull();
    }

    [Theory]
    [InlineData(MirrorState.Pending)]
    [InlineData(MirrorState.Failed)]
    public async Task Delete_of_a_video_not_verified_on_drive_is_refused_without_force(MirrorState state)
    {
        var video = await _vault.SaveAsync("unsafe.mp4", TimeSpan.FromDays(1), state);

        var result = await _vault.RunAsync("delete", video.Id, "--yes");

        result.ExitCode.Should().Be(1);
        result.Stderr.Should().Contain("not verified on Drive");
        File.Exists(_vault.PathOf(video)).Should().BeTrue();
    }

    [Fact]
    public async Task Delete_with_force_and_yes_removes_file_and_record_and_records_the_event()
    {
        var video = await _vault.SaveAsync("forced.mp4", TimeSpan.FromDays(1), MirrorState.Disabled);

        var result = await _vault.RunAsync("delete", video.StoredName, "--force", "--yes");

        result.ExitCode.Should().Be(0, result.ToString());
        result.Stdout.Should().Contain($"deleted {video.StoredName}");
        result.Stderr.Should().StartWith("warning: deleting").And.Contain("only copy");
        File.Exists(_vault.PathOf(video)).Should().BeFalse();
        (await _vault.Store.FindAsync(video.Id)).Should().BeNull();
        var events = await _vault.Manifest.GetEventsAsync(new VideoEventQuery { VideoId = video.Id });
        events[^1].Kind.Should().Be(VideoEventKind.Deleted);
    }

    [Fact]
    public async Task Delete_of_a_mirrored_video_asks_and_a_yes_answer_deletes()
    {
        var video = await _vault.SaveAsync("safe.mp4", TimeSpan.FromDays(1), MirrorState.Mirrored);

        var result = await _vault.RunWithInputAsync("y\n", "delete", video.StoredName);

        result.ExitCode.Should().Be(0, result.ToString());
        result.Stderr.Should().Contain($"Delete '{video.StoredName}'").And.Contain("[y/N]");
        File.Exists(_vault.PathOf(video)).Should().BeFalse();
    }

    [Fact]
    public async Task Delete_answered_no_keeps_everything()
    {
        var video = await _vault.SaveAsync("keep.mp4", TimeSpan.FromDays(1), MirrorState.Mirrored);

        var result = await _vault.RunWithInputAsync("n\n", "delete", video.StoredName);

        result.ExitCode.Should().Be(1);
        result.StderrLines[^1].Should().Be("error: not confirmed; nothing was deleted");
        File.Exists(_vault.PathOf(video)).Should().BeTrue();
        (await _vault.Store.FindAsync(video.Id)).Should().NotBeNull();
    }

    [Fact]
    public async Task Delete_without_yes_and_without_input_refuses_and_says_how_to_confirm()
    {
        var video = await _vault.SaveAsync("script.mp4", TimeSpan.FromDays(1), MirrorState.Mirrored);

        var result = await _vault.RunAsync("delete", video.StoredName);

        result.ExitCode.Should().Be(1);
        result.StderrLines[^1].Should().StartWith("error: no answer to the confirmation").And.Contain("--yes");
        File.Exists(_vault.PathOf(video)).Should().BeTrue();
    }

    [Fact]
    public async Task Delete_of_an_unknown_video_fails_with_one_line()
    {
        await _vault.SaveAsync("x.mp4", TimeSpan.FromDays(1));

        var result = await _vault.RunAsync("delete", "ghost.mp4", "--yes", "--force");

        result.ExitCode.Should().Be(1);
        result.StderrLines.Should().ContainSingle().Which.Should().StartWith("error: no video 'ghost.mp4'");
    }
}
