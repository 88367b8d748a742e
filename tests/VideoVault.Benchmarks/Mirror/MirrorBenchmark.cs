using System.Globalization;
using System.Text.Json;
using VideoVault.Benchmarks.Reporting;
using VideoVault.FakeDrive;
using VideoVault.Storage;

namespace VideoVault.Benchmarks.Mirror;

/// <summary>
/// The Drive mirror against the fake Drive on loopback, run in this process, with the Release sample host pointed at
/// it. Every mirror time comes from the host's own audit trail (its clock, no polling in the figure).
/// <list type="bullet">
/// <item>One video, each way after one untimed round, alternating: the host mirrors a copy whose bytes are in the page
/// cache (queued to verified), a plain HTTP client sends the same cached bytes to the same fake in one PUT and in
/// 8 MiB PUTs; then both read from the disk: the host mirrors a video just uploaded through its endpoint (written
/// with <c>O_DIRECT</c>, so not cached; stored to verified) and the plain PUT reads its file after
/// <c>posix_fadvise(DONTNEED)</c>. The first pair measures what the mirror costs beyond moving the bytes; the second
/// what a real upload waits for on this disk.</item>
/// <item>Queues: for each length, that many videos (their files read from the disk) are put in the running host's
/// manifest in one transaction as videos its mirror has not seen, as the admin tool's reconcile adopts them; the
/// mirror queues them all at its next poll in one transaction, and the figure runs from that commit
/// (<c>MirrorRequeued</c>) to the last <c>Mirrored</c> event.</item>
/// </list>
/// </summary>
internal static class MirrorBenchmark
{
    private const string Suite = "mirror";
    private const double SpeedTarget = 0.7;
    private const double MiB = 1024 * 1024;
    private const long DriveChunkBytes = 8L * 1024 * 1024;
    private const string FolderId = "videovault-benchmark-folder";

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
                var figures = new List<BenchmarkFigure>(await MirrorAgainstPutAsync(settings, mirror, plain, cancellationToken).ConfigureAwait(false));
                TimeSpan? perVideoOfOne = null;
                foreach (var length in settings.MirrorQueueLengths)
                {
                    var (total, perVideo, attempt) = await MirrorQueueAsync(settings, mirror, length, plain, cancellationToken).ConfigureAwait(false);
                    perVideoOfOne ??= length == 1 ? perVideo : null;
                    Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                        $"  {length} queued: all mirrored {total.TotalSeconds:0.00} s after they were queued, {perVideo.TotalMilliseconds:0} ms per video; one attempt (claimed to verified) took {attempt.TotalMilliseconds:0} ms (median)"));
                    figures.Add(new BenchmarkFigure(
                        Suite,
                        $"{length} queued {settings.MirrorQueueBytes / MiB:0} MiB videos, read from the disk: queued to all mirrored",
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

    /// <summary>One video each way, from the page cache and from the disk, after one untimed round.</summary>
    private static async Task<IReadOnlyList<BenchmarkFigure>> MirrorAgainstPutAsync(
        BenchmarkSettings settings, MirrorHost mirror, PlainDrivePut plain, CancellationToken cancellationToken)
    {
        var size = settings.MirrorBytes;
        var payload = Payload.Create(mirror.Work, size);
        var sha256 = Payload.Sha256(payload);
        var cachedMirror = new List<double>();
        var cachedPut = new List<double>();
        var chunkedPut = new List<double>();
        var diskMirror = new List<double>();
        var diskPut = new List<double>();
        for (var run = 0; run <= settings.Runs; run++)
        {
            // From the page cache: the payload was just hashed (or sent), and a copy is read by the mirror as written.
            var put = await plain.PutAsync(payload, null, cancellationToken).ConfigureAwait(false);
            await plain.ClearDriveAsync(cancellationToken).ConfigureAwait(false);
            var chunked = await plain.PutAsync(payload, DriveChunkBytes, cancellationToken).ConfigureAwait(false);
            await plain.ClearDriveAsync(cancellationToken).ConfigureAwait(false);
            var copy = await mirror.PlaceUnseenAsync(payload, sha256, 1, $"cached-{run}", fromDisk: false, cancellationToken).ConfigureAwait(false);
            var cached = (await mirror.WaitUntilMirroredAsync(copy, cancellationToken).ConfigureAwait(false))[0];
            await RequireCopyAsync(mirror, copy[0].Id, sha256, cancellationToken).ConfigureAwait(false);
            mirror.DeleteFiles(copy);
            await plain.ClearDriveAsync(cancellationToken).ConfigureAwait(false);

            // From the disk: the plain client's file after fadvise, the mirror's as the store wrote it (O_DIRECT).
            PageCache.Evict(payload);
            var putFromDisk = await plain.PutAsync(payload, null, cancellationToken).ConfigureAwait(false);
            await plain.ClearDriveAsync(cancellationToken).ConfigureAwait(false);
            var (video, _) = await StoredVideo.UploadAsync(new Uri(mirror.Host.BaseUri, "api/upload-video"), payload, Path.Combine(mirror.Work, "answer.json"), cancellationToken).ConfigureAwait(false);
            var uploaded = await mirror.WaitUntilUploadMirroredAsync(video.Id, cancellationToken).ConfigureAwait(false);
            await RequireCopyAsync(mirror, video.Id, sha256, cancellationToken).ConfigureAwait(false);
            File.Delete(Path.Combine(mirror.Root, video.LocalBackup));
            await plain.ClearDriveAsync(cancellationToken).ConfigureAwait(false);

            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"  {(run == 0 ? "warm-up" : $"run {run}")}, cached: mirror {Speed(size, cached.Transfer)} (queued to verified), PUT {Speed(size, put)}, 8 MiB PUTs {Speed(size, chunked)}; from the disk: mirror {Speed(size, uploaded.Transfer)} (stored to verified), PUT {Speed(size, putFromDisk)}"));
            if (run > 0)
            {
                cachedMirror.Add(cached.Transfer.TotalSeconds);
                cachedPut.Add(put.TotalSeconds);
                chunkedPut.Add(chunked.TotalSeconds);
                diskMirror.Add(uploaded.Transfer.TotalSeconds);
                diskPut.Add(putFromDisk.TotalSeconds);
            }
        }

        File.Delete(payload);
        return
        [
            RatioFigure($"mirror one {size / MiB:0} MiB video from the page cache (queued to verified on Drive) / a plain PUT of the same cached bytes (medians of {settings.Runs})",
                size, cachedMirror, cachedPut, string.Create(CultureInfo.InvariantCulture, $"; in 8 MiB PUTs: {size / MiB / IngestTarget.Middle(chunkedPut):0} MiB/s"), target: true),
            RatioFigure($"mirror one {size / MiB:0} MiB video just uploaded, read from the disk (stored to verified) / a plain PUT reading its file from the disk (medians of {settings.Runs})",
                size, diskMirror, diskPut, "", target: false),
        ];
    }

    /// <summary>
    /// Puts <paramref name="length"/> videos, read from the disk, in the running host's manifest at once; returns the
    /// time from the mirror's queueing commit to the last verified copy, that per video, and the median time of one
    /// attempt (claimed to verified).
    /// </summary>
    private static async Task<(TimeSpan Total, TimeSpan PerVideo, TimeSpan Attempt)> MirrorQueueAsync(
        BenchmarkSettings settings, MirrorHost mirror, int length, PlainDrivePut plain, CancellationToken cancellationToken)
    {
        var payload = Payload.Create(mirror.Work, settings.MirrorQueueBytes);
        var videos = await mirror.PlaceUnseenAsync(payload, Payload.Sha256(payload), length, $"queued-{length}", fromDisk: true, cancellationToken).ConfigureAwait(false);
        var times = await mirror.WaitUntilMirroredAsync(videos, cancellationToken).ConfigureAwait(false);
        mirror.DeleteFiles(videos);
        await plain.ClearDriveAsync(cancellationToken).ConfigureAwait(false);
        var total = times.Max(t => t.Mirrored) - times.Min(t => t.Queued);
        return (total, total / length, TimeSpan.FromMilliseconds(IngestTarget.Middle(times.Select(t => t.Attempt.TotalMilliseconds))));
    }

    /// <summary>The fake Drive's copy of the video must be its bytes.</summary>
    private static async Task RequireCopyAsync(MirrorHost mirror, string videoId, string sha256, CancellationToken cancellationToken)
    {
        using var info = JsonDocument.Parse(await mirror.Http.GetStringAsync(new Uri($"api/video-info/{videoId}", UriKind.Relative), cancellationToken).ConfigureAwait(false));
        var driveFileId = info.RootElement.GetProperty("drive_file_id").GetString() ?? "";
        if (mirror.Drive.FindFile(driveFileId) is not { } copy || copy.Sha256Checksum != sha256)
        {
            throw new BenchmarkException($"the fake Drive's file '{driveFileId}' is not video {videoId}'s bytes");
        }
    }

    private static BenchmarkFigure RatioFigure(string name, long size, List<double> mirrored, List<double> put, string morePeers, bool target)
    {
        var mirrorSpeed = size / MiB / IngestTarget.Middle(mirrored);
        var putSpeed = size / MiB / IngestTarget.Middle(put);
        var ratio = mirrorSpeed / putSpeed;
        return new BenchmarkFigure(
            Suite,
            name,
            string.Create(CultureInfo.InvariantCulture, $"{ratio:0.00}x ({mirrorSpeed:0} MiB/s)"),
            target ? string.Create(CultureInfo.InvariantCulture, $">= {SpeedTarget:0.0}x") : "-",
            string.Create(CultureInfo.InvariantCulture, $"plain PUT, one request: {putSpeed:0} MiB/s{morePeers}"),
            target ? ratio >= SpeedTarget : null);
    }

    private static string Speed(long size, TimeSpan time) =>
        string.Create(CultureInfo.InvariantCulture, $"{size / MiB / time.TotalSeconds:0} MiB/s ({time.TotalSeconds:0.000} s)");
}
