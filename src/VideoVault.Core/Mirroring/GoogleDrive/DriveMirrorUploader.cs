using System.Globalization;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using VideoVault.Manifest;
using VideoVault.Storage;

namespace VideoVault.Mirroring.GoogleDrive;

/// <summary>
/// One attempt at mirroring a video to Drive, exactly once and verified:
/// <list type="number">
/// <item>The local file must exist and have its stored size; it is read through a <see cref="VerifyingReadStream"/>
/// that hashes what is sent and refuses to finish a file whose SHA-256 no longer matches the manifest.</item>
/// <item>A saved session is resumed (status query, then Drive's <c>Range</c>). Without one, Drive is first searched
/// for an existing copy (by the pre-generated id and by the <c>videoVaultId</c> app property): a verified copy is
/// adopted, a wrong one deleted. Only then is a new session started, with a pre-generated id persisted beforehand,
/// so a create that already happened answers 409 instead of making a duplicate.</item>
/// <item>The finished file's size, MD5 and SHA-256 (when Drive reports it) must equal the local bytes; a mismatch
/// deletes the Drive file and schedules a fresh upload.</item>
/// </list>
/// The local file is never written, moved or deleted.
/// </summary>
internal sealed partial class DriveMirrorUploader : IMirrorUploader
{
    private const int MaxRoundsPerAttempt = 3;

    private readonly IVideoManifest _manifest;
    private readonly IMirrorQueue _queue;
    private readonly IDriveClient _drive;
    private readonly VideoVaultPaths _paths;
    private readonly GoogleDriveMirrorOptions _options;
    private readonly string _folderId;
    private readonly MirrorBackoff _backoff;
    private readonly MirrorMetrics _metrics;
    private readonly TimeProvider _timeProvider;
    private readonly ILogger<DriveMirrorUploader> _logger;

    public DriveMirrorUploader(
        IVideoManifest manifest,
        IDriveClient drive,
        VideoVaultPaths paths,
        IOptions<GoogleDriveMirrorOptions> options,
        MirrorMetrics metrics,
        TimeProvider timeProvider,
        ILogger<DriveMirrorUploader> logger)
    {
        ArgumentNullException.ThrowIfNull(manifest);
        ArgumentNullException.ThrowIfNull(drive);
        ArgumentNullException.ThrowIfNull(paths);
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(metrics);
        ArgumentNullException.ThrowIfNull(timeProvider);
        ArgumentNullException.ThrowIfNull(logger);
        _manifest = manifest;
        _queue = MirrorQueueResolver.From(manifest);
        _drive = drive;
        _paths = paths;
        _options = options.Value;
        _folderId = string.IsNullOrWhiteSpace(_options.FolderId)
            ? throw new ArgumentException("VideoVault:Drive:FolderId is not set.", nameof(options))
            : _options.FolderId;
        _backoff = new MirrorBackoff(_options.InitialBackoff, _options.MaxBackoff);
        _metrics = metrics;
        _timeProvider = timeProvider;
        _logger = logger;
    }

    public async Task<MirrorJobOutcome> RunAsync(MirrorJob job, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(job);
        var video = job.Video;

        // Every Drive file id this attempt may have created under: the pre-generated ones and the completed upload's.
        var remoteIds = new HashSet<string>(StringComparer.Ordinal);
        if (video.Mirror.RemoteFileId is { } saved)
        {
            remoteIds.Add(saved);
        }

        MirrorJobOutcome outcome;
        try
        {
            outcome = await RunAttemptAsync(job, remoteIds, cancellationToken).ConfigureAwait(false);
        }
        catch (NoLongerClaimedException)
        {
            Log.NoLongerClaimed(_logger, video.Id);
            outcome = MirrorJobOutcome.Abandoned;
        }

        if (outcome.Result != MirrorJobResult.Mirrored && remoteIds.Count > 0 && !cancellationToken.IsCancellationRequested)
        {
            await DeleteCopiesOfDeletedVideoAsync(video, remoteIds, cancellationToken).ConfigureAwait(false);
        }

        return outcome;
    }

    private async Task<MirrorJobOutcome> RunAttemptAsync(MirrorJob job, HashSet<string> remoteIds, CancellationToken cancellationToken)
    {
        var video = job.Video;
        try
        {
            return await RunCoreAsync(job, remoteIds, cancellationToken).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            // Left claimed on purpose: the next start returns it to the queue with its session, and it resumes.
            Log.Interrupted(_logger, video.Id);
            return MirrorJobOutcome.Abandoned;
        }
        catch (DriveException ex)
        {
            return await HandleErrorAsync(video, ex.Error, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is not (OutOfMemoryException or NoLongerClaimedException))
        {
            Log.UnexpectedFailure(_logger, video.Id, ex);
            return await RetryAsync(video, MirrorErrorText.For(ex), null,
                MirrorErrorText.Find<LocalFileReadException>(ex) is null ? "unexpected" : DriveErrorClassifier.LocalReadReason, cancellationToken).ConfigureAwait(false);
        }
    }

    private async Task<MirrorJobOutcome> RunCoreAsync(MirrorJob job, HashSet<string> remoteIds, CancellationToken cancellationToken)
    {
        var video = job.Video;
        var path = _paths.ResolveVideo(video.RelativePath);
        var file = new FileInfo(path);
        if (video.LocalState != LocalCopyState.Present || !file.Exists)
        {
            return await FailAsync(video,
                $"The local file '{video.RelativePath}' is missing, so there is nothing to mirror. Restore the file (or delete the video), then requeue it.",
                "local_missing", cancellationToken).ConfigureAwait(false);
        }

        if (file.Length != video.SizeBytes)
        {
            return await FailAsync(video,
                $"The local file is corrupt: it has {file.Length} bytes, but {video.SizeBytes} were stored. It was not mirrored; restore it from a backup, then requeue it.",
                "local_corrupt", cancellationToken).ConfigureAwait(false);
        }

        using var content = new VerifyingReadStream(path, video.SizeBytes, video.Sha256);
        var session = job.SessionUri;
        var fileId = video.Mirror.RemoteFileId;
        for (var round = 1; round <= MaxRoundsPerAttempt; round++)
        {
            if (session is null)
            {
                var (adopted, usableId) = await AdoptExistingCopyAsync(video, fileId, content, cancellationToken).ConfigureAwait(false);
                if (adopted is not null)
                {
                    return adopted;
                }

                fileId = usableId ?? await NewRemoteIdAsync(video, cancellationToken).ConfigureAwait(false);
                remoteIds.Add(fileId);
            }
            else
            {
                Log.Resuming(_logger, video.Id, round);
            }

            content.Position = 0;
            var result = await _drive.UploadAsync(
                new DriveUploadRequest
                {
                    Content = content,
                    Name = video.StoredName,
                    MimeType = video.MimeType,
                    VideoVaultId = video.Id,
                    FileId = fileId,
                    SessionUri = session,
                    SessionStarted = (uri, token) => SaveSessionAsync(video.Id, uri, token),
                },
                cancellationToken).ConfigureAwait(false);

            if (content.Result is { MatchesManifest: false } corrupt)
            {
                return await FailCorruptAsync(video, corrupt, result.File, cancellationToken).ConfigureAwait(false);
            }

            if (result.File is { } uploaded)
            {
                remoteIds.Add(uploaded.Id);
                return await VerifyAsync(video, uploaded, content, cancellationToken).ConfigureAwait(false);
            }

            var error = result.Error!;
            switch (error.Kind)
            {
                case DriveErrorKind.SessionExpired:
                    // A fresh session with the same pre-generated id; the lookup first catches a session that did finish.
                    Log.SessionExpired(_logger, video.Id, error.Message);
                    await ClaimedAsync(_queue.ClearUploadSessionAsync(video.Id, cancellationToken)).ConfigureAwait(false);
                    session = null;
                    continue;
                case DriveErrorKind.AlreadyExists:
                    // The create already happened (a lost response, a crash): the next round finds that file and verifies it.
                    Log.AlreadyExists(_logger, video.Id, fileId ?? "?");
                    await ClaimedAsync(_queue.ClearUploadSessionAsync(video.Id, cancellationToken)).ConfigureAwait(false);
                    session = null;
                    continue;
                default:
                    return await HandleErrorAsync(video, error, cancellationToken).ConfigureAwait(false);
            }
        }

        return await RetryAsync(video, "Drive kept refusing the upload session; a new attempt will start over.", null, "session_expired", cancellationToken)
            .ConfigureAwait(false);
    }

    /// <summary>
    /// Looks for copies a previous attempt may have finished. Returns an outcome when one was adopted (or the local
    /// file turned out corrupt), else the pre-generated id when it is still free to create with.
    /// </summary>
    private async Task<(MirrorJobOutcome? Outcome, string? UsableId)> AdoptExistingCopyAsync(
        VideoRecord video, string? fileId, VerifyingReadStream content, CancellationToken cancellationToken)
    {
        var candidates = new List<DriveFile>();
        var usableId = fileId;
        if (fileId is not null && await _drive.GetAsync(fileId, cancellationToken).ConfigureAwait(false) is { } byId)
        {
            if (byId.Trashed || !byId.Parents.Contains(_folderId))
            {
                // Someone trashed it or moved it out of the folder: that id is taken, and such a copy is not the
                // mirror (nor the mirror's to delete).
                usableId = null;
            }
            else
            {
                candidates.Add(byId);
            }
        }

        foreach (var found in await _drive.FindByVideoVaultIdAsync(video.Id, _folderId, cancellationToken).ConfigureAwait(false))
        {
            if (!found.Trashed && candidates.TrueForAll(c => c.Id != found.Id))
            {
                candidates.Add(found);
            }
        }

        if (candidates.Count == 0)
        {
            return (null, usableId);
        }

        var local = await content.CompleteAsync(cancellationToken).ConfigureAwait(false);
        if (!local.MatchesManifest)
        {
            // The Drive copies may hold the good bytes: leave them for the admin, report the local damage.
            return (await FailCorruptAsync(video, local, null, cancellationToken).ConfigureAwait(false), null);
        }

        DriveFile? keep = null;
        foreach (var candidate in candidates)
        {
            var check = candidate.CompareWith(local.Length, local.Md5, local.Sha256);
            if (check.Matches && keep is null)
            {
                keep = candidate;
                continue;
            }

            // A wrong copy, or a second one: either way it must not stay.
            Log.DeletingCopy(_logger, video.Id, candidate.Id, check.Problem ?? "a duplicate of a verified copy");
            await _drive.DeleteAsync(candidate.Id, cancellationToken).ConfigureAwait(false);
            if (candidate.Id == usableId)
            {
                usableId = null;
            }
        }

        if (keep is not null)
        {
            Log.Adopted(_logger, video.Id, keep.Id);
            return (await MarkMirroredAsync(video, keep, local, cancellationToken).ConfigureAwait(false), null);
        }

        return (null, usableId);
    }

    private async Task<MirrorJobOutcome> VerifyAsync(VideoRecord video, DriveFile uploaded, VerifyingReadStream content, CancellationToken cancellationToken)
    {
        var local = await content.CompleteAsync(cancellationToken).ConfigureAwait(false);
        if (!local.MatchesManifest)
        {
            return await FailCorruptAsync(video, local, uploaded, cancellationToken).ConfigureAwait(false);
        }

        var check = uploaded.CompareWith(local.Length, local.Md5, local.Sha256);
        if (check.Matches)
        {
            return await MarkMirroredAsync(video, uploaded, local, cancellationToken).ConfigureAwait(false);
        }

        Log.DeletingCopy(_logger, video.Id, uploaded.Id, check.Problem!);
        await _drive.DeleteAsync(uploaded.Id, cancellationToken).ConfigureAwait(false);
        await ClaimedAsync(_queue.ClearUploadSessionAsync(video.Id, cancellationToken)).ConfigureAwait(false);
        await NewRemoteIdAsync(video, cancellationToken).ConfigureAwait(false);
        return await RetryAsync(video, $"The Drive copy did not match the local file ({check.Problem}); it was deleted and the video will be uploaded again.",
            null, "verification_mismatch", cancellationToken).ConfigureAwait(false);
    }

    /// <summary>
    /// A video deleted while its upload ran: its file is gone (the upload may still have finished from the unlinked
    /// file) and no record refers to a Drive copy any more, so nothing would ever clean one up. Deletes the copies this
    /// job may have created, but only ones that are provably ours (in the folder, tagged with the video's id). Best
    /// effort: a failure is logged and leaves the copy, as before.
    /// </summary>
    private async Task DeleteCopiesOfDeletedVideoAsync(VideoRecord video, HashSet<string> remoteIds, CancellationToken cancellationToken)
    {
        try
        {
            if (await _manifest.FindAsync(video.Id, cancellationToken).ConfigureAwait(false) is not null)
            {
                return;
            }

            var copies = new Dictionary<string, DriveFile>(StringComparer.Ordinal);
            foreach (var id in remoteIds)
            {
                if (await _drive.GetAsync(id, cancellationToken).ConfigureAwait(false) is { } byId)
                {
                    copies[byId.Id] = byId;
                }
            }

            foreach (var found in await _drive.FindByVideoVaultIdAsync(video.Id, _folderId, cancellationToken).ConfigureAwait(false))
            {
                copies[found.Id] = found;
            }

            foreach (var copy in copies.Values.Where(c => !c.Trashed && c.VideoVaultId == video.Id && c.Parents.Contains(_folderId)))
            {
                Log.DeletingCopy(_logger, video.Id, copy.Id, "the video was deleted while it was being uploaded");
                await _drive.DeleteAsync(copy.Id, cancellationToken).ConfigureAwait(false);
            }
        }
        catch (Exception ex) when (ex is not OutOfMemoryException)
        {
            Log.OrphanCleanupFailed(_logger, video.Id, ex);
        }
    }

    private async Task<MirrorJobOutcome> MarkMirroredAsync(VideoRecord video, DriveFile copy, LocalContentHashes local, CancellationToken cancellationToken)
    {
        var link = copy.WebViewLink ?? $"https://drive.google.com/file/d/{Uri.EscapeDataString(copy.Id)}/view";
        if (!await _queue.MarkMirroredAsync(video.Id, copy.Id, link, local.Md5, cancellationToken).ConfigureAwait(false))
        {
            throw new NoLongerClaimedException();
        }

        _metrics.Mirrored(local.Length, _timeProvider.GetUtcNow() - video.CreatedAt);
        Log.Mirrored(_logger, video.Id, copy.Id, local.Length, video.Mirror.Attempts);
        return MirrorJobOutcome.Mirrored;
    }

    private async Task<MirrorJobOutcome> FailCorruptAsync(VideoRecord video, LocalContentHashes local, DriveFile? uploaded, CancellationToken cancellationToken)
    {
        if (uploaded is not null)
        {
            // Drive already had every byte (a resumed session that had finished): do not keep a corrupt mirror.
            Log.DeletingCopy(_logger, video.Id, uploaded.Id, "uploaded from a corrupt local file");
            await _drive.DeleteAsync(uploaded.Id, cancellationToken).ConfigureAwait(false);
        }

        await ClaimedAsync(_queue.ClearUploadSessionAsync(video.Id, cancellationToken)).ConfigureAwait(false);
        return await FailAsync(video,
            $"{local.Corruption} It was not mirrored, and the local file was left as it is; restore it from a backup, then requeue it.",
            "local_corrupt", cancellationToken).ConfigureAwait(false);
    }

    private async Task<MirrorJobOutcome> HandleErrorAsync(VideoRecord video, DriveError error, CancellationToken cancellationToken)
    {
        switch (error.Kind)
        {
            case DriveErrorKind.QuotaPaused:
                var until = PauseEnd(error.RetryAfter);
                _metrics.Failure("upload_limit");
                Log.QueuePaused(_logger, video.Id, until, error.Message);
                await ClaimedAsync(_queue.MarkRetryingAsync(video.Id,
                    $"{error.Message} All uploads pause until {until.ToString("u", CultureInfo.InvariantCulture)}.", until, cancellationToken)).ConfigureAwait(false);
                return MirrorJobOutcome.Paused(until);
            case DriveErrorKind.Permanent:
                return await FailAsync(video, error.Message, ReasonTag(error), cancellationToken).ConfigureAwait(false);
            default:
                return await RetryAsync(video, error.Message, error.RetryAfter, ReasonTag(error), cancellationToken).ConfigureAwait(false);
        }
    }

    private async Task<MirrorJobOutcome> RetryAsync(VideoRecord video, string error, TimeSpan? retryAfter, string reasonTag, CancellationToken cancellationToken)
    {
        var attempts = video.Mirror.Attempts;
        if (attempts >= _options.MaxAttempts)
        {
            return await FailAsync(video,
                $"Gave up after {attempts} attempts (VideoVault:Drive:MaxAttempts). The last error: {error}",
                "attempts_exhausted", cancellationToken).ConfigureAwait(false);
        }

        var delay = _backoff.DelayAfter(attempts, retryAfter);
        var next = _timeProvider.GetUtcNow() + delay;
        _metrics.Failure(reasonTag);
        Log.Retrying(_logger, video.Id, attempts, delay, error);
        await ClaimedAsync(_queue.MarkRetryingAsync(video.Id, error, next, cancellationToken)).ConfigureAwait(false);
        return MirrorJobOutcome.Retrying;
    }

    private async Task<MirrorJobOutcome> FailAsync(VideoRecord video, string reason, string reasonTag, CancellationToken cancellationToken)
    {
        _metrics.Failure(reasonTag);
        await ClaimedAsync(_queue.MarkFailedAsync(video.Id, reason, cancellationToken)).ConfigureAwait(false);
        return MirrorJobOutcome.Failed;
    }

    private async Task<string> NewRemoteIdAsync(VideoRecord video, CancellationToken cancellationToken)
    {
        var ids = await _drive.GenerateIdsAsync(1, cancellationToken).ConfigureAwait(false);

        // Persisted before the first create: every later attempt creates with this id, so Drive itself refuses a second file.
        await ClaimedAsync(_queue.SetRemoteFileIdAsync(video.Id, ids[0], cancellationToken)).ConfigureAwait(false);
        return ids[0];
    }

    private async Task SaveSessionAsync(string videoId, Uri session, CancellationToken cancellationToken)
    {
        await ClaimedAsync(_queue.SaveUploadSessionAsync(videoId, session, cancellationToken)).ConfigureAwait(false);
        Log.SessionSaved(_logger, videoId);
    }

    private DateTimeOffset PauseEnd(TimeSpan? retryAfter)
    {
        var now = _timeProvider.GetUtcNow();
        if (retryAfter is { } asked && asked > TimeSpan.Zero)
        {
            return now + asked;
        }

        if (_options.UploadLimitPause is { } configured && configured > TimeSpan.Zero)
        {
            return now + configured;
        }

        // Drive's daily cap: try again shortly after the next UTC midnight.
        return new DateTimeOffset(now.UtcDateTime.Date.AddDays(1).AddMinutes(5), TimeSpan.Zero);
    }

    private static string ReasonTag(DriveError error) => error.Kind switch
    {
        DriveErrorKind.Permanent => error.Reason ?? "permanent",
        DriveErrorKind.SessionExpired => "session_expired",
        DriveErrorKind.AlreadyExists => "already_exists",
        DriveErrorKind.QuotaPaused => "upload_limit",
        _ when error.Reason == DriveErrorClassifier.LocalReadReason => DriveErrorClassifier.LocalReadReason,
        _ => error.StatusCode is { } status ? "http_" + status.ToString(CultureInfo.InvariantCulture) : "network",
    };

    /// <summary>Every queue write acts only while the job is still ours; a deleted or requeued video ends the attempt.</summary>
    private static async Task ClaimedAsync(Task<bool> write)
    {
        if (!await write.ConfigureAwait(false))
        {
            throw new NoLongerClaimedException();
        }
    }

    /// <summary>The video was deleted or taken away from this worker mid-attempt.</summary>
    private sealed class NoLongerClaimedException : Exception
    {
        public NoLongerClaimedException()
            : base("The mirror job is no longer claimed.")
        {
        }
    }
}
