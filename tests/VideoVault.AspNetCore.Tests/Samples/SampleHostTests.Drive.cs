using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using VideoVault.AspNetCore.Tests.TestSupport;
using VideoVault.FakeDrive;

namespace VideoVault.AspNetCore.Tests.Samples;

public sealed partial class SampleHostTests
{
    [Fact]
    public async Task Sample_host_mirrors_to_Drive_from_environment_variables_alone_and_video_info_shows_mirrored()
    {
        using var root = new TempDirectory();
        await using var drive = await FakeDriveServer.StartAsync();
        var keyPath = drive.CreateServiceAccountKeyFile(root.Path);
        await using var host = await SampleHostProcess.StartAsync(new Dictionary<string, string>
        {
            ["VideoVault__RootPath"] = Path.Combine(root.Path, "store"),
            ["VideoVault__MinFreeSpaceBytes"] = "0",
            ["VideoVault__Drive__Enabled"] = "true",
            ["VideoVault__Drive__CredentialsPath"] = keyPath,
            ["VideoVault__Drive__FolderId"] = "shared-folder",
            ["VideoVault__Drive__BaseUri"] = drive.BaseUri.AbsoluteUri,
            ["VideoVault__Drive__WaitForMirrorSeconds"] = "20",
        });
        using var client = new HttpClient { BaseAddress = host.BaseAddress, Timeout = TimeSpan.FromSeconds(60) };

        var uploaded = await client.UploadAsync("mirrored.mp4", TestVideos.Mp4(300_000), "Sample");
        var filename = uploaded.GetProperty("filename").GetString()!;
        using var info = await client.GetAsync(new Uri("/api/video-info/" + Uri.EscapeDataString(filename), UriKind.Relative));
        var record = await info.Content.ReadFromJsonAsync<JsonElement>();

        uploaded.GetProperty("drive_status").GetString().Should().Be("mirrored", "the upload waited for the mirror");
        uploaded.GetProperty("drive_link").GetString().Should().NotBeNullOrEmpty();
        info.StatusCode.Should().Be(HttpStatusCode.OK);
        record.GetProperty("drive_status").GetString().Should().Be("mirrored");
        var file = drive.Files.Should().ContainSingle().Subject;
        record.GetProperty("drive_file_id").GetString().Should().Be(file.Id);
        file.Parents.Should().Equal("shared-folder");
        file.Content.ToArray().Should().Equal(TestVideos.Mp4(300_000));
    }
}
