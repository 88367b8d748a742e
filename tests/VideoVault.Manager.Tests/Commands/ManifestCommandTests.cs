using System.Text.Json;
using VideoVault.Manager.Tests.TestSupport;

namespace VideoVault.Manager.Tests.Commands;

public sealed class ManifestCommandTests : IAsyncLifetime
{
    private readonly TestVault _vault = new();
    private VideoRecord _first = null!;
    private VideoRecord _second = null!;

    public async Task InitializeAsync()
    {
        _first = await _vault.SaveAsync("first, with comma.mp4", TimeSpan.FromDays(3), MirrorState.Mirrored);
        _second = await _vault.SaveAsync("=HYPERLINK(evil).webm", TimeSpan.FromDays(1));
    }

    public async Task DisposeAsync() => await _vault.DisposeAsync();

    [Fact]
    public async Task The_default_export_is_json_on_stdout_with_every_record_oldest_first()
    {
        var result = await _vault.RunAsync("manifest");

        result.ExitCode.Should().Be(0, result.ToString());
        using var json = JsonDocument.Parse(result.Stdout);
        json.RootElement.GetProperty("count").GetInt64().Should().Be(2);
        json.RootElement.GetProperty("videos").EnumerateArray().Select(v => v.GetProperty("video_id").GetString()).Should().Equal(_first.Id, _second.Id);
        json.RootElement.GetProperty("videos")[0].GetProperty("drive_status").GetString().Should().Be("mirrored");
    }

    [Fact]
    public async Task The_csv_export_has_a_header_quotes_commas_and_defuses_formulas()
    {
        var result = await _vault.RunAsync("manifest", "--format", "csv");

        result.ExitCode.Should().Be(0, result.ToString());
        var lines = result.StdoutLines;
        lines.Should().HaveCount(3);
        lines[0].Should().StartWith("video_id,filename,original_filename,category");
        lines[1].Should().StartWith(_first.Id + ",").And.Contain("\"first, with comma.mp4\"").And.Contain(_first.Sha256).And.Contain(",mirrored,");
        var original = (await _vault.Store.FindAsync(_second.Id))!.OriginalFileName;
        original.Should().StartWith("=", "the store keeps the uploader's name, so the formula reaches the export");
        lines[2].Should().Contain(",'=").And.NotContain(",=");
    }

    [Fact]
    public async Task Export_to_a_file_is_atomic_and_leaves_no_temp_file_behind()
    {
        var folder = Path.Combine(_vault.Root, "exports");
        Directory.CreateDirectory(folder);
        var target = Path.Combine(folder, "manifest.json");
        await File.WriteAllTextAsync(target, "old content");

        var result = await _vault.RunAsync("manifest", "--output", target);

        result.ExitCode.Should().Be(0, result.ToString());
        result.Stdout.Trim().Should().Be($"exported 2 record(s) to {target}");
        Directory.GetFiles(folder).Should().Equal(target);
        using var json = JsonDocument.Parse(await File.ReadAllTextAsync(target));
        json.RootElement.GetProperty("count").GetInt64().Should().Be(2);
    }

    [Fact]
    public async Task Export_into_a_missing_folder_fails_with_one_line_and_writes_nothing()
    {
        var result = await _vault.RunAsync("manifest", "--format", "csv", "-o", Path.Combine(_vault.Root, "no-such-dir", "m.csv"));

        result.ExitCode.Should().Be(1);
        result.StderrLines.Should().ContainSingle().Which.Should().StartWith("error: ").And.Contain("does not exist");
    }

    [Fact]
    public async Task An_unknown_format_is_a_usage_error()
    {
        var result = await _vault.RunAsync("manifest", "--format", "xml");

        result.ExitCode.Should().Be(2);
        result.StderrLines.Should().ContainSingle();
    }
}
