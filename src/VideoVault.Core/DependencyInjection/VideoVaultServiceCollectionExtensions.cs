using System.Diagnostics.Metrics;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using VideoVault;
using VideoVault.DependencyInjection;
using VideoVault.Diagnostics;
using VideoVault.Hosting;
using VideoVault.Maintenance;
using VideoVault.Manifest;
using VideoVault.Mirroring.GoogleDrive;
using VideoVault.Storage;
using VideoVault.Uploads;

namespace Microsoft.Extensions.DependencyInjection;

/// <summary>Adds VideoVault's services to a host.</summary>
public static class VideoVaultServiceCollectionExtensions
{
    /// <summary>
    /// Adds the durable video store (<see cref="IVideoStore"/>), its manifest (<see cref="IVideoManifest"/>), where its
    /// files are (<see cref="IVideoFileLocator"/>), maintenance (<see cref="IVideoMaintenance"/>) and the start-up checks. Safe to call more than once: services
    /// are registered once, and each <paramref name="configure"/> is applied in order. Options are validated when
    /// the host starts.
    /// </summary>
    /// <param name="services">The host's services.</param>
    /// <param name="configure">Sets <see cref="VideoVaultOptions"/>; the defaults work without it.</param>
    /// <returns>A builder for plug-ins such as the Google Drive mirror.</returns>
    public static IVideoVaultBuilder AddVideoVault(this IServiceCollection services, Action<VideoVaultOptions>? configure = null)
    {
        ArgumentNullException.ThrowIfNull(services);
        AddCore(services);
        if (configure is not null)
        {
            services.Configure(configure);
        }

        return new VideoVaultBuilder(services);
    }

    /// <summary>
    /// Adds VideoVault like <see cref="AddVideoVault(IServiceCollection, Action{VideoVaultOptions}?)"/>, binding
    /// <see cref="VideoVaultOptions"/> from configuration: given a section, that section; given the root
    /// configuration, its <c>VideoVault</c> section (so <c>VideoVault__RootPath=/data</c> works as an environment variable).
    /// </summary>
    /// <param name="services">The host's services.</param>
    /// <param name="configuration">The root configuration or the VideoVault section.</param>
    /// <returns>A builder for plug-ins such as the Google Drive mirror.</returns>
    public static IVideoVaultBuilder AddVideoVault(this IServiceCollection services, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(configuration);
        AddCore(services);
        var section = configuration is IConfigurationSection given ? given : configuration.GetSection(VideoVaultOptions.SectionName);
        services.AddOptions<VideoVaultOptions>().Bind(section);
        return new VideoVaultBuilder(services);
    }

    private static void AddCore(IServiceCollection services)
    {
        // ValidateDataAnnotations and ValidateOnStart add validators unconditionally; a second call must not repeat them.
        if (services.Any(descriptor => descriptor.ServiceType == typeof(VideoVaultMarker)))
        {
            return;
        }

        services.AddSingleton<VideoVaultMarker>();
        services.AddOptions<VideoVaultOptions>().ValidateDataAnnotations().ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<VideoVaultOptions>, VideoVaultOptionsValidator>());

        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton(sp => new VideoVaultPaths(
            sp.GetRequiredService<IOptions<VideoVaultOptions>>().Value.RootPath,
            sp.GetService<IHostEnvironment>()?.ContentRootPath));
        services.TryAddSingleton(sp => new VideoVaultDiagnostics(sp.GetService<IMeterFactory>()));
        services.TryAddSingleton<AtomicFileWriter>();
        services.TryAddSingleton<IVideoManifest>(sp => new SqliteVideoManifest(
            sp.GetRequiredService<VideoVaultPaths>().ManifestPath,
            sp.GetRequiredService<TimeProvider>(),
            sp.GetRequiredService<ILogger<SqliteVideoManifest>>()));
        services.TryAddSingleton<LocalVideoStore>();
        services.TryAddSingleton<IVideoStore>(sp => sp.GetRequiredService<LocalVideoStore>());
        services.TryAddSingleton<IStagedUploadStore>(sp => sp.GetRequiredService<LocalVideoStore>());
        services.TryAddSingleton(sp => new RestoreMetrics(sp.GetService<IMeterFactory>()));
        services.TryAddSingleton(sp => new VideoRestorer(
            sp.GetRequiredService<IVideoManifest>(),
            sp.GetRequiredService<LocalVideoStore>(),
            sp.GetRequiredService<VideoVaultPaths>(),
            // Created on first use: commands that never restore must not load the Drive credentials.
            sp.GetService<IServiceProviderIsService>()?.IsService(typeof(IDriveClient)) == true
                ? new Lazy<IDriveClient>(sp.GetRequiredService<IDriveClient>)
                : null,
            sp.GetRequiredService<IOptions<GoogleDriveMirrorOptions>>().Value,
            sp.GetRequiredService<TimeProvider>(),
            sp.GetRequiredService<ILogger<VideoRestorer>>(),
            sp.GetRequiredService<RestoreMetrics>()));
        services.TryAddSingleton<IVideoFileLocator>(sp => sp.GetRequiredService<LocalVideoStore>());
        services.TryAddSingleton<IVideoMaintenance, VideoMaintenance>();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IHostedService, VideoVaultStartup>());

        // After the start-up checks (hosted services start in order): finishes and expires resumable uploads.
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IHostedService, UploadExpiryService>());

        // In the background once the host started: the check reads the whole manifest, so it must not delay start-up.
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IHostedService, ManifestIntegrityCheckService>());
    }
}
