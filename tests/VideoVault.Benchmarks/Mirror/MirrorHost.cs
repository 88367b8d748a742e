using System.Text.Json;
using Microsoft.Extensions.Logging.Abstractions;
using VideoVault.FakeDrive;
using VideoVault.Manifest;
using VideoVault.Storage;

namespace VideoVault.Benchmarks.Mirror;

/// <summary>
/// The Release sample host over a fresh root with its Drive mirror pointed at the fake (a throwaway service-account
/// key whose <c>token_uri</c> is the fake's, as the README's "Testing against a fake Drive" does), a client for its
/// endpoints, and its manifest opened through the store's own code from this process (WAL: the host keeps writing,
/// as it does while the admin tool works on the same file).
/// </summary>
internal sealed class MirrorHost : IAsyncDisposable
{
    /// <summary>How soon the mirror notices videos it has not seen (the default is 30 s); not part of any figure.</summary>
    private const string QueuePollInterval = "00:00:00.250";

    private static readonly TimeSpan Poll = TimeSpan.FromMilliseconds(20);
    private static readonly TimeSpan MirrorTimeout = TimeSpan.FromMinutes(15);

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

    /// <summary>
    /// Copies <paramref name="payload"/> into the store <paramref name="count"/> times and records the copies in one
    /// transaction through the store's own insert, as videos the mirror has not seen (<c>disabled</c>, as the admin
    /// tool's reconcile adopts files): the mirror queues them all at its next poll. With <paramref name="fromDisk"/>
    /// each copy leaves the page cache first, as a video the store wrote with <c>O_DIRECT</c> is not in it.
    /// </summary>
    public async Task<IReadOnlyList<VideoRecord>> PlaceUnseenAsync(string payload, string sha256, int count, string label, bool fromDisk, CancellationToken cancellationToken)
    {
        var now = DateTimeOffset.UtcNow;
        var size = new FileInfo(payload).Length;
        var videos = new List<VideoRecord>(count);
        for (var i = 0; i < count; i++)
        {
            var storedName = VideoFileNamer.Compose(now, "Benchmark", $"{label}-{i}", "mp4");
            var relativePath = VideoFileNamer.ShardFolder(now) + "/" + storedName;
            var file = Path.Combine(Root, relativePath);
            Directory.CreateDirectory(Path.GetDirectoryName(file)!);
            File.Copy(payload, file);
            if (fromDisk)
            {
                PageCache.Evict(file);
            }

            videos.Add(new VideoRecord
            {
                Id = Guid.CreateVersion7(now).ToString("N"),
                StoredName = storedName,
                RelativePath = relativePath,
                OriginalFileName = $"{label}-{i}.mp4",
                Category = "Benchmark",
                MimeType = "video/mp4",
                Container = VideoContainer.Mp4,
                SizeBytes = size,
                Sha256 = sha256,
                CreatedAt = now,
                Mirror = MirrorStatus.Disabled,
            });
        }

        await Manifest.AddManyAsync(videos, count, cancellationToken).ConfigureAwait(false);
        return videos;
    }

    /// <summary>Waits until every video is mirrored; returns, from the audit trail, when each was queued, claimed and verified.</summary>
    public async Task<IReadOnlyList<MirrorTimes>> WaitUntilMirroredAsync(IReadOnlyList<VideoRecord> videos, CancellationToken cancellationToken)
    {
        var times = new List<MirrorTimes>(videos.Count);
        foreach (var video in videos)
        {
            for (var deadline = DateTime.UtcNow + MirrorTimeout; ; await Task.Delay(Poll, cancellationToken).ConfigureAwait(false))
            {
                var events = await Manifest.GetEventsAsync(new VideoEventQuery { VideoId = video.Id }, cancellationToken).ConfigureAwait(false);
                if (events.Any(e => e.Kind == VideoEventKind.MirrorFailed))
                {
                    throw new BenchmarkException($"the mirror failed video {video.Id}: {events.Last(e => e.Kind == VideoEventKind.MirrorFailed).Detail}");
                }

                if (events.Any(e => e.Kind == VideoEventKind.Mirrored))
                {
                    times.Add(new MirrorTimes(At(events, VideoEventKind.MirrorRequeued), At(events, VideoEventKind.MirrorAttempt), At(events, VideoEventKind.Mirrored)));
                    break;
                }

                if (DateTime.UtcNow > deadline)
                {
                    throw new BenchmarkException($"video {video.Id} was not mirrored within {MirrorTimeout.TotalMinutes:0} minutes");
                }
            }
        }

        return times;
    }

    /// <summary>Waits until a video uploaded through the endpoint is mirrored; returns when it was stored, claimed and verified.</summary>
    public async Task<MirrorTimes> WaitUntilUploadMirroredAsync(string videoId, CancellationToken cancellationToken)
    {
        for (var deadline = DateTime.UtcNow + MirrorTimeout; DateTime.UtcNow < deadline; await Task.Delay(Poll, cancellationToken).ConfigureAwait(false))
        {
            using var info = JsonDocument.Parse(await Http.GetStringAsync(new Uri($"api/video-info/{videoId}", UriKind.Relative), cancellationToken).ConfigureAwait(false));
            switch (info.RootElement.GetProperty("drive_status").GetString())
            {
                case "mirrored":
                    var events = await Manifest.GetEventsAsync(new VideoEventQuery { VideoId = videoId }, cancellationToken).ConfigureAwait(false);
                    return new MirrorTimes(At(events, VideoEventKind.Stored), At(events, VideoEventKind.MirrorAttempt), At(events, VideoEventKind.Mirrored));
                case "failed":
                    throw new BenchmarkException($"the mirror failed video {videoId}: {info.RootElement.GetProperty("mirror_last_error")}");
            }
        }

        throw new BenchmarkException($"video {videoId} was not mirrored within {MirrorTimeout.TotalMinutes:0} minutes");
    }

    /// <summary>Deletes the videos' files (their records stay): a long run must not fill the disk.</summary>
    public void DeleteFiles(IEnumerable<VideoRecord> videos)
    {
        foreach (var video in videos)
        {
            File.Delete(Path.Combine(Root, video.RelativePath));
        }
    }

    public async ValueTask DisposeAsync()
    {
        Http.Dispose();
        await Manifest.DisposeAsync().ConfigureAwait(false);
        await Host.DisposeAsync().ConfigureAwait(false);
    }

    private static DateTimeOffset At(IReadOnlyList<VideoEvent> events, VideoEventKind kind) =>
        events.LastOrDefault(e => e.Kind == kind)?.At ?? throw new BenchmarkException($"the audit trail has no {kind} event for video {events.FirstOrDefault()?.VideoId}");
}
