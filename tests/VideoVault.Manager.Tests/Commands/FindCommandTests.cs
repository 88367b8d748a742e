using System.Text.Json;
using VideoVault.Manager.Tests.TestSupport;

namespace VideoVault.Manager.Tests.Commands;

public sealed class FindCommandTests : IAsyncLifetime
{
    private readonly TestVault _vault = new();
    private VideoRecord _keynote = null!;
    private VideoRecord _other = null!;

    public async Task InitializeAsync()
    {
        _keynote = await _vault.SaveAsync("Keynote Rehearsal.mp4", TimeSpan.FromDays(2));
        _other = await _vault.SaveAsync("cat.webm", TimeSpan.FromDays(1));
    }

    public async Task DisposeAsync() => await _vault.DisposeAsync();

    [Fact]
    public async Task Find_matches_the_original_name_case_insensitively()
    {
        var result = await _vault.RunAsync("find", "KEYNOTE");

        result.ExitCode.Should().Be(0, result.ToString());
        result.Stdout.Should().Contain(_keynote.StoredName).And.NotContain(_other.StoredName);
        result.StdoutLines[^1].Should().StartWith("1 video(s)");
    }

    [Fact]
    public async Task Find_matches_the_stored_name_and_prints_json()
    {
        var result = await _vault.RunAsync("find", _other.StoredName[..15], "--json");

        result.ExitCode.Should().Be(0);
        using var json = JsonDocument.Parse(result.Stdout);
        json.RootElement.GetProperty("videos").EnumerateArray().Select(v => v.GetProperty("video_id").GetString()).Should().Contain(_other.Id);
    }

    [Fact]
    public async Task Find_without_a_match_says_so_and_succeeds()
    {
        var result = await _vault.RunAsync("find", "nothing-like-this");

        result.ExitCode.Should().Be(0);
        result.Stdout.Trim().Should().Be("no video name contains 'nothing-like-this'");
    }
}
