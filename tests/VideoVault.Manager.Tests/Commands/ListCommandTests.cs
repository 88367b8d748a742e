using System.Text.Json;
using VideoVault.Manager.Tests.TestSupport;

namespace VideoVault.Manager.Tests.Commands;

public sealed class ListCommandTests : IAsyncLifetime
{
    private readonly TestVault _vault = new();
    private VideoRecord _oldest = null!;
    private VideoRecord _middle = null!;
    private VideoRecord _newest = null!;

    public async Task InitializeAsync()
    {
        _oldest = await _vault.SaveAsync("holiday.mp4", TimeSpan.FromDays(10), MirrorState.Mirrored, "Family");
        _middle = await _vault.SaveAsync("lecture.webm", TimeSpan.FromDays(5), MirrorState.Failed, "Tutorial");
        _newest = await _vault.SaveAsync("demo.mp4", TimeSpan.FromDays(1), MirrorState.Disabled, "Tutorial");
    }

    public async Task DisposeAsync() => await _vault.DisposeAsync();

    [Fact]
    public async Task List_prints_an_aligned_table_newest_first_with_human_sizes()
    {
        var result = await _vault.RunAsync("list");

        result.ExitCode.Should().Be(0, result.ToString());
        result.Stderr.Should().BeEmpty();
        var lines = result.StdoutLines;
        lines[0].Should().StartWith("Created").And.Contain("Name").And.Contain("Drive");
        lines[1].Should().Contain(_newest.StoredName).And.Contain("disabled").And.Contain("KiB");
        lines[2].Should().Contain(_middle.StoredName).And.Contain("failed");
        lines[3].Should().Contain(_oldest.StoredName).And.Contain("mirrored");
        lines[^1].Should().StartWith("3 video(s)");
        result.Stdout.Should().NotContain("\u001b[", "stdout is not a terminal, so no colours");
        var nameColumn = lines[0].IndexOf("Name", StringComparison.Ordinal);
        lines[1].IndexOf(_newest.StoredName, StringComparison.Ordinal).Should().Be(nameColumn, "columns are aligned");
        lines[3].IndexOf(_oldest.StoredName, StringComparison.Ordinal).Should().Be(nameColumn);
    }

    [Fact]
    public async Task List_with_a_limit_says_how_many_more_there_are()
    {
        var result = await _vault.RunAsync("list", "--limit", "2");

        result.ExitCode.Should().Be(0);
        result.Stdout.Should().Contain(_newest.StoredName).And.Contain(_middle.StoredName).And.NotContain(_oldest.StoredName);
        result.StdoutLines[^1].Should().Be("2 of 3 video(s) shown (--limit N or --all for more)");
    }

    [Fact]
    public async Task List_filters_by_drive_state_category_and_date()
    {
        (await _vault.RunAsync("list", "--status", "failed")).Stdout.Should().Contain(_middle.StoredName).And.NotContain(_oldest.StoredName).And.NotContain(_newest.StoredName);
        (await _vault.RunAsync("list", "--category", "tutorial")).Stdout.Should().Contain(_middle.StoredName).And.Contain(_newest.StoredName).And.NotContain(_oldest.StoredName);
        (await _vault.RunAsync("list", "--since", "3d")).Stdout.Should().Contain(_newest.StoredName).And.NotContain(_middle.StoredName);
        (await _vault.RunAsync("list", "--until", "7d")).Stdout.Should().Contain(_oldest.StoredName).And.NotContain(_middle.StoredName);
        (await _vault.RunAsync("list", "--status", "mirrored", "--category", "Tutorial")).Stdout.Should().Contain("no videos match");
    }

    [Fact]
    public async Task List_json_uses_the_http_api_field_names()
    {
        var result = await _vault.RunAsync("list", "--all", "--json");

        result.ExitCode.Should().Be(0);
        using var json = JsonDocument.Parse(result.Stdout);
        json.RootElement.GetProperty("total").GetInt64().Should().Be(3);
        var videos = json.RootElement.GetProperty("videos").EnumerateArray().ToList();
        videos.Select(v => v.GetProperty("video_id").GetString()).Should().Equal(_newest.Id, _middle.Id, _oldest.Id);
        var oldest = videos[2];
        oldest.GetProperty("filename").GetString().Should().Be(_oldest.StoredName);
        oldest.GetProperty("original_filename").GetString().Should().Be("holiday.mp4");
        oldest.GetProperty("local_backup").GetString().Should().Be(_oldest.RelativePath);
        oldest.GetProperty("drive_status").GetString().Should().Be("mirrored");
        oldest.GetProperty("drive_file_id").GetString().Should().StartWith("drive-");
        oldest.GetProperty("size_bytes").GetInt64().Should().Be(_oldest.SizeBytes);
        oldest.GetProperty("sha256").GetString().Should().Be(_oldest.Sha256);
        videos[1].GetProperty("mirror_last_error").GetString().Should().Contain("storageQuotaExceeded");
    }

    [Theory]
    [InlineData("--status", "lost")]
    [InlineData("--limit", "0")]
    [InlineData("--since", "yesterday-ish")]
    public async Task A_bad_filter_is_a_usage_error_on_one_line(string option, string value)
    {
        var result = await _vault.RunAsync("list", option, value);

        result.ExitCode.Should().Be(2);
        result.Stdout.Should().BeEmpty();
        result.StderrLines.Should().ContainSingle().Which.Should().StartWith("error: ");
    }
}
