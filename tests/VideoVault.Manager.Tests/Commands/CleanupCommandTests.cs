using System.Text.Json;
using VideoVault.Manager.Tests.TestSupport;

namespace VideoVault.Manager.Tests.Commands;

public sealed class CleanupCommandTests : IAsyncLifetime
{
    private readonly TestVault _vault = new();
    private VideoRecord _oldMirrored = null!;
    private VideoRecord _oldFailed = null!;
    private VideoRecord _oldDisabled = null!;
    private VideoRecord _youngMirrored = null!;

    public async Task InitializeAsync()
    {
        _oldMirrored = await _vault.SaveAsync("old-mirrored.mp4", TimeSpan.FromDays(60), MirrorState.Mirrored);
        _oldFailed = await _vault.SaveAsync("old-failed.mp4", TimeSpan.FromDays(50), MirrorState.Failed);
        _oldDisabled = await _vault.SaveAsync("old-disabled.webm", TimeSpan.FromDays(45), MirrorState.Disabled);
        _youngMirrored = await _vault.SaveAsync("young-mirrored.mp4", TimeSpan.FromDays(2), MirrorState.Mirrored);
    }

    public async Task DisposeAsync() => await _vault.DisposeAsync();

    [Fact]
    public async Task A_dry_run_lists_only_old_mirrored_copies_and_the_space_freed_and_changes_nothing()
    {
        var result = await _vault.RunAsync("cleanup", "30");

        result.ExitCode.Should().Be(0, result.ToString());
        var text = result.Stdout;
        text.Should().Contain("would remove 1 local cop(ies)");
        text.Should().Contain($"would free {VideoVault.Manager.Rendering.ByteSize.Format(_oldMirrored.SizeBytes)}");
        text.Should().Contain("kept: 2 older cop(ies) not verified on Drive");
        text.Should().Contain(_oldFailed.StoredName).And.Contain(_oldDisabled.StoredName).And.NotContain(_youngMirrored.StoredName);
        File.Exists(_vault.PathOf(_oldMirrored)).Should().BeTrue("a dry run removes nothing");
    }

    [Fact]
    public async Task Execute_removes_only_old_copies_verified_on_drive_and_keeps_their_records()
    {
        var result = await _vault.RunAsync("cleanup", "30", "--execute", "--yes");

        result.ExitCode.Should().Be(0, result.ToString());
        result.Stdout.Should().Contain("removed 1 local cop(ies)").And.Contain("records kept with local: removed");
        result.Stdout.Should().Contain("kept 2 older cop(ies) not verified on Drive");
        File.Exists(_vault.PathOf(_oldMirrored)).Should().BeFalse();
        File.Exists(_vault.PathOf(_oldFailed)).Should().BeTrue();
        File.Exists(_vault.PathOf(_oldDisabled)).Should().BeTrue();
        File.Exists(_vault.PathOf(_youngMirrored)).Should().BeTrue();

        var record = await _vault.Store.FindAsync(_oldMirrored.Id);
        record!.LocalState.Should().Be(LocalCopyState.Removed);
        record.Mirror.State.Should().Be(MirrorState.Mirrored);
        var events = await _vault.Manifest.GetEventsAsync(new VideoEventQuery { VideoId = _oldMirrored.Id });
        events[^1].Kind.Should().Be(VideoEventKind.LocalCopyRemoved);

        var list = await _vault.RunAsync("list");
        list.StdoutLines.Single(line => line.Contains(_oldMirrored.StoredName, StringComparison.Ordinal)).Should().Contain("removed");
    }

    [Fact]
    public async Task Include_unmirrored_warns_loudly_and_removes_those_copies_too()
    {
        var result = await _vault.RunAsync("cleanup", "30", "--execute", "--include-unmirrored", "--yes");

        result.ExitCode.Should().Be(0, result.ToString());
        result.StderrLines[0].Should().StartWith("warning: --include-unmirrored: 2 local cop(ies) NOT verified on Drive");
        result.StderrLines.Should().OnlyContain(line => line.StartsWith("warning: ", StringComparison.Ordinal), "the library also warns per copy");
        result.Stdout.Should().Contain("removed 3 local cop(ies)");
        File.Exists(_vault.PathOf(_oldFailed)).Should().BeFalse();
        File.Exists(_vault.PathOf(_oldDisabled)).Should().BeFalse();
        File.Exists(_vault.PathOf(_youngMirrored)).Should().BeTrue();
        var events = await _vault.Manifest.GetEventsAsync(new VideoEventQuery { VideoId = _oldDisabled.Id });
        events[^1].Detail.Should().Contain("WITHOUT a verified mirror copy");
    }

    [Fact]
    public async Task Execute_without_yes_and_without_an_answer_removes_nothing()
    {
        var result = await _vault.RunAsync("cleanup", "30", "--execute");

        result.ExitCode.Should().Be(1);
        result.StderrLines[^1].Should().Contain("--yes");
        File.Exists(_vault.PathOf(_oldMirrored)).Should().BeTrue();
    }

    [Fact]
    public async Task Json_dry_run_lists_what_would_go_and_what_is_kept()
    {
        var result = await _vault.RunAsync("cleanup", "30", "--json");

        result.ExitCode.Should().Be(0);
        using var json = JsonDocument.Parse(result.Stdout);
        json.RootElement.GetProperty("dry_run").GetBoolean().Should().BeTrue();
        json.RootElement.GetProperty("would_remove").EnumerateArray().Select(v => v.GetProperty("video_id").GetString()).Should().Equal(_oldMirrored.Id);
        json.RootElement.GetProperty("would_free_bytes").GetInt64().Should().Be(_oldMirrored.SizeBytes);
        json.RootElement.GetProperty("kept_unmirrored").GetArrayLength().Should().Be(2);
    }

    [Fact]
    public async Task A_negative_age_is_a_usage_error()
    {
        var result = await _vault.RunAsync("cleanup", "--", "-3");

        result.ExitCode.Should().Be(2);
        result.StderrLines.Should().ContainSingle().Which.Should().Contain("DAYS must be between 0 and 36500");
    }
}
