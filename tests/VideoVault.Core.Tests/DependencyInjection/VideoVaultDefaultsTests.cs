using System.Globalization;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;

namespace VideoVault.Tests.DependencyInjection;

/// <summary>The defaults a host gets when it configures nothing: what the README promises, asserted.</summary>
public sealed class VideoVaultDefaultsTests : IDisposable
{
    private const long GiB = 1L << 30;

    private readonly TempDirectory _contentRoot = new();

    public void Dispose() => _contentRoot.Dispose();

    [Fact]
    public void New_options_have_the_documented_defaults()
    {
        var options = new VideoVaultOptions();

        VideoVaultOptions.SectionName.Should().Be("VideoVault");
        options.RootPath.Should().Be("video-vault");
        options.MaxFileSizeBytes.Should().Be(10 * GiB);
        options.MinFreeSpaceBytes.Should().Be(GiB);
        options.DefaultCategory.Should().Be("General");
    }

    [Fact]
    public async Task Host_with_no_configuration_stores_under_video_vault_in_the_content_root()
    {
        var builder = Host.CreateEmptyApplicationBuilder(new HostApplicationBuilderSettings { ContentRootPath = _contentRoot.Path });
        builder.Services.AddVideoVault();
        using var host = builder.Build();
        var content = TestVideos.Mp4(64 * 1024);

        await host.StartAsync();
        var options = host.Services.GetRequiredService<IOptions<VideoVaultOptions>>().Value;
        var result = await host.Services.GetRequiredService<IVideoStore>().SaveAsync(new VideoUpload(new MemoryStream(content), "default.mp4"));
        await host.StopAsync();

        options.RootPath.Should().Be("video-vault");
        options.MinFreeSpaceBytes.Should().Be(GiB);
        result.Outcome.Should().Be(SaveVideoOutcome.Stored, "the default free-space floor of 1 GiB needs more than that free under the temp folder");
        var video = result.Video!;
        var month = video.CreatedAt.UtcDateTime.ToString("yyyy'/'MM", CultureInfo.InvariantCulture);
        video.StoredName.Should().EndWith("_General_default.mp4");
        video.RelativePath.Should().Be($"videos/{month}/{video.StoredName}");
        var root = Path.Combine(_contentRoot.Path, "video-vault");
        var file = Path.Combine(root, "videos", video.CreatedAt.UtcDateTime.ToString("yyyy", CultureInfo.InvariantCulture),
            video.CreatedAt.UtcDateTime.ToString("MM", CultureInfo.InvariantCulture), video.StoredName);
        (await File.ReadAllBytesAsync(file)).Should().Equal(content);
        _contentRoot.FilesUnder("video-vault/videos").Should().Equal($"video-vault/videos/{month}/{video.StoredName}");
        File.Exists(Path.Combine(root, "manifest.db")).Should().BeTrue();
        Directory.EnumerateFileSystemEntries(_contentRoot.Path).Should().Equal(root);
    }
}
