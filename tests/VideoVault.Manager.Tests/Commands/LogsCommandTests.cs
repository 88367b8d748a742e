using System.Text.Json;
using VideoVault.Manager.Tests.TestSupport;

namespace VideoVault.Manager.Tests.Commands;

public sealed class LogsCommandTests : IAsyncLifetime
{
    private readonly TestVault _vault = new();
    private VideoRecord _a = null!;
    private VideoRecord _b = null!;

    public async Task InitializeAsync()
    {
        _a = await _vault.SaveAsync("a.mp4", TimeSpan.FromDays(2), MirrorState.Mirrored);
        _b = await _vault.SaveAsync("b.mp4", TimeSpan.FromDays(1));
        using var notAVideo = new MemoryStream("just text"u8.ToArray());
        (await _vault.Store.SaveAsync(new VideoUpload(notAVideo, "fake.mp4"))).IsStored.Should().BeFalse();
    }

    public async Task DisposeAsync() => await _vault.DisposeAsync();

    [Fact]
    public async Task Logs_show_the_trail_oldest_first_with_stored_names()
    {
        var result = await _vault.RunAsync("logs");

        result.ExitCode.Should().Be(0, result.ToString());
        var lines = result.StdoutLines;
        lines.Should().Contain(line => line.Contains(" stored ", StringComparison.Ordinal) && line.Contains(_a.StoredName, StringComparison.Ordinal));
        lines.Should().Contain(line => line.Contains(" mirrored ", StringComparison.Ordinal));
        lines[^1].Should().Contain(" refused ").And.Contain("unsupported");
    }

    [Fact]
    public async Task Tail_limits_to_the_newest_entries()
    {
        var result = await _vault.RunAsync("logs", "--tail", "1");

        result.ExitCode.Should().Be(0);
        result.StdoutLines.Should().ContainSingle().Which.Should().Contain(" refused ");
    }

    [Theory]
    [InlineData("0")]
    [InlineData("-3")]
    public async Task Tail_below_one_is_a_usage_error_not_the_whole_trail(string count)
    {
        var result = await _vault.RunAsync("logs", "--tail", count);

        result.ExitCode.Should().Be(2, result.ToString());
        result.Stdout.Should().BeEmpty();
        result.StderrLines.Should().ContainSingle().Which.Should().StartWith("error: --tail must be 1 or more");
    }

    [Fact]
    public async Task Logs_without_tail_print_every_entry_even_a_long_trail()
    {
        for (var i = 0; i < 60; i++)
        {
            using var notAVideo = new MemoryStream("still just text"u8.ToArray());
            (await _vault.Store.SaveAsync(new VideoUpload(notAVideo, $"fake-{i}.mp4"))).IsStored.Should().BeFalse();
        }

        var all = await _vault.Manifest.GetEventsAsync(new VideoEventQuery());

        var result = await _vault.RunAsync("logs");

        result.ExitCode.Should().Be(0, result.ToString());
        all.Count.Should().BeGreaterThan(60);
        result.StdoutLines.Should().HaveCount(all.Count);
        result.StdoutLines[0].Should().Contain(" stored ").And.Contain(_a.StoredName);
    }

    [Fact]
    public async Task The_video_filter_shows_only_that_videos_history_as_json()
    {
        var result = await _vault.RunAsync("logs", "--video", _b.StoredName, "--json");

        result.ExitCode.Should().Be(0);
        using var json = JsonDocument.Parse(result.Stdout);
        var events = json.RootElement.GetProperty("events").EnumerateArray().ToList();
        events.Should().NotBeEmpty();
        events.Should().OnlyContain(e => e.GetProperty("video_id").GetString() == _b.Id);
        events[0].GetProperty("event").GetString().Should().Be("stored");
    }

    [Fact]
    public async Task The_history_of_a_deleted_video_is_still_found_by_its_id()
    {
        await _vault.Store.DeleteAsync(_b.Id);

        var result = await _vault.RunAsync("logs", "--video", _b.Id);

        result.ExitCode.Should().Be(0);
        result.StdoutLines.Should().HaveCountGreaterThanOrEqualTo(2).And.Contain(line => line.Contains(" deleted ", StringComparison.Ordinal));
    }

    [Fact]
    public async Task An_unknown_video_filter_fails_with_one_line()
    {
        var result = await _vault.RunAsync("logs", "--video", "nope.mp4");

        result.ExitCode.Should().Be(1);
        result.StderrLines.Should().ContainSingle().Which.Should().StartWith("error: no video 'nope.mp4'");
    }

    [Fact]
    public async Task Follow_prints_new_entries_until_cancelled_and_then_exits_zero()
    {
        using var stdout = new SynchronizedStringWriter();
        using var stderr = new StringWriter();
        using var cancel = new CancellationTokenSource();
        var run = VideoVaultCli.RunAsync(["--root", _vault.Root, "logs", "--follow", "--tail", "1"], stdout, stderr, TextReader.Null, cancel.Token);
        await WaitForAsync(() => stdout.ToString().Contains(" refused ", StringComparison.Ordinal));

        var late = await _vault.SaveAsync("late-arrival.mp4", TimeSpan.Zero);
        await WaitForAsync(() => stdout.ToString().Contains(late.StoredName, StringComparison.Ordinal));
        await cancel.CancelAsync();

        (await run.WaitAsync(TimeSpan.FromSeconds(30))).Should().Be(0, stderr.ToString());
        stderr.ToString().Should().BeEmpty();
    }

    private static async Task WaitForAsync(Func<bool> condition)
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        while (!condition())
        {
            await Task.Delay(50, timeout.Token);
        }
    }
}
