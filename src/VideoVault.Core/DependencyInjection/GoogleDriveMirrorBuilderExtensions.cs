using System.Diagnostics.Metrics;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using VideoVault;
using VideoVault.Hosting;
using VideoVault.Mirroring;
using VideoVault.Mirroring.GoogleDrive;

namespace Microsoft.Extensions.DependencyInjection;

/// <summary>Plugs the Google Drive mirror into VideoVault.</summary>
public static class GoogleDriveMirrorBuilderExtensions
{
    /// <summary>
    /// Adds the Google Drive mirror. When <see cref="GoogleDriveMirrorOptions.Enabled"/> (as set by
    /// <paramref name="configure"/>) is false, nothing active is added and new videos stay <c>disabled</c>. When it is
    /// true, new videos are queued for mirroring, a background worker uploads them (and videos stored before the
    /// mirror was configured), another re-checks the mirrored copies on Drive at the pace the options set (see
    /// <see cref="GoogleDriveMirrorOptions.CheckCopiesInBackground"/>), and the settings are validated when the host
    /// starts: missing or unusable credentials fail the start with a message that says what to fix. Safe to call more
    /// than once.
    /// </summary>
    /// <param name="builder">The builder returned by <c>AddVideoVault</c>.</param>
    /// <param name="configure">Sets the options; <see cref="GoogleDriveMirrorOptions.Enabled"/> is read from them once, here.</param>
    /// <returns>The builder.</returns>
    public static IVideoVaultBuilder AddGoogleDriveMirror(this IVideoVaultBuilder builder, Action<GoogleDriveMirrorOptions>? configure = null)
    {
        ArgumentNullException.ThrowIfNull(builder);
        var options = builder.Services.AddOptions<GoogleDriveMirrorOptions>();
        var probe = new GoogleDriveMirrorOptions();
        if (configure is not null)
        {
            options.Configure(configure);
            configure(probe);
        }

        if (probe.Enabled)
        {
            AddActiveMirror(builder.Services);
        }
        else if (probe.RestoreAutomatically)
        {
            ValidateOnStart(builder.Services);
        }

        return builder;
    }

    /// <summary>
    /// Adds the Google Drive mirror with its settings bound from configuration: given the root configuration, its
    /// <c>VideoVault:Drive</c> section (environment variables <c>VideoVault__Drive__Enabled</c>,
    /// <c>VideoVault__Drive__CredentialsPath</c>, <c>VideoVault__Drive__FolderId</c>, ...); given a section, that
    /// section. Without <c>Enabled=true</c> nothing active is added, so a host can always call this and let
    /// configuration decide.
    /// </summary>
    /// <param name="builder">The builder returned by <c>AddVideoVault</c>.</param>
    /// <param name="configuration">The root configuration or the Drive section.</param>
    /// <returns>The builder.</returns>
    public static IVideoVaultBuilder AddGoogleDriveMirror(this IVideoVaultBuilder builder, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(builder);
        ArgumentNullException.ThrowIfNull(configuration);
        var section = configuration as IConfigurationSection ?? configuration.GetSection(GoogleDriveMirrorOptions.SectionName);
        builder.Services.AddOptions<GoogleDriveMirrorOptions>().Bind(section);
        if (section.GetValue<bool>(nameof(GoogleDriveMirrorOptions.Enabled)))
        {
            AddActiveMirror(builder.Services);
        }
        else if (section.GetValue<bool>(nameof(GoogleDriveMirrorOptions.RestoreAutomatically)))
        {
            ValidateOnStart(builder.Services);
        }

        return builder;
    }

    private static void AddActiveMirror(IServiceCollection services)
    {
        // ValidateOnStart adds its hook unconditionally; a second call must not repeat it.
        if (services.Any(descriptor => descriptor.ServiceType == typeof(MirrorRegistration)))
        {
            return;
        }

        services.AddSingleton(new MirrorRegistration("google-drive"));
        services.AddOptions<GoogleDriveMirrorOptions>().ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<GoogleDriveMirrorOptions>, GoogleDriveMirrorOptionsValidator>());
        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton<MirrorSignals>();
        services.TryAddSingleton(sp => new MirrorMetrics(sp.GetService<IMeterFactory>()));
        services.TryAddSingleton<IDriveClient>(sp =>
        {
            var options = sp.GetRequiredService<IOptions<GoogleDriveMirrorOptions>>().Value;
            return new GoogleApisDriveClient(
                options,
                GoogleDriveCredentialLoader.Load(options),
                sp.GetRequiredService<ILogger<GoogleApisDriveClient>>(),
                sp.GetRequiredService<TimeProvider>());
        });
        services.TryAddSingleton<IMirrorUploader, DriveMirrorUploader>();
        services.TryAddSingleton<IVideoMirrorAwaiter, MirrorAwaiter>();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IHostedService, MirrorWorker>());

        // The checks of the mirrored copies: on demand through IVideoMaintenance, and in the background at the configured pace.
        services.TryAddSingleton<DriveCopyChecker>();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IHostedService, DriveCopyCheckService>());
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IHostedService, AutomaticRestoreService>());
    }

    /// <summary>
    /// Validates the options at start although the mirror is off: a setting that needs it (automatic restore) then
    /// fails the host with a message, instead of silently doing nothing.
    /// </summary>
    private static void ValidateOnStart(IServiceCollection services)
    {
        if (services.Any(descriptor => descriptor.ServiceType == typeof(IValidateOptions<GoogleDriveMirrorOptions>)
            && descriptor.ImplementationType == typeof(GoogleDriveMirrorOptionsValidator)))
        {
            return;
        }

        services.AddOptions<GoogleDriveMirrorOptions>().ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<GoogleDriveMirrorOptions>, GoogleDriveMirrorOptionsValidator>());
    }
}
