using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace VideoVault.Tests.Hosting;

public sealed class VideoVaultStartupTests : IDisposable
{
    private readonly TempDirectory _root = new();

    public void Dispose() => _root.Dispose();

    [Fact]
    public async Task Second_host_on_the_same_root_fails_to_start_saying_another_host_is_running_and_starts_once_the_first_stopped()
    {
        // Regression: two hosts on one root each swept the other's in-flight temp files and recovered its mirror claims.
        using var first = BuildHost();
        await first.StartAsync();
        using var second = BuildHost();

        var act = () => second.StartAsync();

        (await act.Should().ThrowAsync<InvalidOperationException>())
            .Which.Message.Should().ContainEquivalentOf($"another VideoVault host is running on {_root.Path}");
        await first.StopAsync();
        using var third = BuildHost();
        await third.StartAsync();
        var stored = await third.Services.GetRequiredService<IVideoStore>().SaveAsync(new VideoUpload(new MemoryStream(TestVideos.Mp4()), "after.mp4"));
        await third.StopAsync();
        stored.IsStored.Should().BeTrue();
    }

    [Fact]
    public async Task Lock_file_in_the_root_is_never_adopted_as_a_video()
    {
        using var first = BuildHost();
        await first.StartAsync();
        await first.StopAsync();
        using var restarted = BuildHost();
        await restarted.StartAsync();

        var report = await restarted.Services.GetRequiredService<IVideoMaintenance>().ReconcileAsync(ReconcileOptions.AtStartup);
        await restarted.StopAsync();

        File.Exists(Path.Combine(_root.Path, ".lock")).Should().BeTrue();
        report.AdoptedFiles.Should().BeEmpty();
        (await restarted.Services.GetRequiredService<IVideoStore>().ListAsync(new VideoQuery())).Videos.Should().BeEmpty();
    }

    private IHost BuildHost()
    {
        var builder = Host.CreateEmptyApplicationBuilder(new HostApplicationBuilderSettings());
        builder.Services.AddVideoVault(o =>
        {
            o.RootPath = _root.Path;
            o.MinFreeSpaceBytes = 0;
        });
        return builder.Build();
    }
}
