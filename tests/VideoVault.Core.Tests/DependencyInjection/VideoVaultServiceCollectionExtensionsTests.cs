using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;
using VideoVault.Storage;

namespace VideoVault.Tests.DependencyInjection;

public sealed class VideoVaultServiceCollectionExtensionsTests : IDisposable
{
    private readonly TempDirectory _root = new();

    public void Dispose() => _root.Dispose();

    [Fact]
    public void Calling_AddVideoVault_twice_registers_each_service_once()
    {
        var services = new ServiceCollection();

        var first = services.AddVideoVault();
        var second = services.AddVideoVault(o => o.RootPath = _root.Path);

        first.Services.Should().BeSameAs(services);
        second.Services.Should().BeSameAs(services);
        services.Count(d => d.ServiceType == typeof(IVideoStore)).Should().Be(1);
        services.Count(d => d.ServiceType == typeof(IVideoManifest)).Should().Be(1);
        services.Count(d => d.ServiceType == typeof(IVideoMaintenance)).Should().Be(1);
        services.Count(d => d.ServiceType == typeof(TimeProvider)).Should().Be(1);
        services.Count(d => d.ServiceType == typeof(IStagedUploadStore)).Should().Be(1);
        services.Count(d => d.ServiceType == typeof(IVideoFileLocator)).Should().Be(1);
        services.Count(d => d.ServiceType == typeof(IHostedService)).Should().Be(3, "the start-up checks, the resumable uploads' upkeep and the background integrity check");
        services.Count(d => d.ServiceType == typeof(IValidateOptions<VideoVaultOptions>)).Should().Be(2, "one DataAnnotations validator and one custom validator");
    }

    [Fact]
    public async Task Host_starts_stores_and_stops_with_the_defaults_over_a_temp_root()
    {
        using var host = BuildHost(services => services.AddVideoVault(o =>
        {
            o.RootPath = _root.Path;
            o.MinFreeSpaceBytes = 0;
        }));

        await host.StartAsync();
        var store = host.Services.GetRequiredService<IVideoStore>();
        var result = await store.SaveAsync(new VideoUpload(new MemoryStream(TestVideos.Mp4()), "a.mp4"));
        await host.StopAsync();

        result.IsStored.Should().BeTrue();
        File.Exists(Path.Combine(_root.Path, result.Video!.RelativePath)).Should().BeTrue();
        File.Exists(Path.Combine(_root.Path, "manifest.db")).Should().BeTrue();
    }

    [Fact]
    public async Task Bad_option_fails_host_start_with_a_message_that_says_how_to_fix_it()
    {
        using var host = BuildHost(services => services.AddVideoVault(o =>
        {
            o.RootPath = _root.Path;
            o.MaxFileSizeBytes = 0;
        }));

        var act = () => host.StartAsync();

        (await act.Should().ThrowAsync<OptionsValidationException>())
            .Which.Message.Should().Contain("VideoVault:MaxFileSizeBytes must be positive; set it to the largest upload in bytes");
    }

    [Fact]
    public async Task Bad_option_from_configuration_fails_host_start()
    {
        var configuration = new ConfigurationBuilder()
            .AddInMemoryCollection(new Dictionary<string, string?>
            {
                ["VideoVault:RootPath"] = _root.Path,
                ["VideoVault:MinFreeSpaceBytes"] = "-1",
            })
            .Build();
        using var host = BuildHost(services => services.AddVideoVault(configuration));

        var act = () => host.StartAsync();

        (await act.Should().ThrowAsync<OptionsValidationException>()).Which.Message.Should().Contain("VideoVault:MinFreeSpaceBytes");
    }

    [Fact]
    public void Configuration_overload_binds_the_VideoVault_section_of_the_root_configuration()
    {
        var configuration = new ConfigurationBuilder()
            .AddInMemoryCollection(new Dictionary<string, string?>
            {
                ["VideoVault:RootPath"] = _root.Path,
                ["VideoVault:MaxFileSizeBytes"] = "12345",
                ["VideoVault:MinFreeSpaceBytes"] = "0",
            })
            .Build();
        var services = new ServiceCollection();
        services.AddVideoVault(configuration);
        using var provider = services.BuildServiceProvider();

        var options = provider.GetRequiredService<IOptions<VideoVaultOptions>>().Value;

        options.RootPath.Should().Be(_root.Path);
        options.MaxFileSizeBytes.Should().Be(12345);
    }

    [Fact]
    public void Relative_root_resolves_against_the_content_root()
    {
        using var host = BuildHost(services => services.AddVideoVault(o => o.RootPath = "vault"), contentRoot: _root.Path);

        host.Services.GetRequiredService<VideoVaultPaths>().Root.Should().Be(Path.Combine(_root.Path, "vault"));
    }

    [Fact]
    public async Task Host_start_fails_clearly_when_the_root_is_unusable()
    {
        var file = Path.Combine(_root.Path, "not-a-folder");
        await File.WriteAllTextAsync(file, "x");
        using var host = BuildHost(services => services.AddVideoVault(o => o.RootPath = file));

        var act = () => host.StartAsync();

        (await act.Should().ThrowAsync<InvalidOperationException>()).Which.Message.Should().Contain("VideoVault:RootPath");
    }

    [Fact]
    public async Task Host_start_sweeps_temp_files_and_leaves_files_without_an_intent_to_reconcile()
    {
        Directory.CreateDirectory(Path.Combine(_root.Path, ".incoming"));
        Directory.CreateDirectory(Path.Combine(_root.Path, "videos", "2025", "01"));
        await File.WriteAllTextAsync(Path.Combine(_root.Path, ".incoming", "old.part"), "partial");
        await File.WriteAllBytesAsync(Path.Combine(_root.Path, "videos", "2025", "01", "20250102_030405_General_x.mp4"), TestVideos.Mp4());
        using var host = BuildHost(services => services.AddVideoVault(o => o.RootPath = _root.Path));

        await host.StartAsync();

        Directory.GetFiles(Path.Combine(_root.Path, ".incoming")).Should().BeEmpty();
        (await host.Services.GetRequiredService<IVideoStore>().FindAsync("20250102_030405_General_x.mp4")).Should().BeNull("start-up does not walk videos/");
        (await host.Services.GetRequiredService<IVideoMaintenance>().ReconcileAsync(ReconcileOptions.AtStartup)).AdoptedFiles.Should().ContainSingle();
        (await host.Services.GetRequiredService<IVideoStore>().FindAsync("20250102_030405_General_x.mp4")).Should().NotBeNull();
        await host.StopAsync();
    }

    private static IHost BuildHost(Action<IServiceCollection> configure, string? contentRoot = null)
    {
        var builder = Host.CreateEmptyApplicationBuilder(new HostApplicationBuilderSettings { ContentRootPath = contentRoot });
        configure(builder.Services);
        return builder.Build();
    }
}
