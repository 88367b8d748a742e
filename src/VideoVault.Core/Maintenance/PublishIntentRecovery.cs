using Microsoft.Extensions.Logging;
using VideoVault.Manifest;
using VideoVault.Storage;

namespace VideoVault.Maintenance;

/// <summary>
/// Settles the publishes a crash caught between the rename into <c>videos/</c> and the manifest commit, from their
/// intents alone: no walk of <c>videos/</c>, no look at any other record. Per intent: a video already committed ends
/// it; else each name the rename may have taken is probed (one stat each), and a file there that no record owns and
/// whose size and SHA-256 match is committed as that very video (its id, idempotency key and resumable upload); no such
/// file means the rename never happened, and the intent goes.
/// </summary>
internal sealed partial class PublishIntentRecovery
{
    private readonly IVideoManifest _manifest;
    private readonly VideoVaultPaths _paths;
    private readonly TimeProvider _timeProvider;
    private readonly ILogger _logger;
    private readonly bool _mirrorConfigured;

    public PublishIntentRecovery(IVideoManifest manifest, VideoVaultPaths paths, TimeProvider timeProvider, ILogger logger, bool mirrorConfigured)
    {
        ArgumentNullException.ThrowIfNull(manifest);
        ArgumentNullException.ThrowIfNull(paths);
        ArgumentNullException.ThrowIfNull(timeProvider);
        ArgumentNullException.ThrowIfNull(logger);
        _manifest = manifest;
        _paths = paths;
        _timeProvider = timeProvider;
        _logger = logger;
        _mirrorConfigured = mirrorConfigured;
    }

    /// <summary>Whether the manifest keeps publish intents; without them only a walk of <c>videos/</c> finds an interrupted publish.</summary>
    public bool IsSupported => _manifest is IPublishIntentManifest;

    /// <param name="gracePeriod">
    /// Intents younger than this are left alone (a running host may be between its rename and its commit), and their
    /// files are only claimed. <see cref="TimeSpan.Zero"/> when no host can be running on the root (at its start-up).
    /// </param>
    /// <param name="dryRun">Report what would be done without changing anything.</param>
    /// <param name="occasion">Why this runs, for the audit trail: "at start-up", "by reconciliation".</param>
    /// <param name="cancellationToken">Stops between intents.</param>
    public async Task<PublishIntentReport> RecoverAsync(TimeSpan gracePeriod, bool dryRun, string occasion, CancellationToken cancellationToken)
    {
        var report = new PublishIntentReport();
        if (_manifest is not IPublishIntentManifest intents)
        {
            return report;
        }

        var now = _timeProvider.GetUtcNow();
        foreach (var intent in await intents.ReadPublishIntentsAsync(cancellationToken).ConfigureAwait(false))
        {
            cancellationToken.ThrowIfCancellationRequested();
            var settled = now - intent.CreatedAt >= gracePeriod;
            if (await _manifest.FindAsync(intent.VideoId, cancellationToken).ConfigureAwait(false) is not null)
            {
                // The commit ends its intent, so only a video committed some other way gets here: nothing to recover.
                if (settled && !dryRun)
                {
                    await intents.RemovePublishIntentAsync(intent.VideoId, cancellationToken).ConfigureAwait(false);
                }

                continue;
            }

            var found = await FindFileAsync(intent, report.Claimed, verifyContent: settled, cancellationToken).ConfigureAwait(false);
            if (found is not { } file)
            {
                // A young intent without a file may not have been renamed yet; an old one never will be.
                if (settled)
                {
                    report.Dropped++;
                    if (!dryRun)
                    {
                        await intents.RemovePublishIntentAsync(intent.VideoId, cancellationToken).ConfigureAwait(false);
                        Log.IntentDropped(_logger, intent.VideoId);
                    }
                }

                continue;
            }

            report.Claimed.Add(file.RelativePath);
            if (!settled)
            {
                Log.InFlight(_logger, file.RelativePath, intent.VideoId);
                report.InFlight[file.RelativePath] = intent.CreatedAt + gracePeriod;
            }
            else if (dryRun || await CommitAsync(intents, intent, file.StoredName, file.RelativePath, occasion, cancellationToken).ConfigureAwait(false))
            {
                report.Recovered.Add(file.RelativePath);
            }
            else
            {
                report.Refused.Add(file.RelativePath);
            }
        }

        return report;
    }

    /// <summary>
    /// The file the intent's rename produced: the first name it may have taken that holds a file no record owns, of
    /// the intent's size and (when <paramref name="verifyContent"/>) SHA-256. Each name costs one stat; the directory
    /// is never listed.
    /// </summary>
    private async Task<(string StoredName, string RelativePath)?> FindFileAsync(
        PublishIntent intent, HashSet<string> claimed, bool verifyContent, CancellationToken cancellationToken)
    {
        for (var attempt = 1; attempt <= LocalVideoStore.MaxNameAttempt; attempt++)
        {
            var storedName = intent.StoredName(attempt);
            var relative = intent.Folder + "/" + storedName;
            var path = _paths.ResolveVideo(relative);
            var info = new FileInfo(path);
            if (!info.Exists || info.Length != intent.SizeBytes || claimed.Contains(relative)
                || await _manifest.FindAsync(storedName, cancellationToken).ConfigureAwait(false) is not null)
            {
                continue;
            }

            if (!verifyContent || await HasContentAsync(path, intent, cancellationToken).ConfigureAwait(false))
            {
                return (storedName, relative);
            }
        }

        return null;
    }

    private async Task<bool> CommitAsync(
        IPublishIntentManifest intents, PublishIntent intent, string storedName, string relativePath, string occasion, CancellationToken cancellationToken)
    {
        var record = intent.ToRecord(storedName, _mirrorConfigured ? MirrorStatus.Pending : MirrorStatus.Disabled);
        var detail = $"stored {relativePath} ({record.SizeBytes} bytes); recovered {occasion}: the file was renamed into place before a crash interrupted its commit";
        var uploads = _manifest as IUploadManifest;
        var upload = intent.UploadId is { } uploadId && uploads is not null
            ? await uploads.FindUploadAsync(uploadId, cancellationToken).ConfigureAwait(false)
            : null;

        // The upload's completion, as the publish would have committed it; an upload removed meanwhile (an admin
        // expired it while the host was down) leaves the video to be committed on its own.
        var added = upload is { IsCompleted: false }
            ? await uploads!.AddVideoFromUploadAsync(record, upload.Id, detail, cancellationToken).ConfigureAwait(false)
            : await _manifest.AddAsync(record, VideoEventKind.Stored, detail, cancellationToken).ConfigureAwait(false);
        if (added)
        {
            Log.Recovered(_logger, record.Id, relativePath, occasion);
            return true;
        }

        // Refused: a video holding the idempotency key committed first (concurrent retries). The publish would have
        // taken its own file back, so this does too; a replay of the same bytes completes the upload with that video.
        if (intent.IdempotencyKey is { } key && await _manifest.FindByIdempotencyKeyAsync(key, cancellationToken).ConfigureAwait(false) is { } winner)
        {
            if (upload is { IsCompleted: false } && string.Equals(winner.Sha256, intent.Sha256, StringComparison.OrdinalIgnoreCase))
            {
                await uploads!.CompleteWithExistingAsync(upload.Id, winner.Id, _timeProvider.GetUtcNow(), $"upload {upload.Id} replayed video {winner.Id}", cancellationToken)
                    .ConfigureAwait(false);
            }

            DurableFileSystem.DeleteDurably(_paths.ResolveVideo(relativePath));
            await intents.RemovePublishIntentAsync(intent.VideoId, cancellationToken).ConfigureAwait(false);
            Log.DuplicateRemoved(_logger, relativePath, intent.VideoId, winner.Id);
            return false;
        }

        // Anything else is for a full reconciliation to look at; the intent has nothing more to say.
        await intents.RemovePublishIntentAsync(intent.VideoId, cancellationToken).ConfigureAwait(false);
        Log.RecoveryRefused(_logger, relativePath, intent.VideoId);
        return false;
    }

    private static async Task<bool> HasContentAsync(string path, PublishIntent intent, CancellationToken cancellationToken)
    {
        try
        {
            var stream = StoredFileHash.OpenRead(path, FileShare.Read);
            await using (stream.ConfigureAwait(false))
            {
                var (sha256, length) = await StoredFileHash.ComputeAsync(stream, onRead: null, cancellationToken).ConfigureAwait(false);
                return length == intent.SizeBytes && string.Equals(sha256, intent.Sha256, StringComparison.OrdinalIgnoreCase);
            }
        }
        catch (Exception ex) when (ex is FileNotFoundException or DirectoryNotFoundException)
        {
            return false;
        }
    }
}
