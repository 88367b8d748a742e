using System.Diagnostics;
using System.Globalization;
using System.Net.Http.Headers;
using Microsoft.Extensions.DependencyInjection;
using VideoVault.Benchmarks.Reporting;
using VideoVault.FakeDrive;
using VideoVault.Storage;

namespace VideoVault.Benchmarks.Restore;

/// <summary>
/// Restore from Drive against a plain download of the same bytes, both from the fake Drive on loopback run in this
/// process, both into files on the same disk (the work directory), alternating, after one untimed round:
/// <list type="bullet">
/// <item>the library's <see cref="IVideoMaintenance.RestoreAsync"/>, built through DI as a host builds it, of one
/// video recorded as missing with a verified Drive copy: the metadata check, the download into <c>.incoming/</c>
/// (hashed, <c>O_DIRECT</c>, fsync'd), the SHA-256 check, the no-replace rename, the directory fsync and the manifest
/// commit;</item>
/// <item>a plain <see cref="HttpClient"/> GET of <c>alt=media</c> streamed into a file (no hashing, no fsync): the
/// target's peer; and the same GET ending with an fsync, for what durability alone costs.</item>
/// </list>
/// </summary>
internal static class RestoreBenchmark
{
    private const string Suite = "restore";
    private const double SpeedTarget = 0.7;
    private const double MiB = 1024 * 1024;
    private const string FolderId = "videovault-benchmark-folder";

    public static async Task<IReadOnlyList<BenchmarkFigure>> RunAsync(BenchmarkSettings settings, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(settings);
        var work = Directory.CreateDirectory(Path.Combine(settings.WorkDirectory, Suite)).FullName;
        try
        {
            var size = settings.RestoreBytes;
            Console.WriteLine($"restore: one {size / MiB:0} MiB video x {settings.Runs} runs against a plain GET; {Environment.ProcessorCount} cores, load average {File.ReadAllText("/proc/loadavg").Trim()}");
            await using var drive = await FakeDriveServer.StartAsync(cancellationToken).ConfigureAwait(false);
            var payload = Payload.Create(work, size);
            var sha256 = Payload.Sha256(payload);
            var file = drive.AddFile("restore.mp4", await File.ReadAllBytesAsync(payload, cancellationToken).ConfigureAwait(false), FolderId);
            File.Delete(payload);

            var root = Directory.CreateDirectory(Path.Combine(work, "vault")).FullName;
            await using var services = BuildLibrary(root, drive, work);
            var manifest = services.GetRequiredService<IVideoManifest>();
            var maintenance = services.GetRequiredService<IVideoMaintenance>();
            var video = await RecordLostVideoAsync(manifest, file.Id, size, sha256, cancellationToken).ConfigureAwait(false);
            var restoredPath = Path.Combine(root, video.RelativePath);

            using var http = new HttpClient { Timeout = TimeSpan.FromMinutes(10) };
            http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", drive.IssueAccessToken());
            var media = new Uri(drive.BaseUri, $"drive/v3/files/{file.Id}?alt=media&supportsAllDrives=true");
            var target = Path.Combine(work, "plain-get.mp4");

            var restores = new List<double>();
            var gets = new List<double>();
            var durableGets = new List<double>();
            for (var run = 0; run <= settings.Runs; run++)
            {
                var get = await PlainGetAsync(http, media, target, size, fsync: false, cancellationToken).ConfigureAwait(false);
                File.Delete(target);
                var durableGet = await PlainGetAsync(http, media, target, size, fsync: true, cancellationToken).ConfigureAwait(false);
                File.Delete(target);

                var stopwatch = Stopwatch.StartNew();
                var result = await maintenance.RestoreAsync(video.Id, progress: null, cancellationToken).ConfigureAwait(false);
                var restore = stopwatch.Elapsed;
                if (result.Outcome != RestoreOutcome.Restored)
                {
                    throw new BenchmarkException($"the restore did not restore the video ({result.Outcome}): {result.Done}");
                }

                if (new FileInfo(restoredPath).Length != size)
                {
                    throw new BenchmarkException($"the restored file {restoredPath} is not {size} bytes");
                }

                // Lost again for the next run: the file goes and the record says missing, as verify would flag it.
                File.Delete(restoredPath);
                await manifest.SetLocalStateAsync(video.Id, LocalCopyState.Missing, VideoEventKind.FileMissing, "benchmark: lost again", cancellationToken).ConfigureAwait(false);

                Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                    $"  {(run == 0 ? "warm-up" : $"run {run}")}: restore {Speed(size, restore)}, plain GET {Speed(size, get)}, plain GET + fsync {Speed(size, durableGet)}"));
                if (run > 0)
                {
                    restores.Add(restore.TotalSeconds);
                    gets.Add(get.TotalSeconds);
                    durableGets.Add(durableGet.TotalSeconds);
                }
            }

            var restoreSpeed = size / MiB / IngestTarget.Middle(restores);
            var getSpeed = size / MiB / IngestTarget.Middle(gets);
            var durableSpeed = size / MiB / IngestTarget.Middle(durableGets);
            var ratio = restoreSpeed / getSpeed;
            return
            [
                new BenchmarkFigure(
                    Suite,
                    $"restore one {size / MiB:0} MiB video from the fake Drive (checked, published, committed) / a plain GET of the same bytes into a file (medians of {settings.Runs})",
                    string.Create(CultureInfo.InvariantCulture, $"{ratio:0.00}x ({restoreSpeed:0} MiB/s)"),
                    string.Create(CultureInfo.InvariantCulture, $">= {SpeedTarget:0.0}x"),
                    string.Create(CultureInfo.InvariantCulture, $"plain GET: {getSpeed:0} MiB/s; plain GET + fsync: {durableSpeed:0} MiB/s"),
                    ratio >= SpeedTarget),
            ];
        }
        finally
        {
            try
            {
                Directory.Delete(work, recursive: true);
            }
            catch (IOException)
            {
            }
        }
    }

    /// <summary>The library over <paramref name="root"/> with its Drive mirror pointed at the fake, as the admin tool opens it (no hosted services).</summary>
    private static ServiceProvider BuildLibrary(string root, FakeDriveServer drive, string work)
    {
        var services = new ServiceCollection();
        services.AddLogging();
        services.AddVideoVault(o =>
        {
            o.RootPath = root;
            o.MinFreeSpaceBytes = 0;
            o.MaxFileSizeBytes = long.MaxValue / 2;
        }).AddGoogleDriveMirror(o =>
        {
            o.Enabled = true;
            o.CredentialsPath = drive.CreateServiceAccountKeyFile(work);
            o.FolderId = FolderId;
            o.BaseUri = drive.BaseUri;
        });
        return services.BuildServiceProvider();
    }

    /// <summary>Records the video as stored, mirrored to the fake's file and then lost locally (flagged missing).</summary>
    private static async Task<VideoRecord> RecordLostVideoAsync(IVideoManifest manifest, string fileId, long size, string sha256, CancellationToken cancellationToken)
    {
        var now = DateTimeOffset.UtcNow;
        var storedName = VideoFileNamer.Compose(now, "Benchmark", "restore", "mp4");
        var video = new VideoRecord
        {
            Id = Guid.CreateVersion7(now).ToString("N"),
            StoredName = storedName,
            RelativePath = VideoFileNamer.ShardFolder(now) + "/" + storedName,
            OriginalFileName = "restore.mp4",
            Category = "Benchmark",
            MimeType = "video/mp4",
            Container = VideoContainer.Mp4,
            SizeBytes = size,
            Sha256 = sha256,
            CreatedAt = now,
            LocalState = LocalCopyState.Missing,
            Mirror = new MirrorStatus { State = MirrorState.Mirrored, RemoteFileId = fileId, MirroredAt = now },
        };
        if (!await manifest.AddAsync(video, VideoEventKind.Stored, "benchmark", cancellationToken).ConfigureAwait(false))
        {
            throw new BenchmarkException("the benchmark's video could not be recorded");
        }

        return video;
    }

    /// <summary>GETs the file's bytes and streams them into <paramref name="path"/>; with <paramref name="fsync"/> the file is fsync'd before the clock stops.</summary>
    private static async Task<TimeSpan> PlainGetAsync(HttpClient http, Uri media, string path, long size, bool fsync, CancellationToken cancellationToken)
    {
        var stopwatch = Stopwatch.StartNew();
        using var response = await http.GetAsync(media, HttpCompletionOption.ResponseHeadersRead, cancellationToken).ConfigureAwait(false);
        response.EnsureSuccessStatusCode();
        var output = new FileStream(path, FileMode.CreateNew, FileAccess.Write, FileShare.None, 1 << 20, FileOptions.Asynchronous);
        await using (output.ConfigureAwait(false))
        {
            var body = await response.Content.ReadAsStreamAsync(cancellationToken).ConfigureAwait(false);
            await using (body.ConfigureAwait(false))
            {
                await body.CopyToAsync(output, 1 << 20, cancellationToken).ConfigureAwait(false);
            }

            if (output.Length != size)
            {
                throw new BenchmarkException($"the plain GET wrote {output.Length} bytes instead of {size}");
            }

            if (fsync)
            {
                output.Flush(flushToDisk: true);
            }
        }

        return stopwatch.Elapsed;
    }

    private static string Speed(long size, TimeSpan time) =>
        string.Create(CultureInfo.InvariantCulture, $"{size / MiB / time.TotalSeconds:0} MiB/s ({time.TotalSeconds:0.000} s)");
}
