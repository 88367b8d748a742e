using System.Globalization;
using Microsoft.Extensions.Logging;
using VideoVault.Maintenance;
using VideoVault.Manifest;
using VideoVault.Storage;

namespace VideoVault.Mirroring.GoogleDrive;

/// <summary>
/// Checks mirror copies on Drive against the manifest (<c>files.get</c>: size, MD5, SHA-256, trashed) and acts on what
/// it finds: an intact copy is recorded as checked; a copy that is gone (404 or trashed) or wrong (size or checksum
/// differs) goes back to the one mirror queue when the local copy is verified intact, so the host's mirror worker
/// uploads it again (and replaces a wrong one); without an intact local copy the video is lost, and that is raised
/// loudly: a Critical log, a metric, an audit event and the host event <c>MirrorCopyLost</c>. Never deletes or changes
/// a file on Drive or on disk itself, so it is safe from the admin tool while the host runs.
/// </summary>
/// <remarks>
/// The manifest keeps the SHA-256 of every video, but Drive reports a SHA-256 only "if available"; its MD5 is always
/// there for binary content. So the mirror records the MD5 of the bytes it verified (schema version
/// <see cref="ManifestSchema.MirrorCopyChecksVersion"/>), and for a copy verified before that, when Drive reports no
/// SHA-256, this computes the MD5 from the local copy once (trusted only when the same read's SHA-256 matches the record)
/// and records it. A copy with neither checksum comparable is <see cref="MirrorCopyOutcome.Unverified"/>, not a mismatch.
/// </remarks>
internal sealed partial class DriveCopyChecker
{
    private readonly IVideoManifest _manifest;
    private readonly IMirrorQueue _queue;
    private readonly IDriveClient _drive;
    private readonly VideoVaultPaths _paths;
    private readonly MirrorMetrics _metrics;
    private readonly MirrorSignals _signals;
    private readonly ILogger<DriveCopyChecker> _logger;

    public DriveCopyChecker(
        IVideoManifest manifest,
        IDriveClient drive,
        VideoVaultPaths paths,
        MirrorMetrics metrics,
        MirrorSignals signals,
        ILogger<DriveCopyChecker> logger)
    {
        ArgumentNullException.ThrowIfNull(manifest);
        ArgumentNullException.ThrowIfNull(drive);
        ArgumentNullException.ThrowIfNull(paths);
        ArgumentNullException.ThrowIfNull(metrics);
        ArgumentNullException.ThrowIfNull(signals);
        ArgumentNullException.ThrowIfNull(logger);
        _manifest = manifest;
        _queue = MirrorQueueResolver.From(manifest);
        _drive = drive;
        _paths = paths;
        _metrics = metrics;
        _signals = signals;
        _logger = logger;
    }

    /// <summary>Checks one video's copy; <see langword="null"/> when no video has that id or stored name.</summary>
    public async Task<MirrorCopyVerification?> CheckAsync(string idOrStoredName, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(idOrStoredName);
        var video = await _manifest.FindAsync(idOrStoredName, cancellationToken).ConfigureAwait(false);
        if (video is null)
        {
            return null;
        }

        var copy = await _queue.FindMirroredCopyAsync(video.Id, cancellationToken).ConfigureAwait(false);
        return copy is null
            ? new MirrorCopyVerification(video, MirrorCopyOutcome.NotMirrored, MirrorCopyAction.None,
                $"its mirror state is {video.Mirror.State}: there is no verified copy on Drive to check")
            : await CheckAsync(copy, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Checks every mirrored video's copy, least recently checked first.</summary>
    public async Task<IReadOnlyList<MirrorCopyVerification>> CheckAllAsync(IProgress<MirrorCopyProgress>? progress, CancellationToken cancellationToken)
    {
        // Read the list first: recording results while a cursor is open would hold a read transaction across every write.
        var copies = await _queue.ReadMirroredCopiesAsync(cancellationToken: cancellationToken).ConfigureAwait(false);
        var results = new List<MirrorCopyVerification>(copies.Count);
        foreach (var copy in copies)
        {
            var result = await CheckAsync(copy, cancellationToken).ConfigureAwait(false);
            results.Add(result);
            progress?.Report(new MirrorCopyProgress(result, results.Count, copies.Count));
        }

        return results;
    }

    /// <summary>Checks one mirrored copy and records what was found and done.</summary>
    public async Task<MirrorCopyVerification> CheckAsync(MirroredCopy copy, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(copy);
        var result = await CheckCoreAsync(copy, cancellationToken).ConfigureAwait(false);
        _metrics.CopyChecked(result.Outcome, result.Action);
        return result;
    }

    private async Task<MirrorCopyVerification> CheckCoreAsync(MirroredCopy copy, CancellationToken cancellationToken)
    {
        var video = copy.Video;
        if (video.Mirror.RemoteFileId is not { } fileId)
        {
            return new MirrorCopyVerification(video, MirrorCopyOutcome.NotMirrored, MirrorCopyAction.None,
                "the record names no Drive file, so there is no copy to check");
        }

        DriveFile? file;
        try
        {
            file = await _drive.GetAsync(fileId, cancellationToken).ConfigureAwait(false);
        }
        catch (DriveException ex)
        {
            Log.CheckFailed(_logger, video.Id, fileId, ex.Error.Message);
            return new MirrorCopyVerification(video, MirrorCopyOutcome.CheckFailed, MirrorCopyAction.None,
                $"Drive could not be asked about file {fileId}: {ex.Error.Message}");
        }

        if (file is null)
        {
            // The id is spent: the upload must create a new file rather than reuse it.
            return await ResolveAsync(copy, fileId, MirrorCopyOutcome.Missing, $"Drive has no file {fileId} (404 not found)",
                forgetRemoteFile: true, sha256Compared: false, md5Compared: false, cancellationToken).ConfigureAwait(false);
        }

        if (file.Trashed)
        {
            // Kept: the mirror's upload sees a trashed file under this id and creates a new one beside it.
            return await ResolveAsync(copy, fileId, MirrorCopyOutcome.Missing, $"Drive's file {fileId} is in the trash",
                forgetRemoteFile: false, sha256Compared: false, md5Compared: false, cancellationToken).ConfigureAwait(false);
        }

        var md5 = copy.ContentMd5;
        string? learnedMd5 = null;
        if (md5 is null && file.Sha256Checksum is null && file.Md5Checksum is not null && file.Size == video.SizeBytes)
        {
            learnedMd5 = md5 = await HashIntactLocalCopyAsync(video, cancellationToken).ConfigureAwait(false);
        }

        var comparison = DriveCopyComparison.Compare(file, video.SizeBytes, video.Sha256, md5);
        if (comparison.Outcome == MirrorCopyOutcome.Corrupt)
        {
            return await ResolveAsync(copy, fileId, MirrorCopyOutcome.Corrupt, comparison.Detail, forgetRemoteFile: false,
                comparison.Sha256Compared, comparison.Md5Compared, cancellationToken).ConfigureAwait(false);
        }

        var detail = comparison.Outcome == MirrorCopyOutcome.Intact ? $"Intact: {comparison.Detail}." : $"Unverified: {comparison.Detail}.";
        if (!await _queue.MarkCopyCheckedAsync(video.Id, fileId, learnedMd5, detail, cancellationToken).ConfigureAwait(false))
        {
            return Changed(video, comparison.Outcome, comparison.Detail) with { Sha256Compared = comparison.Sha256Compared, Md5Compared = comparison.Md5Compared };
        }

        if (comparison.Outcome == MirrorCopyOutcome.Unverified)
        {
            Log.Unverified(_logger, video.Id, fileId, comparison.Detail);
        }

        return new MirrorCopyVerification(video, comparison.Outcome, MirrorCopyAction.None, comparison.Detail)
        {
            Sha256Compared = comparison.Sha256Compared,
            Md5Compared = comparison.Md5Compared,
        };
    }

    /// <summary>A copy gone or wrong: re-queued when the local copy is verified intact, raised as lost when not.</summary>
    private async Task<MirrorCopyVerification> ResolveAsync(
        MirroredCopy copy,
        string fileId,
        MirrorCopyOutcome outcome,
        string found,
        bool forgetRemoteFile,
        bool sha256Compared,
        bool md5Compared,
        CancellationToken cancellationToken)
    {
        var video = copy.Video;
        var kind = outcome == MirrorCopyOutcome.Missing ? VideoEventKind.MirrorCopyMissing : VideoEventKind.MirrorCopyCorrupt;

        // The same re-hash as a local verify (and recorded as one), so the video is re-queued only from bytes that are
        // the recorded video.
        var local = video.LocalState == LocalCopyState.Removed
            ? null
            : await new VideoVerifier(_manifest, _paths, _logger).VerifyAsync(video, progress: null, cancellationToken).ConfigureAwait(false);

        var localOutcome = local?.Outcome ?? VerificationOutcome.NotLocal;
        MirrorCopyAction action;
        if (localOutcome == VerificationOutcome.Intact)
        {
            if (!await _queue.RequeueCopyAsync(video.Id, fileId, kind, $"{found}. Re-queued for upload from the intact local copy.", forgetRemoteFile, cancellationToken)
                .ConfigureAwait(false))
            {
                return Changed(video, outcome, found) with { LocalOutcome = localOutcome };
            }

            Log.Requeued(_logger, video.Id, fileId, found);
            action = MirrorCopyAction.Requeued;
        }
        else
        {
            var why = localOutcome switch
            {
                VerificationOutcome.NotLocal => "the local copy was removed by cleanup",
                VerificationOutcome.Missing => $"the local file {video.RelativePath} is missing",
                _ => $"the local file {video.RelativePath} is corrupt (its SHA-256 differs from the record)",
            };
            var left = outcome == MirrorCopyOutcome.Corrupt ? " The wrong copy on Drive was left as it is." : string.Empty;
            var detail = $"{found}. LOST: {why}, so there is nothing to upload again and no verified copy to restore from.{left} Restore it from a backup outside VideoVault if one exists.";
            if (!await _queue.MarkCopyLostAsync(video.Id, fileId, kind, detail, forgetRemoteFile, cancellationToken).ConfigureAwait(false))
            {
                return Changed(video, outcome, found) with { LocalOutcome = localOutcome };
            }

            Log.Lost(_logger, video.Id, video.StoredName, fileId, found, why);
            action = MirrorCopyAction.Lost;
        }

        // New work for the mirror worker, or a new notification for the dispatcher, in this process.
        _signals.Committed.Pulse();
        return new MirrorCopyVerification(video, outcome, action, found)
        {
            LocalOutcome = localOutcome,
            Sha256Compared = sha256Compared,
            Md5Compared = md5Compared,
        };
    }

    /// <summary>The MD5 of the local copy, when it is present and its SHA-256 (from the same read) matches the record.</summary>
    private async Task<string?> HashIntactLocalCopyAsync(VideoRecord video, CancellationToken cancellationToken)
    {
        if (video.LocalState != LocalCopyState.Present)
        {
            return null;
        }

        try
        {
            var stream = StoredFileHash.OpenRead(_paths.ResolveVideo(video.RelativePath), FileShare.Read | FileShare.Delete);
            await using (stream.ConfigureAwait(false))
            {
                var (sha256, md5, length) = await StoredFileHash.ComputeWithMd5Async(stream, cancellationToken).ConfigureAwait(false);
                return StoredFileHash.IsRecordedContent(video, sha256, length) ? md5 : null;
            }
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            Log.LocalHashFailed(_logger, video.Id, ex);
            return null;
        }
    }

    private static MirrorCopyVerification Changed(VideoRecord video, MirrorCopyOutcome outcome, string found) =>
        new(video, outcome, MirrorCopyAction.None,
            string.Create(CultureInfo.InvariantCulture, $"{found}; nothing recorded: the video changed while it was checked (deleted, re-queued or re-uploaded); check it again"));
}
