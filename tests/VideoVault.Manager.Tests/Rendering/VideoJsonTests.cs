using System.Text.Json;
using VideoVault.Manager.Tests.TestSupport;

namespace VideoVault.Manager.Tests.Rendering;

public sealed class VideoJsonTests : IAsyncLifetime
{
    // The video object of the HTTP API, in order: src/VideoVault.AspNetCore/Json/VideoJson.cs. The Manager does not
    // reference the host package, so the contract is pinned here; change both sides together.
    private static readonly string[] ApiVideoFields =
    [
        "video_id", "filename", "original_filename", "category", "local_backup", "local_state", "size_bytes",
        "file_size_mb", "sha256", "mime_type", "container", "created_at", "drive_status", "drive_file_id", "drive_link",
        "mirror_attempts", "mirror_last_error", "mirror_next_attempt_at", "mirrored_at",
    ];

    private readonly TestVault _vault = new();
    private VideoRecord _mirrored = null!;
    private VideoRecord _retrying = null!;

    public async Task InitializeAsync()
    {
        _mirrored = await _vault.SaveAsync("mirrored.mp4", TimeSpan.FromDays(2), MirrorState.Mirrored);
        _retrying = await _vault.SaveAsync("retrying.mp4", TimeSpan.FromDays(1), MirrorState.Retrying);
    }

    public async Task DisposeAsync() => await _vault.DisposeAsync();

    [Theory]
    [InlineData("list", "--json")]
    [InlineData("find", "mp4", "--json")]
    [InlineData("manifest")]
    public async Task Json_video_records_have_exactly_the_http_api_field_names(params string[] args)
    {
        var result = await _vault.RunAsync(args);

        result.ExitCode.Should().Be(0, result.ToString());
        using var json = JsonDocument.Parse(result.Stdout);
        foreach (var video in json.RootElement.GetProperty("videos").EnumerateArray())
        {
            video.EnumerateObject().Select(p => p.Name).Should().Equal(ApiVideoFields);
        }
    }

    [Fact]
    public async Task Info_json_reports_mirror_progress_under_the_http_api_names()
    {
        using var retryingInfo = JsonDocument.Parse((await _vault.RunAsync("info", _retrying.Id, "--json")).Stdout);
        using var mirroredInfo = JsonDocument.Parse((await _vault.RunAsync("info", _mirrored.Id, "--json")).Stdout);
        var retrying = retryingInfo.RootElement.GetProperty("video");
        var mirrored = mirroredInfo.RootElement.GetProperty("video");

        retrying.EnumerateObject().Select(p => p.Name).Should().Equal(ApiVideoFields);
        retrying.GetProperty("drive_status").GetString().Should().Be("retrying");
        retrying.GetProperty("mirror_attempts").GetInt32().Should().Be(1);
        retrying.GetProperty("mirror_last_error").GetString().Should().Be("503 from Drive");
        retrying.GetProperty("mirror_next_attempt_at").GetString().Should().EndWith("Z");
        retrying.GetProperty("mirrored_at").ValueKind.Should().Be(JsonValueKind.Null);
        mirrored.GetProperty("mirrored_at").GetString().Should().EndWith("Z");
        mirrored.GetProperty("local_state").GetString().Should().Be("present");
    }

    [Fact]
    public async Task The_csv_header_uses_the_http_api_names_for_mirror_progress()
    {
        var result = await _vault.RunAsync("manifest", "--format", "csv");

        result.ExitCode.Should().Be(0, result.ToString());
        var header = result.StdoutLines[0].Split(',');
        header.Should().BeSubsetOf(ApiVideoFields);
        header.Should().Contain(["mirror_attempts", "mirror_last_error", "mirrored_at"]);
    }
}
