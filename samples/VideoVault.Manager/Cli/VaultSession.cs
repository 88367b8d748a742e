using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace VideoVault.Manager.Cli;

/// <summary>
/// The library, built through DI exactly as a host builds it, over one store root. The tool starts no hosted
/// services: the host (if running) owns the mirror queue; the tool only reads and administers.
/// </summary>
internal sealed class VaultSession : IAsyncDisposable
{
    private readonly ServiceProvider provider;

    private VaultSession(ServiceProvider provider)
    {
        this.provider = provider;
    }

    public IVideoStore Store => provider.GetRequiredService<IVideoStore>();

    public IVideoManifest Manifest => provider.GetRequiredService<IVideoManifest>();

    public IVideoMaintenance Maintenance => provider.GetRequiredService<IVideoMaintenance>();

    public IStagedUploadStore Uploads => provider.GetRequiredService<IStagedUploadStore>();

    /// <summary>The library's clock, so ages and expiry are judged by the same time the store uses.</summary>
    public TimeProvider Clock => provider.GetRequiredService<TimeProvider>();

    /// <summary>
    /// Opens the store at <paramref name="rootPath"/>, with the Drive mirror configured from
    /// <paramref name="environment"/> as a host configures it (see <see cref="DriveSettings"/>).
    /// </summary>
    public static VaultSession Open(string rootPath, TextWriter stderr, Func<string, string?> environment)
    {
        StoreRoot.EnsureExists(rootPath);
        var services = new ServiceCollection();
        services.AddLogging(logging => logging
            .SetMinimumLevel(LogLevel.Warning)
            .AddProvider(new StderrLoggerProvider(stderr)));
        services.AddVideoVault(options => options.RootPath = rootPath)
            .AddGoogleDriveMirror(DriveSettings.FromEnvironment(environment));
        var provider = services.BuildServiceProvider(new ServiceProviderOptions { ValidateOnBuild = true, ValidateScopes = true });
        try
        {
            // What a host does at start (ValidateOnStart): a bad setting fails here, before any work.
            provider.GetService<IStartupValidator>()?.Validate();
        }
        catch
        {
            provider.Dispose();
            throw;
        }

        return new VaultSession(provider);
    }

    /// <summary>Finds a video by id or stored name, or fails the command with one line.</summary>
    public async Task<VideoRecord> FindRequiredAsync(string idOrStoredName, CancellationToken cancellationToken)
    {
        var video = await Store.FindAsync(idOrStoredName, cancellationToken).ConfigureAwait(false);
        return video ?? throw UnknownVideo(idOrStoredName);
    }

    public static CliException UnknownVideo(string idOrStoredName) =>
        new($"no video '{idOrStoredName}' (give a stored name or an id; 'videovault find TEXT' searches)");

    public ValueTask DisposeAsync() => provider.DisposeAsync();
}
