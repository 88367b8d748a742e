using Google.Apis.Auth.OAuth2;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using VideoVault.FakeDrive;
using VideoVault.Mirroring.GoogleDrive;
using VideoVault.Tests;
using VideoVault.Tests.Mirroring;

namespace VideoVault.Core.Tests.Mirroring.GoogleDrive;

/// <summary>A fake Drive on loopback, a temp dir with a throwaway service-account key for it, and clients wired to both.</summary>
internal sealed class DriveTestEnvironment : IAsyncDisposable
{
    public const int Chunk = 256 * 1024;
    public const string FolderId = "0AFolderInASharedDrive";

    private readonly List<GoogleApisDriveClient> _clients = [];
    private readonly TempDirectory _directory = new();

    private DriveTestEnvironment(FakeDriveServer server)
    {
        Server = server;
        KeyPath = server.CreateServiceAccountKeyFile(Directory);
    }

    public FakeDriveServer Server { get; }

    public string Directory => _directory.Path;

    public string KeyPath { get; }

    public static async Task<DriveTestEnvironment> StartAsync() => new(await FakeDriveServer.StartAsync());

    public GoogleDriveMirrorOptions Options(Action<GoogleDriveMirrorOptions>? configure = null)
    {
        var options = new GoogleDriveMirrorOptions
        {
            Enabled = true,
            CredentialsPath = KeyPath,
            FolderId = FolderId,
            BaseUri = Server.BaseUri,
            ChunkSizeBytes = Chunk,
            InitialBackoff = TimeSpan.FromMilliseconds(10),
            MaxBackoff = TimeSpan.FromMilliseconds(100),
        };
        configure?.Invoke(options);
        return options;
    }

    public GoogleApisDriveClient CreateClient(Action<GoogleDriveMirrorOptions>? configure = null)
    {
        var options = Options(configure);
        return CreateClient(options, GoogleDriveCredentialLoader.Load(options));
    }

    public GoogleApisDriveClient CreateClient(GoogleDriveMirrorOptions options, GoogleCredential credential, ILogger<GoogleApisDriveClient>? logger = null)
    {
        var client = new GoogleApisDriveClient(options, credential, logger ?? NullLogger<GoogleApisDriveClient>.Instance, TimeProvider.System);
        _clients.Add(client);
        return client;
    }

    /// <summary>Writes a small MP4 with a random payload and returns its path and bytes.</summary>
    public (string Path, byte[] Bytes) WriteVideo(int size)
    {
        var bytes = MirrorTestContext.UniqueMp4(size);
        var path = Path.Combine(Directory, $"{Guid.NewGuid():N}.mp4");
        File.WriteAllBytes(path, bytes);
        return (path, bytes);
    }

    public static FileStream Open(string path) => new(path, FileMode.Open, FileAccess.Read, FileShare.Read, 64 * 1024, useAsync: true);

    public async ValueTask DisposeAsync()
    {
        foreach (var client in _clients)
        {
            client.Dispose();
        }

        await Server.DisposeAsync();
        _directory.Dispose();
    }
}
