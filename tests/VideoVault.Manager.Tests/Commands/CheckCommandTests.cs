using System.Text.Json;
using Microsoft.Data.Sqlite;
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
        await CorruptIndexAsync("ix_videos_created");

        var result = await _vault.RunAsync("check");

        result.ExitCode.Should().Be(1, result.ToString());
        result.Stderr.Should().Contain("failed its integrity check").And.Contain("restore it from a backup");
    }

    [Fact]
    public async Task Json_reports_checked_intact_and_the_problem()
    {
        var intact = await _vault.RunAsync("check", "--json");
        await CorruptIndexAsync("ix_videos_created");
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

    /// <summary>Overwrites one index's root page on disk, after every pooled connection let go of the file.</summary>
    private async Task CorruptIndexAsync(string index)
    {
        SqliteConnection.ClearAllPools();
        var path = Path.Combine(_vault.Root, "manifest.db");
        long page;
        long pageSize;
        await using (var connection = new SqliteConnection($"Data Source={path};Pooling=False"))
        {
            await connection.OpenAsync();
            await using var command = connection.CreateCommand();
            command.CommandText = "PRAGMA wal_checkpoint(TRUNCATE);";
            await command.ExecuteNonQueryAsync();
            command.CommandText = $"SELECT rootpage FROM sqlite_schema WHERE name = '{index}';";
            page = (long)(await command.ExecuteScalarAsync())!;
            command.CommandText = "PRAGMA page_size;";
            pageSize = (long)(await command.ExecuteScalarAsync())!;
        }

        await using var file = new FileStream(path, FileMode.Open, FileAccess.Write);
        file.Position = (page - 1) * pageSize;
        await file.WriteAsync(Enumerable.Repeat((byte)0xA5, (int)pageSize).ToArray());
    }
}
