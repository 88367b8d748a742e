using System.Text.Json;
using VideoVault.Manager.Tests.TestSupport;

namespace VideoVault.Manager.Tests.Commands;

public sealed class VerifyCommandTests : IAsyncLifetime
{
    private readonly TestVault _vault = new();
    private VideoRecord _good = null!;
    private VideoRecord _bad = null!;
    private VideoRecord _gone = null!;

    public async Task InitializeAsync()
    {
        _good = await _vault.SaveAsync("good.mp4", TimeSpan.FromDays(3), MirrorState.Mirrored);
        _bad = await _vault.SaveAsync("bad.webm", TimeSpan.FromDays(2));
        _gone = await _vault.SaveAsync("gone.mp4", TimeSpan.FromDays(1), MirrorState.Mirrored);
    }

    public async Task DisposeAsync() => await _vault.DisposeAsync();

    [Fact]
    public async Task Verify_all_of_an_intact_store_succeeds_with_a_summary()
    {
        var result = await _vault.RunAsync("verify", "--all");

        result.ExitCode.Should().Be(0, result.ToString());
        result.Stderr.Should().BeEmpty();
        result.StdoutLines[^1].Should().StartWith("3 intact, 0 corrupt, 0 missing, 0 not local; hashed ").And.Contain("/s)");
        var events = await _vault.Manifest.GetEventsAsync(new VideoEventQuery { VideoId = _good.Id });
        events[^1].Kind.Should().Be(VideoEventKind.Verified);
    }

    [Fact]
    public async Task A_flipped_byte_and_a_deleted_file_are_reported_and_exit_one()
    {
        await FlipByteAsync(_vault.PathOf(_bad), 200);
        File.Delete(_vault.PathOf(_gone));

        var result = await _vault.RunAsync("verify", "--all");

        result.ExitCode.Should().Be(1, result.ToString());
        result.StdoutLines.Should().Contain(line => line.StartsWith("CORRUPT", StringComparison.Ordinal) && line.Contains(_bad.StoredName, StringComparison.Ordinal) && line.Contains("no verified copy on Drive", StringComparison.Ordinal));
        result.StdoutLines.Should().Contain(line => line.StartsWith("MISSING", StringComparison.Ordinal) && line.Contains(_gone.StoredName, StringComparison.Ordinal) && line.Contains("a verified copy is on Drive", StringComparison.Ordinal));
        result.StdoutLines.Should().Contain(line => line.StartsWith("CORRUPT", StringComparison.Ordinal) && line.Contains("recorded as corrupt, file left as it is; no verified copy on Drive: put the file back from a backup", StringComparison.Ordinal));
        result.StdoutLines.Should().Contain(line => line.StartsWith("MISSING", StringComparison.Ordinal)
            && line.Contains($"flagged missing; a verified copy is on Drive: restore with `videovault restore {_gone.StoredName}`", StringComparison.Ordinal));
        result.StdoutLines.Should().NotContain(line => line.Contains(_good.StoredName, StringComparison.Ordinal));
        result.StdoutLines[^1].Should().StartWith("1 intact, 1 corrupt, 1 missing");
        result.StderrLines[^1].Should().Be("error: verify found 1 corrupt and 1 missing file(s)");
        (await _vault.Manifest.GetEventsAsync(new VideoEventQuery { VideoId = _bad.Id }))[^1].Kind.Should().Be(VideoEventKind.Corrupt);
        (await _vault.Store.FindAsync(_gone.Id))!.LocalState.Should().Be(LocalCopyState.Missing);
    }

    [Fact]
    public async Task Verify_of_one_video_prints_its_result_as_json()
    {
        await FlipByteAsync(_vault.PathOf(_bad), 50);

        var good = await _vault.RunAsync("verify", _good.StoredName, "--json");
        var bad = await _vault.RunAsync("verify", _bad.Id, "--json");

        good.ExitCode.Should().Be(0);
        using (var json = JsonDocument.Parse(good.Stdout))
        {
            json.RootElement.GetProperty("results")[0].GetProperty("outcome").GetString().Should().Be("intact");
            json.RootElement.GetProperty("bytes_hashed").GetInt64().Should().Be(_good.SizeBytes);
        }

        bad.ExitCode.Should().Be(1);
        using (var json = JsonDocument.Parse(bad.Stdout))
        {
            var result = json.RootElement.GetProperty("results")[0];
            result.GetProperty("outcome").GetString().Should().Be("corrupt");
            result.GetProperty("actual_sha256").GetString().Should().NotBe(_bad.Sha256);
            json.RootElement.GetProperty("corrupt").GetInt32().Should().Be(1);
        }
    }

    [Fact]
    public async Task Verify_of_an_unknown_video_fails_with_one_line()
    {
        var result = await _vault.RunAsync("verify", "unknown.mp4");

        result.ExitCode.Should().Be(1);
        result.StderrLines.Should().ContainSingle().Which.Should().StartWith("error: no video 'unknown.mp4'");
    }

    private static async Task FlipByteAsync(string path, int offset)
    {
        var bytes = await File.ReadAllBytesAsync(path);
        bytes[offset] ^= 0xFF;
        await File.WriteAllBytesAsync(path, bytes);
    }
}
