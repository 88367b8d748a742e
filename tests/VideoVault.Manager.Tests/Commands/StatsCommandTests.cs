using System.Text.Json;
using VideoVault.Manager.Tests.TestSupport;

namespace VideoVault.Manager.Tests.Commands;

public sealed class StatsCommandTests : IAsyncLifetime
{
    private readonly TestVault _vault = new();

    public async Task InitializeAsync()
    {
        await _vault.SaveAsync("a.mp4", TimeSpan.FromDays(9), MirrorState.Mirrored, "Family");
        await _vault.SaveAsync("b.mp4", TimeSpan.FromDays(8), MirrorState.Pending, "Tutorial");
        await _vault.SaveAsync("c.webm", TimeSpan.FromDays(7), MirrorState.Retrying, "Tutorial");
    }

    public async Task DisposeAsync() => await _vault.DisposeAsync();

    [Fact]
    public async Task Stats_show_totals_states_categories_disk_free_and_backlog()
    {
        var result = await _vault.RunAsync("stats");

        result.ExitCode.Should().Be(0, result.ToString());
        var text = result.Stdout;
        text.Should().MatchRegex(@"Videos\s+3");
        text.Should().MatchRegex(@"Mirror backlog\s+2");
        text.Should().MatchRegex(@"mirrored\s+1");
        text.Should().MatchRegex(@"retrying\s+1");
        text.Should().MatchRegex(@"Tutorial\s+2");
        text.Should().MatchRegex(@"Disk free\s+[0-9.]+ [KMGTP]iB");
    }

    [Fact]
    public async Task Stats_json_has_the_http_api_fields()
    {
        var result = await _vault.RunAsync("stats", "--json");

        result.ExitCode.Should().Be(0);
        using var json = JsonDocument.Parse(result.Stdout);
        var root = json.RootElement;
        root.GetProperty("total_videos").GetInt64().Should().Be(3);
        root.GetProperty("total_size_bytes").GetInt64().Should().BeGreaterThan(0);
        root.GetProperty("by_drive_status").GetProperty("pending").GetInt64().Should().Be(1);
        root.GetProperty("by_drive_status").GetProperty("disabled").GetInt64().Should().Be(0);
        root.GetProperty("by_category").GetProperty("Family").GetInt64().Should().Be(1);
        root.GetProperty("disk_free_bytes").GetInt64().Should().BeGreaterThan(0);
        root.GetProperty("mirror_backlog").GetInt64().Should().Be(2);
        root.GetProperty("oldest").GetString().Should().EndWith("Z");
    }
}
