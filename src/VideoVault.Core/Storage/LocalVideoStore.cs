using System.Buffers;
using System.Diagnostics;
using System.Globalization;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using VideoVault.Diagnostics;
using VideoVault.Manifest;
using VideoVault.Mirroring;

namespace VideoVault.Storage;

/// <summary>
/// The local, durable <see cref="IVideoStore"/>. Commit order: temp file fsync'd → publish intent committed →
/// no-overwrite rename into <c>videos/yyyy/MM/</c> → directory fsync → manifest row committed (ending the intent) →
/// <see cref="SaveVideoOutcome.Stored"/>.
/// Expected refusals are results with client-safe reasons; anything else throws and leaves nothing partial behind.
/// </summary>
internal sealed partial class LocalVideoStore : IVideoStore
{
    /// <summary>How many names one rename tries, from its first attempt on, before it gives up.</summary>
    internal const int MaxNameAttempts = 1000;

    /// <summary>How many times the manifest may refuse a published file's name before the publish gives up.</summary>
    internal const int MaxCommitPasses = 10;

    /// <summary>
    /// The highest name attempt a publish can reach: each refused commit moves the file to a later name, and each
    /// rename tries <see cref="MaxNameAttempts"/> names. A recovery looks for an interrupted publish's file up to here.
    /// </summary>
    internal const int MaxNameAttempt = MaxCommitPasses + MaxNameAttempts;
    private const int MaxIdempotencyKeyLength = 255;
    private const string IdempotencyKeyConflictReason = "This idempotency key was already used for a different video.";

    private readonly IVideoManifest _manifest;
    private readonly VideoVaultPaths _paths;
    private readonly VideoVaultOptions _options;
    private readonly AtomicFileWriter _writer;
    private readonly FreeSpaceGuard _freeSpace;
    private readonly TimeProvider _timeProvider;
    private readonly VideoVaultDiagnostics _diagnostics;
    private readonly ILogger<LocalVideoStore> _logger;
    private readonly bool _mirrorConfigured;
    private readonly MirrorSignals? _signals;
    private readonly IDurableFileSystem _fileSystem;
    private int _directoriesReady;

    public LocalVideoStore(
        IVideoManifest manifest,
        VideoVaultPaths paths,
        IOptions<VideoVaultOptions> options,
        AtomicFileWriter writer,
        TimeProvider timeProvider,
        VideoVaultDiagnostics diagnostics,
        ILogger<LocalVideoStore> logger,
        MirrorRegistration? mirror = null,
        MirrorSignals? signals = null,
        IDurableFileSystem? fileSystem = null)
    {
        ArgumentNullException.ThrowIfNull(manifest);
        ArgumentNullException.ThrowIfNull(paths);
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(writer);
        ArgumentNullException.ThrowIfNull(timeProvider);
        ArgumentNullException.ThrowIfNull(diagnostics);
        ArgumentNullException.ThrowIfNull(logger);
        _manifest = manifest;
        _paths = paths;
        _options = options.Value;
        _writer = writer;
        _timeProvider = timeProvider;
        _diagnostics = diagnostics;
        _logger = logger;
        _mirrorConfigured = mirror is not null;
        _signals = signals;
        _fileSystem = fileSystem ?? SystemDurableFileSystem.Instance;
        _freeSpace = new FreeSpaceGuard(paths.Root, _options.MinFreeSpaceBytes);
    }

    public async Task<SaveVideoResult> SaveAsync(VideoUpload upload, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(upload);
        ArgumentNullException.ThrowIfNull(upload.Content);
        ValidateIdempotencyKey(upload.IdempotencyKey, nameof(upload));
        using var activity = VideoVaultDiagnostics.ActivitySource.StartActivity("VideoVault.Save");
        var started = _timeProvider.GetTimestamp();
        try
        {
            var result = await SaveCoreAsync(upload, activity, cancellationToken).ConfigureAwait(false);
            var elapsed = _timeProvider.GetElapsedTime(started);
            if (result.IsReplay)
            {
                _diagnostics.Replayed(elapsed);
                activity?.SetTag("videovault.replay", true);
            }
            else if (result.IsStored)
            {
                _diagnostics.Stored(result.Video!.SizeBytes, elapsed);
            }
            else
            {
                _diagnostics.Refused(result.Outcome, elapsed);
                activity?.SetTag("videovault.refusal", VideoVaultDiagnostics.ReasonTag(result.Outcome));
            }

            return result;
        }
        catch (Exception ex)
        {
            _diagnostics.Failed(_timeProvider.GetElapsedTime(started));
            activity?.SetStatus(ActivityStatusCode.Error, ex.GetType().Name);
            throw;
        }
    }

    public Task<VideoRecord?> FindAsync(string idOrStoredName, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(idOrStoredName);
        return _manifest.FindAsync(idOrStoredName, cancellationToken);
    }

    public Task<VideoPage> ListAsync(VideoQuery query, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(query);
        return _manifest.ListAsync(query, cancellationToken);
    }

    public async Task<StorageStatistics> GetStatisticsAsync(CancellationToken cancellationToken = default)
    {
        var statistics = await _manifest.GetStatisticsAsync(cancellationToken).ConfigureAwait(false);
        EnsureDirectories();
        return statistics with { DiskFreeBytes = _freeSpace.AvailableBytes() };
    }

    public async Task<Stream?> OpenReadAsync(string idOrStoredName, CancellationToken cancellationToken = default)
    {
        var video = await FindAsync(idOrStoredName, cancellationToken).ConfigureAwait(false);
        if (video is null || video.LocalState != LocalCopyState.Present)
        {
            return null;
        }

        try
        {
            return new FileStream(_paths.ResolveVideo(video.RelativePath), new FileStreamOptions
            {
                Mode = FileMode.Open,
                Access = FileAccess.Read,
                Share = FileShare.Read | FileShare.Delete,
                BufferSize = 1 << 16,
                Options = FileOptions.Asynchronous | FileOptions.SequentialScan,
            });
        }
        catch (Exception ex) when (ex is FileNotFoundException or DirectoryNotFoundException)
        {
            Log.FileOfRecordMissing(_logger, video.Id, video.RelativePath);
            return null;
        }
    }

    public async Task<DeleteVideoResult> DeleteAsync(string idOrStoredName, CancellationToken cancellationToken = default)
    {
        var video = await FindAsync(idOrStoredName, cancellationToken).ConfigureAwait(false);
        if (video is null)
        {
            return new DeleteVideoResult(false, null);
        }

        // File first: if the record removal then fails, reconciliation flags a missing file (an alarm), whereas the
        // other order would leave an orphan that reconciliation adopts and so resurrect a deleted video.
        var fileDeleted = DurableFileSystem.DeleteDurably(_paths.ResolveVideo(video.RelativePath));
        var removed = await _manifest.RemoveAsync(video.Id, fileDeleted ? "file and record deleted" : "record deleted (file was already gone)", cancellationToken)
            .ConfigureAwait(false);
        Log.Deleted(_logger, video.Id, video.RelativePath);
        return new DeleteVideoResult(removed, video);
    }

    /// <summary>
    /// A one-piece staged upload that lives in this process only: the same sniffing, writing and publishing as a
    /// resumable upload, without the manifest row (nobody can resume it).
    /// </summary>
    private async Task<SaveVideoResult> SaveCoreAsync(VideoUpload upload, Activity? activity, CancellationToken cancellationToken)
    {
        var declared = upload.DeclaredLength is { } length and > 0 ? length : 0;
        var request = new StagedUploadRequest(upload.OriginalFileName)
        {
            Category = upload.Category,
            DeclaredMimeType = upload.DeclaredMimeType,
            IdempotencyKey = upload.IdempotencyKey,
            Resumable = false,
        };

        var created = await CreateCoreAsync(request, declared, cancellationToken).ConfigureAwait(false);
        if (!created.IsAccepted)
        {
            return SaveVideoResult.Refused(ToSaveOutcome(created.Outcome), created.Reason!);
        }

        var id = created.Upload!.Id;
        var body = new ObservedBodyStream(upload.Content);
        var afterContentFailed = false;
        try
        {
            var appended = await AppendAsync(id, 0, body, null, cancellationToken).ConfigureAwait(false);
            if (!appended.IsAccepted)
            {
                return SaveVideoResult.Refused(ToSaveOutcome(appended.Outcome), appended.Reason!);
            }

            if (appended.Upload!.Container is { } container)
            {
                activity?.SetTag("videovault.container", container.ToString());
            }

            StagedUploadCompletion? late = null;
            if (upload.AfterContent is { } afterContent)
            {
                try
                {
                    late = await afterContent(cancellationToken).ConfigureAwait(false);
                }
                catch (Exception ex) when (ex is not OutOfMemoryException)
                {
                    // The caller's own reading failed (a malformed form after the file, a client gone): not a fault of the store.
                    Log.UploadAborted(_logger, ex.GetType().Name);
                    await AuditBestEffortAsync(VideoEventKind.Refused, null, "upload aborted: what followed the content could not be read").ConfigureAwait(false);
                    afterContentFailed = true;
                    throw;
                }
            }

            var completed = await CompleteAsync(id, late, cancellationToken).ConfigureAwait(false);
            return completed switch
            {
                { IsAccepted: true, IsReplay: true } => SaveVideoResult.Replayed(completed.Video!),
                { IsAccepted: true } => SaveVideoResult.Stored(completed.Video!),
                _ => SaveVideoResult.Refused(ToSaveOutcome(completed.Outcome), completed.Reason!),
            };
        }
        catch (Exception ex) when (ex is not OutOfMemoryException && !afterContentFailed)
        {
            // A client that goes away is routine, not a fault of the store: no warning, no stack trace.
            string detail;
            if (ex is OperationCanceledException && cancellationToken.IsCancellationRequested)
            {
                Log.UploadAborted(_logger, ex.GetType().Name);
                detail = "upload aborted: cancelled";
            }
            else if (body.Threw(ex))
            {
                Log.UploadAborted(_logger, ex.GetType().Name);
                detail = "upload aborted: the body ended early or the client went away";
            }
            else
            {
                Log.SaveFailed(_logger, ex.GetType().Name, ex);
                detail = "upload failed: " + ex.GetType().Name;
            }

            await AuditBestEffortAsync(VideoEventKind.Refused, null, detail).ConfigureAwait(false);
            throw;
        }
        finally
        {
            // A one-piece upload lives for this call only: whatever did not become a video (a refusal at any step, a
            // failure) goes with its file. A published one's session is already gone.
            if (_sessions.TryGetValue(id, out var session))
            {
                AtomicFileWriter.TryDelete(session.Path);
                ForgetSession(session);
            }
        }
    }

    // The one way a video enters videos/ and the manifest: SaveAsync and every staged upload end here. commit writes
    // the record (with its mirror job, and for a resumable upload its completion) in one transaction. Everything here
    // runs without the caller's token: the bytes are complete and fsync'd, and abandoning the rename or the commit
    // half-way would only turn a finished upload into an interrupted publish for the next start-up to commit.
    private async Task<SaveVideoResult> PublishAsync(PublishRequest upload, DateTimeOffset now, Func<VideoRecord, string, Task<bool>> commit)
    {
        // What this publish will do, as one value: the names the rename tries, the record the commit writes, and (when
        // the manifest keeps intents) the row a recovery after a crash between the two reads back.
        var signature = upload.Signature;
        var shard = VideoFileNamer.ShardFolder(now);
        var intent = new PublishIntent
        {
            VideoId = upload.Id,
            UploadId = upload.ResumableUploadId,
            Folder = shard,
            Category = VideoFileNamer.SanitizeCategory(upload.Category, _options.DefaultCategory),
            Stem = VideoFileNamer.SanitizeStem(upload.OriginalFileName),
            Extension = ChooseExtension(signature, upload.OriginalFileName),
            OriginalFileName = VideoFileNamer.SanitizeOriginalName(upload.OriginalFileName),
            IdempotencyKey = upload.IdempotencyKey,
            MimeType = signature.MimeType,
            Container = signature.Container,
            SizeBytes = upload.Length,
            Sha256 = upload.Sha256,
            CreatedAt = now,
        };
        var mirror = _mirrorConfigured ? MirrorStatus.Pending : MirrorStatus.Disabled;
        var directory = Path.Combine(_paths.Root, shard.Replace('/', Path.DirectorySeparatorChar));

        // Before the first rename: a crash between the rename and the commit then leaves a row that says where the file
        // went and what to commit, and start-up looks at those rows instead of walking videos/.
        var intentRefusal = await RecordIntentAsync(intent, upload.OriginalFileName).ConfigureAwait(false);
        if (intentRefusal is not null)
        {
            return intentRefusal;
        }

        // The final path once the rename happened: from then on a failure must take the video back down.
        string? published = null;
        var nameAttempt = 1;
        for (var attempt = 1; ; attempt++)
        {
            // The first pass renames the temp file into place. A later pass means a record already owns the name (its
            // file may be missing, so the rename succeeded): the published file takes the next name. That file has no
            // record of its own, so every way out of here but a commit takes it down.
            string storedName;
            try
            {
                if (published is null)
                {
                    _fileSystem.CreateDirectoryDurably(directory);
                }
                else if (attempt > MaxCommitPasses)
                {
                    throw new IOException($"The manifest refused the record for '{_paths.ToRelative(published)}' repeatedly.");
                }

                (storedName, nameAttempt) = MoveIntoPlace(published ?? upload.TempPath, directory, intent, nameAttempt);
                published = Path.Combine(directory, storedName);
                _fileSystem.SyncDirectory(directory);
            }
            catch (Exception ex) when (ex is not OutOfMemoryException)
            {
                // Not acknowledged, so not kept: a file whose directory entry may not be durable is not a stored video.
                await TakeBackAsync(upload, published, directory).ConfigureAwait(false);
                if (FreeSpaceGuard.IsOutOfSpace(ex))
                {
                    return await RefuseOutOfSpaceAsync(ex, upload.OriginalFileName).ConfigureAwait(false);
                }

                throw;
            }

            var record = intent.ToRecord(storedName, mirror);
            bool added;
            try
            {
                added = await commit(record, $"stored {record.RelativePath} ({record.SizeBytes} bytes)").ConfigureAwait(false);
            }
            catch (Exception ex) when (ex is not OutOfMemoryException)
            {
                // The error alone does not say whether the transaction committed (a WAL checkpoint right after a
                // commit can fail, or the connection can break on the way back), so the manifest decides.
                var committed = await WasCommittedAsync(record.Id).ConfigureAwait(false);
                if (committed is null)
                {
                    // A record may exist, so neither the file nor its intent may go: the next start-up commits the file
                    // from its intent unless the record is there; the caller gets no ack.
                    Log.ManifestCommitFailed(_logger, record.RelativePath, ex);
                    throw;
                }

                if (committed == false)
                {
                    // Certainly not stored, so not kept: left in videos/ it would be adopted while the client, told it
                    // failed, uploads it again.
                    await TakeBackAsync(upload, published, directory).ConfigureAwait(false);
                    if (FreeSpaceGuard.IsOutOfSpace(ex))
                    {
                        return await RefuseOutOfSpaceAsync(ex, upload.OriginalFileName).ConfigureAwait(false);
                    }

                    Log.ManifestCommitRolledBack(_logger, record.RelativePath, ex.GetType().Name);
                    throw;
                }

                Log.ManifestErrorAfterCommit(_logger, record.Id, ex.GetType().Name, ex);
                added = true;
            }

            if (added)
            {
                Log.Stored(_logger, record.Id, record.RelativePath, record.SizeBytes, record.Container);
                _signals?.Committed.Pulse();
                return SaveVideoResult.Stored(record);
            }

            // Refused for the key rather than the name: a concurrent upload with the same key committed after this
            // one looked it up. Its record answers this upload, whose own file has no record and so goes.
            if (record.IdempotencyKey is { } key)
            {
                VideoRecord? winner;
                try
                {
                    winner = await _manifest.FindByIdempotencyKeyAsync(key, CancellationToken.None).ConfigureAwait(false);
                }
                catch (Exception ex) when (ex is not OutOfMemoryException)
                {
                    await TakeBackAsync(upload, published, directory).ConfigureAwait(false);
                    throw;
                }

                if (winner is not null)
                {
                    await TakeBackAsync(upload, published, directory).ConfigureAwait(false);
                    return await AnswerRepeatedKeyAsync(upload.OriginalFileName, winner, record.Sha256).ConfigureAwait(false);
                }
            }

            nameAttempt++;
        }
    }

    /// <summary>
    /// Answers an upload whose key a record already holds: the same bytes are a retry of that upload, other bytes a
    /// client reusing a key. Either way the existing video is left exactly as it is.
    /// </summary>
    private async Task<SaveVideoResult> AnswerRepeatedKeyAsync(string originalFileName, VideoRecord existing, string sha256)
    {
        if (string.Equals(existing.Sha256, sha256, StringComparison.OrdinalIgnoreCase))
        {
            Log.Replayed(_logger, existing.Id, existing.RelativePath);
            return SaveVideoResult.Replayed(existing);
        }

        Log.IdempotencyKeyConflict(_logger, existing.Id);
        return await RefuseAsync(SaveVideoOutcome.IdempotencyKeyConflict, IdempotencyKeyConflictReason, originalFileName).ConfigureAwait(false);
    }

    // The endpoint validates the header first; this guards tools that call the store directly.
    private static void ValidateIdempotencyKey(string? idempotencyKey, string parameterName)
    {
        if (idempotencyKey is not { } key)
        {
            return;
        }

        if (key.Length is 0 or > MaxIdempotencyKeyLength)
        {
            throw new ArgumentException(
                $"An idempotency key must be 1 to {MaxIdempotencyKeyLength} characters long; this one has {key.Length}.",
                parameterName);
        }

        foreach (var c in key)
        {
            if (c is < (char)0x20 or > (char)0x7E)
            {
                throw new ArgumentException(
                    $"An idempotency key may contain only printable ASCII characters (0x20 to 0x7E); this one contains U+{(int)c:X4}.",
                    parameterName);
            }
        }
    }

    // A failed commit normally rolled back, but an error can also arrive after the commit (SQLITE_FULL from the WAL
    // checkpoint that follows it, a broken connection). Only a record that is certainly absent lets the file go;
    // null means "cannot tell".
    private async Task<bool?> WasCommittedAsync(string id)
    {
        try
        {
            return await _manifest.FindAsync(id, CancellationToken.None).ConfigureAwait(false) is not null;
        }
        catch (Exception ex) when (ex is not OutOfMemoryException)
        {
            Log.CommitCheckFailed(_logger, id, ex);
            return null;
        }
    }

    private Task<SaveVideoResult> RefuseOutOfSpaceAsync(Exception exception, string originalFileName)
    {
        Log.OutOfSpaceWhilePublishing(_logger, exception.GetType().Name, exception);
        return RefuseAsync(SaveVideoOutcome.InsufficientStorage, NoSpaceReason, originalFileName);
    }

    private string TooLargeReason => $"The video is larger than the limit of {FormatBytes(_options.MaxFileSizeBytes)}.";

    private const string NoSpaceReason = "There is not enough free storage space for this video.";
    private const string EmptyReason = "The upload is empty.";
    private const string NotAVideoReason = "The content is not a supported video container (MP4, MOV, 3GP, MKV, WebM, AVI, MPEG-TS, MPEG-PS, FLV or ASF).";

    /// <summary>
    /// Commits the publish intent (when the manifest keeps intents): the folder, the parts of every name the rename may
    /// take, and the record the commit will write. Nothing is renamed yet, so a failure leaves the upload's bytes where
    /// they are; a full disk is the usual refusal, anything else throws.
    /// </summary>
    private async Task<SaveVideoResult?> RecordIntentAsync(PublishIntent intent, string originalFileName)
    {
        if (_manifest is not IPublishIntentManifest intents)
        {
            return null;
        }

        try
        {
            await intents.AddPublishIntentAsync(intent, CancellationToken.None).ConfigureAwait(false);
            return null;
        }
        catch (Exception ex) when (FreeSpaceGuard.IsOutOfSpace(ex))
        {
            return await RefuseOutOfSpaceAsync(ex, originalFileName).ConfigureAwait(false);
        }
    }

    /// <summary>
    /// Takes back a publish that will not be acknowledged (<see cref="Unpublish"/>), then its intent, which has nothing
    /// left to find. Best effort: an intent that stays is dropped by the next start-up, which finds no file for it. An
    /// intent whose file could not be removed is kept, so start-up commits the file under this upload's id (a retry
    /// with its idempotency key is then a replay) rather than leave it to be adopted under a new one.
    /// </summary>
    private async Task TakeBackAsync(PublishRequest upload, string? publishedPath, string directory)
    {
        if (!Unpublish(upload.TempPath, publishedPath, directory) || _manifest is not IPublishIntentManifest intents)
        {
            return;
        }

        try
        {
            await intents.RemovePublishIntentAsync(upload.Id, CancellationToken.None).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is not OutOfMemoryException)
        {
            Log.PublishIntentNotRemoved(_logger, upload.Id, ex);
        }
    }

    /// <summary>
    /// Takes back a video that was renamed into <c>videos/</c> but will not be acknowledged: left there, it would be
    /// committed or adopted and mirrored while the client, told it failed, uploads it again. Best effort: if this fails
    /// too, the file stays (the lesser evil than masking the original error).
    /// </summary>
    /// <returns>Whether nothing of this publish is left in <c>videos/</c>, durably.</returns>
    private bool Unpublish(string tempPath, string? publishedPath, string directory)
    {
        AtomicFileWriter.TryDelete(tempPath);
        if (publishedPath is null)
        {
            return true;
        }

        try
        {
            File.Delete(publishedPath);
            _fileSystem.SyncDirectory(directory);
            return true;
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            Log.UnpublishFailed(_logger, _paths.ToRelative(publishedPath), ex);
            return false;
        }
    }

    /// <summary>
    /// Renames <paramref name="source"/> to the first free stored name of <paramref name="intent"/> from
    /// <paramref name="firstAttempt"/> on: the same names a recovery probes (<see cref="PublishIntent.StoredName"/>).
    /// </summary>
    /// <returns>The name taken and its attempt number.</returns>
    private (string Name, int Attempt) MoveIntoPlace(string source, string directory, PublishIntent intent, int firstAttempt) =>
        TryMoveIntoPlace(source, directory, intent.StoredName, firstAttempt, MaxNameAttempts)
        ?? throw new IOException($"No free stored name was found for '{intent.Stem}' after {MaxNameAttempts} attempts.");

    /// <summary>
    /// The rename of every publish, a new upload's or a restore's: <paramref name="source"/> (an fsync'd file in
    /// <c>.incoming/</c>) takes the first of <paramref name="attempts"/> names from <paramref name="firstAttempt"/> on
    /// that is free in <paramref name="directory"/>, never replacing a file that is there.
    /// </summary>
    /// <returns>The name taken and its attempt number, or <see langword="null"/> when every name was taken.</returns>
    private (string Name, int Attempt)? TryMoveIntoPlace(string source, string directory, Func<int, string> nameAt, int firstAttempt, int attempts)
    {
        for (var attempt = firstAttempt; attempt < firstAttempt + attempts; attempt++)
        {
            var name = nameAt(attempt);
            if (_fileSystem.TryMoveNoReplace(source, Path.Combine(directory, name)))
            {
                return (name, attempt);
            }
        }

        return null;
    }

    private static string ChooseExtension(VideoSignature signature, string originalName)
    {
        // The container decides; the client's extension only picks among that container's own spellings (wmv/asf).
        var allowed = VideoSignatureSniffer.ExtensionsOf(signature.Container);
        var clientExtension = Path.GetExtension(VideoFileNamer.SanitizeOriginalName(originalName)).TrimStart('.').ToLowerInvariant();
        return allowed.Contains(clientExtension) ? clientExtension : signature.Extension;
    }

    private async Task<SaveVideoResult> RefuseAsync(SaveVideoOutcome outcome, string reason, string originalFileName)
    {
        Log.Refused(_logger, VideoVaultDiagnostics.ReasonTag(outcome), VideoFileNamer.SanitizeOriginalName(originalFileName));
        await AuditBestEffortAsync(VideoEventKind.Refused, null, $"{VideoVaultDiagnostics.ReasonTag(outcome)}: {reason}").ConfigureAwait(false);
        return SaveVideoResult.Refused(outcome, reason);
    }

    // The audit trail must not turn a refusal into an exception, nor mask the original error of a failed upload.
    private async Task AuditBestEffortAsync(VideoEventKind kind, string? videoId, string detail)
    {
        try
        {
            await _manifest.AppendEventAsync(kind, videoId, detail, CancellationToken.None).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is not OutOfMemoryException)
        {
            Log.AuditFailed(_logger, kind, ex);
        }
    }

    private void EnsureDirectories()
    {
        if (Volatile.Read(ref _directoriesReady) == 0)
        {
            _paths.EnsureCreated();
            Volatile.Write(ref _directoriesReady, 1);
        }
    }

    private static string FormatBytes(long bytes) => bytes switch
    {
        >= 1L << 30 when bytes % (1L << 30) == 0 => (bytes >> 30).ToString(CultureInfo.InvariantCulture) + " GiB",
        >= 1L << 20 when bytes % (1L << 20) == 0 => (bytes >> 20).ToString(CultureInfo.InvariantCulture) + " MiB",
        _ => bytes.ToString(CultureInfo.InvariantCulture) + " bytes",
    };
}
