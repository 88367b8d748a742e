using System.Security.Cryptography;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;
using VideoVault.Manifest;
using VideoVault.Storage;
using VideoVault.Tests;

namespace VideoVault.Core.Tests.Maintenance;

/// <summary>A real store root in a temp directory: files under <c>videos/</c> and a real SQLite manifest, on a fake clock.</summary>
internal sealed class MaintenanceTestContext : IAsyncDisposable
{
    public static readonly DateTimeOffset Now = new(2026, 6, 30, 12, 0, 0, TimeSpan.Zero);

    // TestVideos.Mp4 starts with a 24-byte ftyp box; payloadBytes follow it.
    private const int FtypLength = 24;

    private static int s_counter;

    private readonly TempDirectory _root = new();

    public MaintenanceTestContext()
    {
        Paths = new VideoVaultPaths(_root.Path);
        Paths.EnsureCreated();
        Manifest = new SqliteVideoManifest(Paths.ManifestPath, Time, NullLogger<SqliteVideoManifest>.Instance);
    }

    public VideoVaultPaths Paths { get; }

    public FakeTimeProvider Time { get; } = new(Now);

    public SqliteVideoManifest Manifest { get; }

    /// <summary>Writes a tiny real MP4 (an <c>ftyp</c> box and <paramref name="payloadBytes"/> more) and commits its record.</summary>
    public async Task<VideoRecord> AddVideoAsync(TimeSpan age, MirrorState mirror = MirrorState.Disabled, int payloadBytes = 3000)
    {
        var n = Interlocked.Increment(ref s_counter);
        var createdAt = Now - age;
        var content = TestVideos.Mp4(FtypLength + payloadBytes, seed: n);
        var storedName = $"{createdAt:yyyyMMdd_HHmmss}_General_clip{n}.mp4";
        var relative = $"videos/{createdAt:yyyy}/{createdAt:MM}/{storedName}";
        var path = Paths.ResolveVideo(relative);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        await File.WriteAllBytesAsync(path, content);
        var record = new VideoRecord
        {
            Id = Guid.CreateVersion7(createdAt).ToString("N"),
            StoredName = storedName,
            RelativePath = relative,
            OriginalFileName = $"clip{n}.mp4",
            Category = "General",
            MimeType = "video/mp4",
            Container = VideoContainer.Mp4,
            SizeBytes = content.Length,
            Sha256 = Convert.ToHexStringLower(SHA256.HashData(content)),
            CreatedAt = createdAt,
            Mirror = mirror == MirrorState.Mirrored
                ? new MirrorStatus { State = MirrorState.Mirrored, RemoteFileId = "drive-" + n, MirroredAt = createdAt }
                : new MirrorStatus { State = mirror },
        };
        (await Manifest.AddAsync(record, VideoEventKind.Stored, "test", CancellationToken.None)).Should().BeTrue();
        return record;
    }

    public string FileOf(VideoRecord video) => Paths.ResolveVideo(video.RelativePath);

    public async Task<IReadOnlyList<VideoEvent>> EventsOfAsync(VideoRecord video) =>
        await Manifest.GetEventsAsync(new VideoEventQuery { VideoId = video.Id });

    public async ValueTask DisposeAsync()
    {
        await Manifest.DisposeAsync();
        _root.Dispose();
    }
}
