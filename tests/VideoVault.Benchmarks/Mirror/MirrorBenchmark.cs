using System.Globalization;
using System.Text.Json;
using Microsoft.Extensions.Logging.Abstractions;
using VideoVault.Benchmarks.Reporting;
using VideoVault.FakeDrive;
using VideoVault.Storage;

namespace VideoVault.Benchmarks.Mirror;

/// <summary>
/// The Drive mirror against the fake Drive on loopback, run in this process. First one video: the Release sample
/// host, pointed at the fake, mirrors each upload (timed from the manifest's <c>Stored</c> event to its
/// <c>Mirrored</c> event: the host's own clock, no polling in the figure), alternating with the same bytes sent by a
/// plain HTTP client to the same fake in one PUT and in 8 MiB PUTs, each read from the disk. Then how the mirror
/// copes with a queue: for each length, that many videos are stored by a host without the mirror, and a host with the
/// mirror is started on the same root, which queues them all in one transaction at start (<c>MirrorRequeued</c>
/// events); the figure runs from that commit to the last <c>Mirrored</c> event.
/// </summary>
internal static class MirrorBenchmark
{
    private const string Suite = "mirror";
    private const double SpeedTarget = 0.7;
    private const double MiB = 1024 * 1024;
    private const long DriveChunkBytes = 8L * 1024 * 1024;
    private const string FolderId = "videovault-benchmark-folder";

    private static readonly TimeSpan Poll = TimeSpan.FromMilliseconds(20);
    private static readonly TimeSpan MirrorTimeout = TimeSpan.FromMinutes(15);

    public static async Task<IReadOnlyList<BenchmarkFigure>> RunAsync(BenchmarkSettings settings, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(settings);
        var work = Directory.CreateDirectory(Path.Combine(settings.WorkDirectory, Suite)).FullName;
        try
        {
            Console.WriteLine($"mirror: one {settings.MirrorBytes / MiB:0} MiB video x {settings.Runs} runs against a plain PUT; queues of {string.Join(", ", settings.MirrorQueueLengths)} x {settings.MirrorQueueBytes / MiB:0} MiB; {Environment.ProcessorCount} cores, load average {File.ReadAllText("/proc/loadavg").Trim()}");
            await using var drive = await FakeDriveServer.StartAsync(cancellationToken).ConfigureAwait(false);
            using var plain = new PlainDrivePut(drive, FolderId);
            var mirror = await MirrorHost.StartAsync(settings, work, drive, FolderId, Math.Max(settings.MirrorBytes, settings.MirrorQueueBytes), cancellationToken).ConfigureAwait(false);
            await using (mirror.ConfigureAwait(false))
            {
                var figures = new List<BenchmarkFigure>
                {
                    await MirrorAgainstPutAsync(settings, mirror, plain, cancellationToken).ConfigureAwait(false),
                };

                TimeSpan? perVideoOfOne = null;
                foreach (var length in settings.MirrorQueueLengths)
                {
                    var (total, perVideo, attempt) = await MirrorQueueAsync(settings, mirror, length, plain, cancellationToken).ConfigureAwait(false);
                    perVideoOfOne ??= length == 1 ? perVideo : null;
                    Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                        $"  {length} queued: all mirrored {total.TotalSeconds:0.00} s after they were queued, {perVideo.TotalMilliseconds:0} ms per video; one attempt (claimed to verified) took {attempt.TotalMilliseconds:0} ms (median)"));
                    figures.Add(new BenchmarkFigure(
                        Suite,
                        $"{length} queued {settings.MirrorQueueBytes / MiB:0} MiB videos: queued to all mirrored",
                        string.Create(CultureInfo.InvariantCulture, $"{total.TotalSeconds:0.00} s in all, {perVideo.TotalMilliseconds:0} ms per video (one attempt: {attempt.TotalMilliseconds:0} ms median)"),
                        "-",
                        perVideoOfOne is { } one && length != 1
                            ? string.Create(CultureInfo.InvariantCulture, $"1 queued: {one.TotalMilliseconds:0} ms per video")
                            : null,
                        null));
                }

                return figures;
            }
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

    /// <summary>One video at a time, mirrored by the host and sent plainly, alternating, after one untimed round.</summary>
    private static async Task<BenchmarkFigure> MirrorAgainstPutAsync(
        BenchmarkSettings settings, MirrorHost mirror, PlainDrivePut plain, CancellationToken cancellationToken)
    {
        var size = settings.MirrorBytes;
        var payload = Payload.Create(mirror.Work, size);
        var sha256 = Payload.Sha256(payload);
        var mirrored = new List<double>();
        var onePut = new List<double>();
        var chunkedPuts = new List<double>();
        for (var run = 0; run <= settings.Runs; run++)
        {
            PageCache.Evict(payload);
            var put = await plain.PutAsync(payload, null, cancellationToken).ConfigureAwait(false);
            await plain.ClearDriveAsync(cancellationToken).ConfigureAwait(false);
            PageCache.Evict(payload);
            var chunked = await plain.PutAsync(payload, DriveChunkBytes, cancellationToken).ConfigureAwait(false);
            await plain.ClearDriveAsync(cancellationToken).ConfigureAwait(false);

            var (video, _) = await StoredVideo.UploadAsync(new Uri(mirror.Host.BaseUri, "api/upload-video"), payload, Path.Combine(mirror.Work, "answer.json")).ConfigureAwait(false);
            var driveFileId = await WaitUntilMirroredAsync(mirror.Http, video.Id, cancellationToken).ConfigureAwait(false);
            if (mirror.Drive.FindFile(driveFileId) is not { } copy || copy.Sha256Checksum != sha256)
            {
                throw new BenchmarkException($"the fake Drive's file {driveFileId} is not the video's bytes");
            }

            var events = await mirror.Manifest.GetEventsAsync(new VideoEventQuery { VideoId = video.Id }, cancellationToken).ConfigureAwait(false);
            var time = At(events, VideoEventKind.Mirrored) - At(events, VideoEventKind.Stored);
            await plain.ClearDriveAsync(cancellationToken).ConfigureAwait(false);
            File.Delete(Path.Combine(mirror.Root, video.LocalBackup));
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"  {(run == 0 ? "warm-up" : $"run {run}")}: mirror {size / MiB / time.TotalSeconds,5:0} MiB/s ({time.TotalSeconds:0.000} s stored to verified); plain PUT {size / MiB / put.TotalSeconds,5:0} MiB/s ({put.TotalSeconds:0.000} s); 8 MiB PUTs {size / MiB / chunked.TotalSeconds,5:0} MiB/s ({chunked.TotalSeconds:0.000} s)"));
            if (run > 0)
            {
                mirrored.Add(time.TotalSeconds);
                onePut.Add(put.TotalSeconds);
                chunkedPuts.Add(chunked.TotalSeconds);
            }
        }

        File.Delete(payload);
        var mirrorSpeed = size / MiB / IngestTarget.Middle(mirrored);
        var putSpeed = size / MiB / IngestTarget.Middle(onePut);
        var chunkedSpeed = size / MiB / IngestTarget.Middle(chunkedPuts);
        var ratio = mirrorSpeed / putSpeed;
        return new BenchmarkFigure(
            Suite,
            $"mirror one {size / MiB:0} MiB video (stored to verified on Drive) / a plain PUT of the same bytes (medians of {settings.Runs})",
            string.Create(CultureInfo.InvariantCulture, $"{ratio:0.00}x ({mirrorSpeed:0} MiB/s)"),
            string.Create(CultureInfo.InvariantCulture, $">= {SpeedTarget:0.0}x"),
            string.Create(CultureInfo.InvariantCulture, $"plain PUT, one request: {putSpeed:0} MiB/s; in 8 MiB PUTs: {chunkedSpeed:0} MiB/s"),
            ratio >= SpeedTarget);
    }

    /// <summary>
    /// Puts <paramref name="length"/> videos in the running host's manifest at once, as records its mirror has not
    /// seen (<c>disabled</c>, as the admin tool's reconcile adopts files) with their files in place, in one
    /// transaction through the store's own insert; the mirror queues them all at its next poll, in one transaction
    /// (<c>MirrorRequeued</c> events). Returns the time from that commit to the last verified copy, that per video,
    /// and the median time of one attempt (claimed to verified).
    /// </summary>
    private static async Task<(TimeSpan Total, TimeSpan PerVideo, TimeSpan Attempt)> MirrorQueueAsync(
        BenchmarkSettings settings, MirrorHost mirror, int length, PlainDrivePut plain, CancellationToken cancellationToken)
    {
        var size = settings.MirrorQueueBytes;
        var payload = Payload.Create(mirror.Work, size);
        var sha256 = Payload.Sha256(payload);
        var now = DateTimeOffset.UtcNow;
        var videos = new List<VideoRecord>();
        for (var i = 0; i < length; i++)
        {
            var storedName = VideoFileNamer.Compose(now, "Benchmark", $"queued-{length}-{i}", "mp4");
            var relativePath = VideoFileNamer.ShardFolder(now) + "/" + storedName;
            var file = Path.Combine(mirror.Root, relativePath);
            Directory.CreateDirectory(Path.GetDirectoryName(file)!);
            File.Copy(payload, file);

            // The store wrote its videos with O_DIRECT, so the mirror reads them from the disk: so must these.
            PageCache.Evict(file);
            videos.Add(new VideoRecord
            {
                Id = Guid.CreateVersion7(now).ToString("N"),
                StoredName = storedName,
                RelativePath = relativePath,
                OriginalFileName = $"queued-{length}-{i}.mp4",
                Category = "Benchmark",
                MimeType = "video/mp4",
                Container = VideoContainer.Mp4,
                SizeBytes = size,
                Sha256 = sha256,
                CreatedAt = now,
                Mirror = MirrorStatus.Disabled,
            });
        }

        var mirroredBefore = await CountMirroredAsync(mirror.Http, cancellationToken).ConfigureAwait(false);
        await mirror.Manifest.AddManyAsync(videos, length, cancellationToken).ConfigureAwait(false);
        await WaitUntilMirroredCountAsync(mirror.Http, mirroredBefore + length, cancellationToken).ConfigureAwait(false);

        var queued = DateTimeOffset.MaxValue;
        var done = DateTimeOffset.MinValue;
        var attempts = new List<double>();
        foreach (var video in videos)
        {
            var events = await mirror.Manifest.GetEventsAsync(new VideoEventQuery { VideoId = video.Id }, cancellationToken).ConfigureAwait(false);
            var requeued = At(events, VideoEventKind.MirrorRequeued);
            var mirroredAt = At(events, VideoEventKind.Mirrored);
            queued = requeued < queued ? requeued : queued;
            done = mirroredAt > done ? mirroredAt : done;
            attempts.Add((mirroredAt - At(events, VideoEventKind.MirrorAttempt)).TotalMilliseconds);
            File.Delete(Path.Combine(mirror.Root, video.RelativePath));
        }

        await plain.ClearDriveAsync(cancellationToken).ConfigureAwait(false);
        var total = done - queued;
        return (total, total / length, TimeSpan.FromMilliseconds(IngestTarget.Middle(attempts)));
    }

    /// <summary>Asks <c>video-info</c> until the video is mirrored; returns its Drive file id.</summary>
    private static async Task<string> WaitUntilMirroredAsync(HttpClient http, string videoId, CancellationToken cancellationToken)
    {
        for (var deadline = DateTime.UtcNow + MirrorTimeout; DateTime.UtcNow < deadline; await Task.Delay(Poll, cancellationToken).ConfigureAwait(false))
        {
            using var info = JsonDocument.Parse(await http.GetStringAsync(new Uri($"api/video-info/{videoId}", UriKind.Relative), cancellationToken).ConfigureAwait(false));
            var body = info.RootElement;
            switch (body.GetProperty("drive_status").GetString())
            {
                case "mirrored":
                    return body.GetProperty("drive_file_id").GetString()!;
                case "failed":
                    throw new BenchmarkException($"the mirror failed video {videoId}: {body.GetProperty("mirror_last_error")}");
            }
        }

        throw new BenchmarkException($"video {videoId} was not mirrored within {MirrorTimeout.TotalMinutes:0} minutes");
    }

    private static async Task<long> CountMirroredAsync(HttpClient http, CancellationToken cancellationToken)
    {
        using var stats = JsonDocument.Parse(await http.GetStringAsync(new Uri("api/videos/storage-stats", UriKind.Relative), cancellationToken).ConfigureAwait(false));
        var states = stats.RootElement.GetProperty("by_drive_status");
        return states.GetProperty("failed").GetInt64() > 0
            ? throw new BenchmarkException("the mirror failed a video; see the host's log")
            : states.GetProperty("mirrored").GetInt64();
    }

    /// <summary>Asks <c>storage-stats</c> until <paramref name="count"/> videos are mirrored.</summary>
    private static async Task WaitUntilMirroredCountAsync(HttpClient http, long count, CancellationToken cancellationToken)
    {
        for (var deadline = DateTime.UtcNow + MirrorTimeout; DateTime.UtcNow < deadline; await Task.Delay(Poll, cancellationToken).ConfigureAwait(false))
        {
            if (await CountMirroredAsync(http, cancellationToken).ConfigureAwait(false) >= count)
            {
                return;
            }
        }

        throw new BenchmarkException($"{count} videos were not all mirrored within {MirrorTimeout.TotalMinutes:0} minutes");
    }

    private static DateTimeOffset At(IReadOnlyList<VideoEvent> events, VideoEventKind kind) =>
        events.LastOrDefault(e => e.Kind == kind)?.At ?? throw new BenchmarkException($"the audit trail has no {kind} event for video {events.FirstOrDefault()?.VideoId}");
}
