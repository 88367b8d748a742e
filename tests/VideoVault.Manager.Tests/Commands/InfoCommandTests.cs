using System.Text.Json;
using VideoVault.Manager.Tests.TestSupport;

namespace VideoVault.Manager.Tests.Commands;

public sealed class InfoCommandTests : IAsyncLifetime
{
    private readonly TestVault _vault = new();
    private VideoRecord _video = null!;

    public async Task InitializeAsync() =>
        _video = await _vault.SaveAsync("interview.mp4", TimeSpan.FromDays(3), MirrorState.Mirrored, "Press");

    public async Task DisposeAsync() => await _vault.DisposeAsync();

    [Fact]
    public async Task Info_by_stored_name_shows_the_record_and_its_history()
    {
        var result = await _vault.RunAsync("info", _video.StoredName);

        result.ExitCode.Should().Be(0, result.ToString());
        var text = result.Stdout;
        text.Should().MatchRegex($@"Id\s+{_video.Id}");
        text.Should().MatchRegex(@"Original name\s+interview\.mp4");
        text.Should().MatchRegex($@"SHA-256\s+{_video.Sha256}");
        text.Should().MatchRegex($@"Local copy\s+present: {_video.RelativePath}");
        text.Should().MatchRegex(@"Drive\s+mirrored");
        text.Should().Contain("History (");
        text.Should().MatchRegex(@"\d+\s+\S+ \S+\s+stored\s");
        text.Should().MatchRegex(@"\d+\s+\S+ \S+\s+mirror_attempt\s");
        text.Should().MatchRegex(@"\d+\s+\S+ \S+\s+mirrored\s");
    }

    [Fact]
    public async Task Info_by_id_prints_json_with_the_events()
    {
        var result = await _vault.RunAsync("info", _video.Id, "--json");

        result.ExitCode.Should().Be(0);
        using var json = JsonDocument.Parse(result.Stdout);
        json.RootElement.GetProperty("video").GetProperty("filename").GetString().Should().Be(_video.StoredName);
        json.RootElement.GetProperty("events").EnumerateArray().Select(e => e.GetProperty("event").GetString())
            .Should().StartWith("stored").And.Contain("mirrored");
    }

    [Fact]
    public async Task Info_on_an_unknown_video_fails_with_one_line_on_stderr()
    {
        var result = await _vault.RunAsync("info", "no_such_video.mp4");

        result.ExitCode.Should().Be(1);
        result.Stdout.Should().BeEmpty();
        result.StderrLines.Should().ContainSingle().Which.Should().StartWith("error: no video 'no_such_video.mp4'");
    }
}
