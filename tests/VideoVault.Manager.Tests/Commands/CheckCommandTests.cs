using System.Text.Json;
using VideoVault.Tests;
using VideoVault.Manager.Tests.TestSupport;

namespace VideoVault.Manager.Tests.Commands;

public sealed class CheckCommandTests : IAsyncLifetime
{
    private readonly TestVault _vault = new();

    public async Task InitializeAsync()
    {
        await _vault.SaveAsync("a.mp4", TimeSpan.FromDays(3), MirrorState.Mirrored, "Family");
        await _vault.SaveAsync("b.mp4", TimeSpan.FromDays(2), MirrorState.Pending, "Tutorial");
    }

    public async Task DisposeAsync() => await _vault.DisposeAsync();

    [Fact]
    public async Task An_intact_manifest_passes_with_exit_0()
    {
        var result = await _vault.RunAsync("check");

        result.ExitCode.Should().Be(0, result.ToString());
        result.Stdout.Should().Contain("manifest intact (PRAGMA integrity_check");
    }

    [Fact]
    public async Task A_damaged_index_fails_with_exit_1_and_says_what_to_do()
    {
        await ManifestDamage.CorruptIndexAsync(Path.Combine(_vault.Root, "manifest.db"), "ix_videos_created");

        var result = await _vault.RunAsync("check");

        result.ExitCode.Should().Be(1, result.ToString());
        result.Stderr.Should().Contain("failed its integrity check").And.Contain("restore it from a backup");
    }

    [Fact]
    public async Task Json_reports_checked_intact_and_the_problem()
    {
        var intact = await _vault.RunAsync("check", "--json");
        await ManifestDamage.CorruptIndexAsync(Path.Combine(_vault.Root, "manifest.db"), "ix_videos_created");
        var damaged = await _vault.RunAsync("check", "--json");

        intact.ExitCode.Should().Be(0, intact.ToString());
        using (var json = JsonDocument.Parse(intact.Stdout))
        {
            json.RootElement.GetProperty("checked").GetBoolean().Should().BeTrue();
            json.RootElement.GetProperty("intact").GetBoolean().Should().BeTrue();
            json.RootElement.GetProperty("problem").ValueKind.Should().Be(JsonValueKind.Null);
        }

        damaged.ExitCode.Should().Be(1, damaged.ToString());
        using (var json = JsonDocument.Parse(damaged.Stdout))
        {
            json.RootElement.GetProperty("intact").GetBoolean().Should().BeFalse();
            json.RootElement.GetProperty("problem").GetString().Should().Contain("failed its integrity check");
        }
    }
}
