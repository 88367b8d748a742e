using System.Security.Cryptography;
using Google.Apis.Auth.OAuth2;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using VideoVault.FakeDrive;
using VideoVault.Mirroring.GoogleDrive;

namespace VideoVault.Core.Tests.Mirroring.GoogleDrive;

/// <summary>A fake Drive on loopback, a temp dir with a throwaway service-account key for it, and clients wired to both.</summary>
internal sealed class DriveTestEnvironment : IAsyncDisposable
{
    public const int Chunk = 256 * 1024;
    public const string FolderId = "0AFolderInASharedDrive";

    private readonly List<GoogleApisDriveClient> _clients = [];

    private DriveTestEnvironment(FakeDriveServer server, string directory)
    {
        Server = server;
        Directory = directory;
        KeyPath = server.CreateServiceAccountKeyFile(directory);
    }

    public FakeDriveServer Server { get; }

    public string Directory { get; }

    public string KeyPath { get; }

    public static async Task<DriveTestEnvironment> StartAsync()
    {
        var directory = Path.Combine(Path.GetTempPath(), "videovault-drive-" + Guid.NewGuid().ToString("N"));
        System.IO.Directory.CreateDirectory(directory);
        return new DriveTestEnvironment(await FakeDriveServer.StartAsync(), directory);
    }

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

    /// <summary>Writes a small MP4 (a real ftyp box, then random bytes) and returns its path and bytes.</summary>
    public (string Path, byte[] Bytes) WriteVideo(int size)
    {
        var bytes = RandomNumberGenerator.GetBytes(size);
        byte[] ftyp = [0x00, 0x00, 0x00, 0x18, (byte)'f', (byte)'t', (byte)'y', (byte)'p', (byte)'i', (byte)'s', (byte)'o', (byte)'m',
            0x00, 0x00, 0x02, 0x00, (byte)'i', (byte)'s', (byte)'o', (byte)'m', (byte)'m', (byte)'p', (byte)'4', (byte)'1'];
        ftyp.CopyTo(bytes, 0);
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
        System.IO.Directory.Delete(Directory, recursive: true);
    }
}
