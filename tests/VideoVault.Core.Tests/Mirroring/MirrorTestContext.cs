using System.Security.Cryptography;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using VideoVault.FakeDrive;
using VideoVault.Mirroring.GoogleDrive;

namespace VideoVault.Tests.Mirroring;

/// <summary>
/// One store root, one fake Drive on loopback and a throwaway service-account key whose token_uri points at the fake:
/// hosts built from it are real <see cref="IHost"/>s with the real store, manifest, credential flow, client and worker.
/// Start another host over the same root to simulate a restart.
/// </summary>
internal sealed class MirrorTestContext : IAsyncDisposable
{
    public const string FolderId = "folder-videovault-tests";
    public const int Chunk = 256 * 1024;

    private readonly TempDirectory _root = new();
    private readonly TempDirectory _secrets;
    private readonly List<IHost> _hosts = [];

    private MirrorTestContext(FakeDriveServer drive, TempDirectory secrets)
    {
        Drive = drive;
        _secrets = secrets;
        KeyPath = drive.CreateServiceAccountKeyFile(secrets.Path);
    }

    public FakeDriveServer Drive { get; }

    public string KeyPath { get; }

    public string RootPath => Path.Combine(_root.Path, "vault");

    public static async Task<MirrorTestContext> StartAsync()
    {
        var drive = await FakeDriveServer.StartAsync();
        return new MirrorTestContext(drive, new TempDirectory());
    }

    /// <summary>Builds and starts a host with the mirror enabled (unless <paramref name="mirror"/> is false).</summary>
    public async Task<IHost> StartHostAsync(
        Action<GoogleDriveMirrorOptions>? drive = null,
        Action<IVideoVaultBuilder>? vault = null,
        bool mirror = true)
    {
        var host = Build(drive, vault, mirror);
        _hosts.Add(host);
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        await host.StartAsync(timeout.Token);
        return host;
    }

    public IHost Build(Action<GoogleDriveMirrorOptions>? drive = null, Action<IVideoVaultBuilder>? vault = null, bool mirror = true)
    {
        var builder = Host.CreateEmptyApplicationBuilder(new HostApplicationBuilderSettings());
        builder.Services.AddLogging(logging => logging.SetMinimumLevel(LogLevel.Warning));
        var videoVault = builder.Services.AddVideoVault(o =>
        {
            o.RootPath = RootPath;
            o.MinFreeSpaceBytes = 0;
        });
        videoVault.AddGoogleDriveMirror(o =>
        {
            o.Enabled = mirror;
            o.CredentialsPath = KeyPath;
            o.FolderId = FolderId;
            o.BaseUri = Drive.BaseUri;
            o.ChunkSizeBytes = Chunk;
            o.MaxParallelUploads = 2;
            o.InitialBackoff = TimeSpan.FromMilliseconds(10);
            o.MaxBackoff = TimeSpan.FromMilliseconds(100);
            o.RequestTimeout = TimeSpan.FromSeconds(20);
            drive?.Invoke(o);
        });
        vault?.Invoke(videoVault);
        return builder.Build();
    }

    /// <summary>Stops and disposes a host (as a process stop would), leaving the root for the next one.</summary>
    public async Task StopAsync(IHost host)
    {
        _hosts.Remove(host);
        try
        {
            using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(15));
            await host.StopAsync(timeout.Token);
        }
        finally
        {
            host.Dispose();
        }
    }

    public static async Task<VideoRecord> SaveAsync(IHost host, byte[] content, string name = "clip.mp4")
    {
        var result = await host.Services.GetRequiredService<IVideoStore>().SaveAsync(new VideoUpload(new MemoryStream(content), name));
        result.IsStored.Should().BeTrue(result.Reason);
        return result.Video!;
    }

    /// <summary>Polls the manifest until the video reaches <paramref name="state"/>; fails with the last record after the timeout.</summary>
    public static async Task<VideoRecord> WaitForStateAsync(IHost host, string id, MirrorState state, int timeoutSeconds = 30)
    {
        var store = host.Services.GetRequiredService<IVideoStore>();
        var record = await Poll.UntilAsync(
            () => store.FindAsync(id),
            found => found?.Mirror.State == state,
            TimeSpan.FromSeconds(timeoutSeconds),
            last => $"Video {id} did not reach {state} within {timeoutSeconds} s; it is {last?.Mirror.State} (attempts {last?.Mirror.Attempts}, last error: {last?.Mirror.LastError}).");
        return record!;
    }

    /// <summary>An MP4 whose payload is random, so every video's bytes (and checksums) differ.</summary>
    public static byte[] UniqueMp4(int length, Random? random = null)
    {
        var bytes = TestVideos.Mp4(length);
        (random ?? Random.Shared).NextBytes(bytes.AsSpan(64));
        return bytes;
    }

    /// <summary>The untrashed Drive files of a video.</summary>
    public IReadOnlyList<FakeDriveFile> FilesOf(string videoId) =>
        [.. Drive.Files.Where(f => !f.Trashed && f.AppProperties.TryGetValue("videoVaultId", out var v) && v == videoId)];

    /// <summary>Asserts exactly one Drive file holds the video, with the local bytes, in the folder, tagged with its id.</summary>
    public FakeDriveFile ShouldHaveExactlyOneVerifiedCopy(VideoRecord mirrored, byte[] content)
    {
        var files = FilesOf(mirrored.Id);
        files.Should().ContainSingle($"video {mirrored.Id} must be on Drive exactly once");
        var file = files[0];
        file.Content.ToArray().Should().Equal(content);
        file.Sha256Checksum.Should().Be(Convert.ToHexStringLower(SHA256.HashData(content)));
        file.Parents.Should().Equal(FolderId);
        mirrored.Mirror.State.Should().Be(MirrorState.Mirrored);
        mirrored.Mirror.RemoteFileId.Should().Be(file.Id);
        mirrored.Mirror.RemoteLink.Should().NotBeNullOrEmpty();
        return file;
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var host in _hosts.ToArray())
        {
            await StopAsync(host);
        }

        await Drive.DisposeAsync();
        _secrets.Dispose();
        _root.Dispose();
    }
}
