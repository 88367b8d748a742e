using Microsoft.Extensions.Logging.Abstractions;
using VideoVault.FakeDrive;
using VideoVault.Manifest;
using VideoVault.Storage;

namespace VideoVault.Benchmarks.Mirror;

/// <summary>
/// The Release sample host over a fresh root with its Drive mirror pointed at the fake (a throwaway service-account
/// key whose <c>token_uri</c> is the fake's, as the README's "Testing against a fake Drive" does), a client for its
/// endpoints, and its manifest opened through the store's own code from this process (WAL: the host keeps writing).
/// </summary>
internal sealed class MirrorHost : IAsyncDisposable
{
    /// <summary>How soon the mirror notices videos it has not seen (the default is 30 s).</summary>
    private const string QueuePollInterval = "00:00:00.250";

    private MirrorHost(string work, string root, ServerProcess host, SqliteVideoManifest manifest, FakeDriveServer drive)
    {
        Work = work;
        Root = root;
        Host = host;
        Manifest = manifest;
        Drive = drive;
        Http = new HttpClient { BaseAddress = host.BaseUri };
    }

    public string Work { get; }

    public string Root { get; }

    public ServerProcess Host { get; }

    public HttpClient Http { get; }

    public SqliteVideoManifest Manifest { get; }

    public FakeDriveServer Drive { get; }

    public static async Task<MirrorHost> StartAsync(BenchmarkSettings settings, string work, FakeDriveServer drive, string folderId, long maxFileSize, CancellationToken cancellationToken)
    {
        var root = Directory.CreateDirectory(Path.Combine(work, "vault")).FullName;
        var host = await SampleHost.StartOnRootAsync(
            settings.HostAssembly,
            root,
            maxFileSize + (64L << 20),
            new Dictionary<string, string>
            {
                ["VideoVault__Drive__Enabled"] = "true",
                ["VideoVault__Drive__CredentialsPath"] = drive.CreateServiceAccountKeyFile(work),
                ["VideoVault__Drive__FolderId"] = folderId,
                ["VideoVault__Drive__BaseUri"] = drive.BaseUri.AbsoluteUri,
                ["VideoVault__Drive__QueuePollInterval"] = QueuePollInterval,
            }).ConfigureAwait(false);
        var manifest = new SqliteVideoManifest(Path.Combine(root, VideoVaultPaths.ManifestFileName), TimeProvider.System, NullLogger<SqliteVideoManifest>.Instance);
        await manifest.InitializeAsync(cancellationToken).ConfigureAwait(false);
        return new MirrorHost(work, root, host, manifest, drive);
    }

    public async ValueTask DisposeAsync()
    {
        Http.Dispose();
        await Manifest.DisposeAsync().ConfigureAwait(false);
        await Host.DisposeAsync().ConfigureAwait(false);
    }
}
