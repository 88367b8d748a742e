using System.Globalization;
using System.Runtime.ExceptionServices;
using Microsoft.Extensions.Logging;
using VideoVault.Manifest;
using VideoVault.Mirroring.GoogleDrive;
using VideoVault.Storage;

namespace VideoVault.Maintenance;

/// <summary>
/// Brings a video's local copy back from its verified Drive copy: looks at what is at the record's path, checks the
/// Drive copy's size and SHA-256, downloads it into <c>.incoming/</c> (resuming with a range after a break, retrying
/// with backoff after rate limits and 5xx, bounded), checks the bytes against the record, and publishes them through
/// the store's durable publish at the record's own path. A copy whose bytes differ is never published.
/// </summary>
internal sealed partial class VideoRestorer
{
    private readonly IVideoManifest _manifest;
    private readonly LocalVideoStore _store;
    private readonly VideoVaultPaths _paths;
    private readonly Lazy<IDriveClient>? _drive;
    private readonly GoogleDriveMirrorOptions _options;
    private readonly TimeProvider _timeProvider;
    private readonly ILogger<VideoRestorer> _logger;
    private readonly RestoreMetrics? _metrics;

    // drive: the Drive client, created on first use; null when no mirror is configured.
    public VideoRestorer(
        IVideoManifest manifest,
        LocalVideoStore store,
        VideoVaultPaths paths,
        Lazy<IDriveClient>? drive,
        GoogleDriveMirrorOptions options,
        TimeProvider timeProvider,
        ILogger<VideoRestorer> logger,
        RestoreMetrics? metrics = null)
    {
        ArgumentNullException.ThrowIfNull(manifest);
        ArgumentNullException.ThrowIfNull(store);
        ArgumentNullException.ThrowIfNull(paths);
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(timeProvider);
        ArgumentNullException.ThrowIfNull(logger);
        _manifest = manifest;
        _store = store;
        _paths = paths;
        _drive = drive;
        _options = options;
        _timeProvider = timeProvider;
        _logger = logger;
        _metrics = metrics;
    }

    /// <summary>Whether verify restores what it finds missing or corrupt on its own (<see cref="GoogleDriveMirrorOptions.RestoreAutomatically"/>).</summary>
    public bool RestoresAutomatically => _drive is not null && _options.RestoreAutomatically;

    public async Task<VideoRestoreResult> RestoreAsync(string idOrStoredName, IProgress<RestoreProgress>? progress, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(idOrStoredName);
        var video = await _manifest.FindAsync(idOrStoredName, cancellationToken).ConfigureAwait(false);
        if (video is null)
        {
            return new VideoRestoreResult
            {
                Outcome = RestoreOutcome.Unknown,
                Target = idOrStoredName,
                Found = "no video has this id or stored name",
                Done = "nothing",
            };
        }

        return await RestoreAsync(video, idOrStoredName, progress, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>
    /// Restores every video whose local copy is flagged missing, or still marked present but whose file is gone (one
    /// stat per present record), and with <paramref name="includeRemoved"/> those cleanup removed on purpose. Reads
    /// every record, so its cost grows with the catalog; each video's result says what happened to it.
    /// </summary>
    public async Task<IReadOnlyList<VideoRestoreResult>> RestoreAllMissingAsync(bool includeRemoved, IProgress<RestoreProgress>? progress, CancellationToken cancellationToken)
    {
        // Read the list first: restoring while the export cursor is open would hold a read transaction across every write.
        var videos = await _manifest.ReadAllAsync(cancellationToken).ToListAsync(cancellationToken).ConfigureAwait(false);
        var results = new List<VideoRestoreResult>();
        foreach (var video in videos)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var wanted = video.LocalState switch
            {
                LocalCopyState.Missing => true,
                LocalCopyState.Removed => includeRemoved,
                _ => !File.Exists(_paths.ResolveVideo(video.RelativePath)),
            };
            if (wanted)
            {
                results.Add(await RestoreAsync(video, video.StoredName, progress, cancellationToken).ConfigureAwait(false));
            }
        }

        return results;
    }

    /// <summary>Restores one video (see the class summary); <paramref name="target"/> is what the caller asked for.</summary>
    public async Task<VideoRestoreResult> RestoreAsync(VideoRecord video, string target, IProgress<RestoreProgress>? progress, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(video);
        var attempt = new Attempt(video, target);
        var result = await RestoreCoreAsync(attempt, progress, cancellationToken).ConfigureAwait(false);
        _metrics?.Finished(result);
        if (result.Outcome == RestoreOutcome.Restored)
        {
            Log.Restored(_logger, video.Id, video.RelativePath, result.BytesDownloaded, result.DownloadRequests);
        }
        else if (result.Outcome != RestoreOutcome.AlreadyPresent)
        {
            Log.NotRestored(_logger, video.Id, result.Outcome, result.Found, result.Done);
        }

        return result;
    }

    private async Task<VideoRestoreResult> RestoreCoreAsync(Attempt attempt, IProgress<RestoreProgress>? progress, CancellationToken cancellationToken)
    {
        var video = attempt.Video;
        if (_drive is null)
        {
            return attempt.Result(RestoreOutcome.MirrorNotConfigured, $"local copy {Describe(video.LocalState)}",
                "nothing: no Drive mirror is configured (VideoVault:Drive:Enabled is not true)");
        }

        var path = _paths.ResolveVideo(video.RelativePath);
        var local = await LocalFileCheck.InspectAsync(path, video, cancellationToken).ConfigureAwait(false);
        if (local.IsIntact)
        {
            return await AlreadyPresentAsync(attempt, cancellationToken).ConfigureAwait(false);
        }

        var found = local.Describe(video);
        if (video.Mirror is not { State: MirrorState.Mirrored, RemoteFileId: { } fileId })
        {
            return attempt.Result(RestoreOutcome.NotMirrored, $"{found}; no verified copy on Drive (mirror {Describe(video.Mirror.State)})",
                "nothing: there is no verified copy to restore from");
        }

        found += $"; a verified copy is on Drive (file {fileId})";
        var retry = new RestoreRetryBudget(_options, _timeProvider);
        DriveFile? remote;
        while (true)
        {
            try
            {
                remote = await _drive.Value.GetAsync(fileId, cancellationToken).ConfigureAwait(false);
                break;
            }
            catch (DriveException ex)
            {
                var giveUp = await retry.WaitOrGiveUpAsync(ex.Error, madeProgress: false, cancellationToken).ConfigureAwait(false);
                if (giveUp is not null)
                {
                    return await FailedAsync(attempt, RestoreOutcome.MirrorFailed, found, $"nothing published: {giveUp}").ConfigureAwait(false);
                }
            }
        }

        if (remote is null)
        {
            return await FailedAsync(attempt, RestoreOutcome.NotOnMirror, found,
                $"nothing published: Drive says file {fileId} does not exist (deleted, or the account cannot see it)").ConfigureAwait(false);
        }

        if (remote.Size != video.SizeBytes
            || (remote.Sha256Checksum is { } reported && !string.Equals(reported, video.Sha256, StringComparison.OrdinalIgnoreCase)))
        {
            return await FailedAsync(attempt, RestoreOutcome.MirrorCopyCorrupt, found, string.Create(CultureInfo.InvariantCulture,
                $"nothing downloaded or published: Drive reports {remote.Size?.ToString(CultureInfo.InvariantCulture) ?? "no"} bytes and SHA-256 {remote.Sha256Checksum ?? "(none)"}, the record {video.SizeBytes} bytes and {video.Sha256}")).ConfigureAwait(false);
        }

        if (!_store.HasRoomFor(video.SizeBytes))
        {
            return attempt.Result(RestoreOutcome.InsufficientStorage, found,
                $"nothing downloaded: {video.SizeBytes} bytes would leave less free space than VideoVault:MinFreeSpaceBytes");
        }

        using var download = _store.StartRestoreDownload(video.Id);
        var failure = await DownloadAsync(attempt, fileId, download, retry, progress, cancellationToken).ConfigureAwait(false);
        if (failure is not null)
        {
            return await FailedAsync(attempt, failure.Value.Outcome, found, failure.Value.Done).ConfigureAwait(false);
        }

        var sha256 = download.Sha256();
        if (!string.Equals(sha256, video.Sha256, StringComparison.OrdinalIgnoreCase))
        {
            return await FailedAsync(attempt, RestoreOutcome.MirrorCopyCorrupt, found, string.Create(CultureInfo.InvariantCulture,
                $"downloaded {download.Length} bytes whose SHA-256 {sha256} differs from the recorded {video.Sha256}; deleted them, nothing published")).ConfigureAwait(false);
        }

        var publication = await _store.PublishRestoredAsync(
            download,
            video,
            video.LocalState,
            moveAsideOccupant: local.Exists,
            quarantined => string.Create(CultureInfo.InvariantCulture,
                $"restored from Drive file {fileId}: {download.Length} bytes, SHA-256 matches; {found}{(quarantined is null ? "" : $"; the wrong local file was moved to {quarantined}")}"))
            .ConfigureAwait(false);
        attempt.QuarantinedPath = publication.QuarantinedPath;
        var moved = publication.QuarantinedPath is null ? "" : $"; moved the wrong local file to {publication.QuarantinedPath}";
        switch (publication.Outcome)
        {
            case RestorePublicationOutcome.Published:
                attempt.Video = await _manifest.FindAsync(video.Id, CancellationToken.None).ConfigureAwait(false) ?? video with { LocalState = LocalCopyState.Present };
                return attempt.Result(RestoreOutcome.Restored, found, string.Create(CultureInfo.InvariantCulture,
                    $"downloaded {download.Length} bytes from Drive, SHA-256 matches the record{moved}; published at {video.RelativePath} and marked present"));
            case RestorePublicationOutcome.RecordGone:
                return attempt.Result(RestoreOutcome.Unknown, found, "nothing kept: the video was deleted while it was being restored");
            case RestorePublicationOutcome.Occupied:
                return attempt.Result(RestoreOutcome.Conflict, found,
                    $"nothing replaced{moved}: another file appeared at {video.RelativePath} while the restore ran; run the restore again to check it");
            default:
                return attempt.Result(RestoreOutcome.Conflict, found,
                    $"published at {video.RelativePath}{moved}, but the record's local state changed meanwhile and was left as it is; run the restore again to settle it");
        }
    }

    /// <summary>
    /// Downloads the whole file into <paramref name="download"/>, resuming from its durable length after every break;
    /// null when every byte is in, else the outcome that ends the restore.
    /// </summary>
    private async Task<(RestoreOutcome Outcome, string Done)?> DownloadAsync(
        Attempt attempt, string fileId, RestoreDownload download, RestoreRetryBudget retry, IProgress<RestoreProgress>? progress, CancellationToken cancellationToken)
    {
        var video = attempt.Video;
        var size = video.SizeBytes;
        while (download.Length < size)
        {
            var before = download.Length;
            AppendResult? appended = null;
            ExceptionDispatchInfo? localFailure = null;
            long received = 0;
            DriveError? error = null;
            var found = true;
            attempt.DownloadRequests++;
            try
            {
                found = await _drive!.Value.DownloadAsync(fileId, before, async (body, range, token) =>
                {
                    if (range.Start != before && range.Start != 0)
                    {
                        throw new DriveException(new DriveError(DriveErrorKind.Transient,
                            $"Drive answered a download from byte {before} with bytes from {range.Start}."));
                    }

                    // A whole-file answer to a ranged request (a proxy that ignores ranges) starts again from byte 0.
                    var counted = new CountingReadStream(body, read =>
                    {
                        received += read;
                        progress?.Report(new RestoreProgress(video, read));
                    });
                    try
                    {
                        appended = await _store.AppendDownloadAsync(download, range.Start, counted, size - range.Start, token).ConfigureAwait(false);
                    }
                    catch (Exception ex) when (ex is not OperationCanceledException)
                    {
                        // The local disk failed, not Drive: rethrown below, never retried as a network error.
                        localFailure = ExceptionDispatchInfo.Capture(ex);
                    }
                }, cancellationToken).ConfigureAwait(false);
            }
            catch (DriveException ex)
            {
                error = ex.Error;
            }
            catch (Exception ex) when (ex is HttpRequestException or IOException or TimeoutException && !cancellationToken.IsCancellationRequested)
            {
                error = new DriveError(DriveErrorKind.Transient, $"Network error while downloading from Drive ({ex.GetType().Name}).");
            }

            attempt.BytesDownloaded += received;
            localFailure?.Throw();
            if (!found)
            {
                return (RestoreOutcome.NotOnMirror, $"nothing published: Drive says file {fileId} does not exist (it went away during the restore)");
            }

            switch (appended?.Status)
            {
                case AppendStatus.TooLarge:
                    return (RestoreOutcome.MirrorCopyCorrupt, string.Create(CultureInfo.InvariantCulture,
                        $"Drive sent more than the recorded {size} bytes; deleted what arrived, nothing published"));
                case AppendStatus.OutOfSpace:
                    return (RestoreOutcome.InsufficientStorage, "the disk filled up (or reached VideoVault:MinFreeSpaceBytes) during the download; deleted what arrived, nothing published");
                case AppendStatus.Interrupted:
                    error ??= new DriveError(DriveErrorKind.Transient,
                        $"The download broke off at byte {download.Length} ({appended.GetValueOrDefault().BodyError?.GetType().Name ?? "no error"}).");
                    break;
                case AppendStatus.Written when download.Length < size && error is null:
                    return (RestoreOutcome.MirrorCopyCorrupt, string.Create(CultureInfo.InvariantCulture,
                        $"Drive's copy ended after {download.Length} of the recorded {size} bytes; deleted what arrived, nothing published"));
            }

            if (received > download.Length - before && progress is not null)
            {
                // Bytes that arrived but did not reach the disk are downloaded again: take them off the count.
                progress.Report(new RestoreProgress(video, download.Length - before - received));
            }

            if (error is null)
            {
                continue;
            }

            Log.DownloadInterrupted(_logger, video.Id, download.Length, error.Kind, error.Message);
            var giveUp = await retry.WaitOrGiveUpAsync(error, madeProgress: download.Length > before, cancellationToken).ConfigureAwait(false);
            if (giveUp is not null)
            {
                return (RestoreOutcome.MirrorFailed, string.Create(CultureInfo.InvariantCulture,
                    $"nothing published: {giveUp} (after {download.Length} of {size} bytes)"));
            }
        }

        // A body that broke after its last byte reached the disk leaves every byte in but the hash unsure.
        await _store.EnsureDownloadHashAsync(download, cancellationToken).ConfigureAwait(false);
        return null;
    }

    private async Task<VideoRestoreResult> AlreadyPresentAsync(Attempt attempt, CancellationToken cancellationToken)
    {
        var video = attempt.Video;
        if (video.LocalState == LocalCopyState.Present)
        {
            return attempt.Result(RestoreOutcome.AlreadyPresent, "local copy present and intact (size and SHA-256 match)", "nothing: no download needed");
        }

        // The right bytes are back at the path (put back by hand, or a restore a crash interrupted before its commit).
        if (await _manifest.SetLocalStateIfAsync(video.Id, video.LocalState, LocalCopyState.Present, VideoEventKind.FileRestored,
                $"restore: the file at {video.RelativePath} is back and intact; nothing downloaded", cancellationToken).ConfigureAwait(false))
        {
            attempt.Video = video with { LocalState = LocalCopyState.Present };
        }

        return attempt.Result(RestoreOutcome.AlreadyPresent, $"local copy marked {Describe(video.LocalState)}, but the file is back and intact",
            "marked it present; no download needed");
    }

    /// <summary>A restore that published nothing: recorded in the audit trail (RestoreFailed) and returned.</summary>
    private async Task<VideoRestoreResult> FailedAsync(Attempt attempt, RestoreOutcome outcome, string found, string done)
    {
        try
        {
            await _manifest.AppendEventAsync(VideoEventKind.RestoreFailed, attempt.Video.Id, $"restore: {found}; {done}", CancellationToken.None).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is not OutOfMemoryException)
        {
            // The audit trail must not hide the outcome itself; the log line below still says what happened.
            Log.AuditFailed(_logger, attempt.Video.Id, ex);
        }

        if (outcome is RestoreOutcome.NotOnMirror or RestoreOutcome.MirrorCopyCorrupt)
        {
            Log.MirrorCopyUnusable(_logger, attempt.Video.Id, outcome, done);
        }

        return attempt.Result(outcome, found, done);
    }

    private static string Describe(LocalCopyState state) => state switch
    {
        LocalCopyState.Missing => "missing",
        LocalCopyState.Removed => "removed by cleanup",
        _ => "present",
    };

    private static string Describe(MirrorState state) => state switch
    {
        MirrorState.Disabled => "disabled",
        MirrorState.Pending => "pending",
        MirrorState.Uploading => "uploading",
        MirrorState.Retrying => "retrying",
        MirrorState.Failed => "failed",
        _ => "mirrored",
    };

    /// <summary>One restore's running facts, for its result.</summary>
    private sealed class Attempt(VideoRecord video, string target)
    {
        public VideoRecord Video { get; set; } = video;

        public long BytesDownloaded { get; set; }

        public int DownloadRequests { get; set; }

        public string? QuarantinedPath { get; set; }

        public VideoRestoreResult Result(RestoreOutcome outcome, string found, string done) => new()
        {
            Outcome = outcome,
            Target = target,
            Video = Video,
            Found = found,
            Done = done,
            QuarantinedPath = QuarantinedPath,
            BytesDownloaded = BytesDownloaded,
            DownloadRequests = DownloadRequests,
        };
    }
}
