using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;
using VideoVault.Mirroring;
using VideoVault.Mirroring.GoogleDrive;

namespace VideoVault.Tests.Mirroring;

/// <summary><c>AddGoogleDriveMirror</c>: off unless enabled, validated at start, driven by configuration alone.</summary>
public sealed class GoogleDriveMirrorRegistrationTests : IAsyncLifetime
{
    private MirrorTestContext _context = null!;

    public async Task InitializeAsync() => _context = await MirrorTestContext.StartAsync();

    public async Task DisposeAsync() => await _context.DisposeAsync();

    [Fact]
    public async Task Enabled_without_credentials_fails_host_start_saying_what_is_missing()
    {
        using var host = _context.Build(o => o.CredentialsPath = null);

        var start = () => host.StartAsync();

        (await start.Should().ThrowAsync<OptionsValidationException>())
            .Which.Message.Should().Contain("VideoVault:Drive:CredentialsPath is not set");
    }

    [Fact]
    public async Task Disabled_mirror_registers_nothing_active_and_videos_stay_disabled()
    {
        var host = await _context.StartHostAsync(mirror: false);

        var stored = await MirrorTestContext.SaveAsync(host, MirrorTestContext.UniqueMp4(5000));

        host.Services.GetService<MirrorRegistration>().Should().BeNull();
        host.Services.GetService<IVideoMirrorAwaiter>().Should().BeNull();
        host.Services.GetServices<IHostedService>().Should().NotContain(s => s is MirrorWorker || s is DriveCopyCheckService);
        (await host.Services.GetRequiredService<IVideoStore>().FindAsync(stored.Id))!.Mirror.State.Should().Be(MirrorState.Disabled);
        _context.Drive.Requests.Should().BeEmpty();
    }

    [Fact]
    public async Task Configuration_alone_turns_the_mirror_on_as_the_sample_host_does()
    {
        var builder = Host.CreateEmptyApplicationBuilder(new HostApplicationBuilderSettings());
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["VideoVault:RootPath"] = _context.RootPath,
            ["VideoVault:MinFreeSpaceBytes"] = "0",
            ["VideoVault:Drive:Enabled"] = "true",
            ["VideoVault:Drive:CredentialsPath"] = _context.KeyPath,
            ["VideoVault:Drive:FolderId"] = MirrorTestContext.FolderId,
            ["VideoVault:Drive:BaseUri"] = _context.Drive.BaseUri.AbsoluteUri,
            ["VideoVault:Drive:ChunkSizeBytes"] = "262144",
        });
        builder.Services.AddVideoVault(builder.Configuration).AddGoogleDriveMirror(builder.Configuration);
        using var host = builder.Build();
        await host.StartAsync();

        var content = MirrorTestContext.UniqueMp4(5000);
        var stored = await MirrorTestContext.SaveAsync(host, content);
        var mirrored = await MirrorTestContext.WaitForStateAsync(host, stored.Id, MirrorState.Mirrored);
        await host.StopAsync();

        _context.ShouldHaveExactlyOneVerifiedCopy(mirrored, content);
    }

    [Fact]
    public void Calling_AddGoogleDriveMirror_twice_registers_the_worker_and_the_validator_once()
    {
        var services = new ServiceCollection();
        var builder = services.AddVideoVault();

        builder.AddGoogleDriveMirror(o => o.Enabled = true).AddGoogleDriveMirror(o => o.Enabled = true);

        services.Count(d => d.ImplementationType == typeof(MirrorWorker)).Should().Be(1);
        services.Count(d => d.ImplementationType == typeof(DriveCopyCheckService)).Should().Be(1);
        services.Count(d => d.ServiceType == typeof(MirrorRegistration)).Should().Be(1);
        services.Count(d => d.ImplementationType == typeof(GoogleDriveMirrorOptionsValidator)).Should().Be(1);
    }

    [Fact]
    public async Task Videos_stored_before_the_mirror_was_configured_are_mirrored_once_it_is()
    {
        var plain = await _context.StartHostAsync(mirror: false);
        var content = MirrorTestContext.UniqueMp4(5000);
        var stored = await MirrorTestContext.SaveAsync(plain, content);
        await _context.StopAsync(plain);

        var host = await _context.StartHostAsync();
        var mirrored = await MirrorTestContext.WaitForStateAsync(host, stored.Id, MirrorState.Mirrored);

        stored.Mirror.State.Should().Be(MirrorState.Disabled);
        _context.ShouldHaveExactlyOneVerifiedCopy(mirrored, content);
    }
}
