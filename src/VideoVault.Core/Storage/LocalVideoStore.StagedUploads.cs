using System.Buffers;
using System.Collections.Concurrent;
using System.Globalization;
using System.Runtime.CompilerServices;
using System.Runtime.ExceptionServices;
using System.Security.Cryptography;
using VideoVault.Manifest;
using VideoVault.Uploads;

namespace VideoVault.Storage;

/// <summary>
/// Staged uploads (<see cref="IStagedUploadStore"/>): bytes arrive in pieces into one file, each piece fsync'd before
/// its offset is committed, and the finished file is published by the same <see cref="PublishAsync"/> that
/// <see cref="SaveAsync"/> uses, which is itself a one-piece staged upload.
/// </summary>
internal sealed partial class LocalVideoStore : IStagedUploadStore
{
    private const int IdLength = 32;
    private const int RehashBufferSize = 1 << 20;

    private readonly ConcurrentDictionary<string, UploadSession> _sessions = new(StringComparer.Ordinal);

    public Task<StagedUploadResult> CreateAsync(StagedUploadRequest request, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        return CreateCoreAsync(request, request.Length ?? 0, cancellationToken);
    }

    public Task<StagedUploadResult> AppendAsync(string uploadId, long offset, Stream content, StagedAppendOptions? options = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(uploadId);
        ArgumentNullException.ThrowIfNull(content);
        ArgumentOutOfRangeException.ThrowIfNegative(offset);
        return WithUploadAsync(uploadId, session => AppendLockedAsync(session, offset, content, options, cancellationToken), cancellationToken);
    }

    public async Task<StagedUploadResult> GetAsync(string uploadId, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(uploadId);
        if (!IsUploadId(uploadId))
        {
            return UnknownUpload();
        }

        var row = _sessions.TryGetValue(uploadId, out var session) && !session.IsResumable
            ? session.LocalRow
            : _manifest is IUploadManifest uploads ? await uploads.FindUploadAsync(uploadId, cancellationToken).ConfigureAwait(false) : null;
        if (row is null)
        {
            return UnknownUpload();
        }

        var upload = ToStaged(row, session?.IsResumable ?? true);
        return upload.State == StagedUploadState.Expired
            ? StagedUploadResult.Refused(StagedUploadOutcome.Expired, ExpiredReason, upload)
            : StagedUploadResult.Accepted(upload);
    }

    public Task<StagedUploadResult> DeclareLengthAsync(string uploadId, long length, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(uploadId);
        return WithUploadAsync(uploadId, async session =>
        {
            var (row, refusal) = await LoadOpenAsync(session, cancellationToken).ConfigureAwait(false);
            if (refusal is not null)
            {
                return refusal;
            }

            var (declared, conflict) = await DeclareAsync(session, row!, length).ConfigureAwait(false);
            if (conflict is not null)
            {
                return conflict;
            }

            if (declared.Length == row!.Length)
            {
                return StagedUploadResult.Accepted(ToStaged(row, session.IsResumable));
            }

            var saved = await SaveProgressAsync(session, declared with { UpdatedAt = _timeProvider.GetUtcNow() }, row.Offset, null, null, cancellationToken).ConfigureAwait(false);
            return StagedUploadResult.Accepted(ToStaged(saved, session.IsResumable));
        }, cancellationToken);
    }

    public Task<StagedUploadResult> CompleteAsync(string uploadId, StagedUploadCompletion? completion = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(uploadId);
        return WithUploadAsync(uploadId, session => CompleteLockedAsync(session, completion, cancellationToken), cancellationToken);
    }

    public Task<StagedUploadResult> CancelAsync(string uploadId, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(uploadId);
        return WithUploadAsync(uploadId, async session =>
        {
            var row = await LoadAsync(session, cancellationToken).ConfigureAwait(false);
            if (row is null)
            {
                return UnknownUpload();
            }

            var upload = ToStaged(row, session.IsResumable);
            if (row.IsCompleted)
            {
                return StagedUploadResult.Refused(StagedUploadOutcome.AlreadyCompleted, AlreadyCompletedReason, upload);
            }

            await RemoveUploadAsync(session, VideoEventKind.UploadTerminated, $"upload {row.Id} terminated at {row.Offset} of {DescribeLength(row.Length)} bytes").ConfigureAwait(false);
            Log.UploadTerminated(_logger, row.Id, row.Offset);
            return StagedUploadResult.Accepted(upload);
        }, cancellationToken);
    }

    public async IAsyncEnumerable<StagedUpload> ListAsync([EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        if (_manifest is not IUploadManifest uploads)
        {
            yield break;
        }

        await foreach (var row in uploads.ReadUploadsAsync(cancellationToken).ConfigureAwait(false))
        {
            yield return ToStaged(row, isResumable: true);
        }
    }

    public async Task<IReadOnlyList<StagedUpload>> ExpireAsync(bool dryRun = false, CancellationToken cancellationToken = default)
    {
        var expired = new List<StagedUpload>();
        if (_manifest is not IUploadManifest uploads)
        {
            return expired;
        }

        var candidates = new List<UploadRow>();
        await foreach (var row in uploads.ReadUploadsAsync(cancellationToken).ConfigureAwait(false))
        {
            if (IsExpired(row))
            {
                candidates.Add(row);
            }
        }

        foreach (var candidate in candidates)
        {
            cancellationToken.ThrowIfCancellationRequested();
            if (dryRun)
            {
                expired.Add(ToStaged(candidate, isResumable: true));
                continue;
            }

            var session = GetOrAddResumableSession(candidate.Id, createdHere: false);
            if (!session.Gate.Wait(0, CancellationToken.None))
            {
                continue; // An append is running right now, so the upload is not idle after all.
            }

            try
            {
                // Read again under the lock: progress since the scan makes it live again.
                var row = await uploads.FindUploadAsync(candidate.Id, cancellationToken).ConfigureAwait(false);
                if (row is null || !IsExpired(row))
                {
                    continue;
                }

                var detail = row.IsCompleted
                    ? $"completed upload {row.Id} (video {row.VideoId}) forgotten after {_options.ResumableUploadExpiry}"
                    : $"upload {row.Id} expired after {_options.ResumableUploadExpiry} without progress at {row.Offset} of {DescribeLength(row.Length)} bytes; its bytes were removed";
                await RemoveUploadAsync(session, VideoEventKind.UploadExpired, detail).ConfigureAwait(false);
                Log.UploadExpired(_logger, row.Id, row.Offset, row.IsCompleted);
                expired.Add(ToStaged(row, isResumable: true));
            }
            finally
            {
                session.Gate.Release();
            }
        }

        return expired;
    }

    /// <summary>
    /// Start-up recovery: publishes uploads whose last byte was committed but whose completion a crash interrupted, and
    /// removes files in <c>.incoming/resumable/</c> that no upload owns (a crash between the file and its row).
    /// </summary>
    internal async Task<int> RecoverUploadsAsync(CancellationToken cancellationToken)
    {
        if (_manifest is not IUploadManifest uploads)
        {
            return 0;
        }

        var known = new HashSet<string>(StringComparer.Ordinal);
        var finished = new List<string>();
        await foreach (var row in uploads.ReadUploadsAsync(cancellationToken).ConfigureAwait(false))
        {
            known.Add(row.Id);
            if (!row.IsCompleted && row.Length is { } length && row.Offset == length && !IsExpired(row))
            {
                finished.Add(row.Id);
            }
        }

        var recovered = 0;
        foreach (var id in finished)
        {
            var result = await CompleteAsync(id, null, cancellationToken).ConfigureAwait(false);
            Log.FinishedUploadRecovered(_logger, id, result.Outcome);
            recovered += result.IsAccepted ? 1 : 0;
        }

        if (Directory.Exists(_paths.Resumable))
        {
            foreach (var file in Directory.EnumerateFiles(_paths.Resumable))
            {
                var name = Path.GetFileName(file);
                if (!name.EndsWith(".part", StringComparison.Ordinal) || !known.Contains(name[..^".part".Length]))
                {
                    AtomicFileWriter.TryDelete(file);
                    Log.OrphanUploadFileRemoved(_logger, name);
                }
            }
        }

        return recovered;
    }

    /// <summary>
    /// Creates an upload; <paramref name="reserve"/> is the space to hold for it (its length, or for a one-piece upload
    /// an upper bound such as a request's Content-Length).
    /// </summary>
    private async Task<StagedUploadResult> CreateCoreAsync(StagedUploadRequest request, long reserve, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request.OriginalFileName);
        ValidateIdempotencyKey(request.IdempotencyKey, nameof(request));
        if (request.Length is < 0)
        {
            throw new ArgumentOutOfRangeException(nameof(request), request.Length, "An upload's length cannot be negative.");
        }

        if (request.Resumable && _manifest is not IUploadManifest)
        {
            throw new InvalidOperationException(
                $"The registered manifest ({_manifest.GetType().Name}) does not keep resumable uploads; use the built-in manifest, or create the upload with Resumable = false.");
        }

        // Tools use the store without the host's start-up service, so the folders may not exist yet.
        EnsureDirectories();
        var name = VideoFileNamer.SanitizeOriginalName(request.OriginalFileName);
        if (reserve > _options.MaxFileSizeBytes)
        {
            return await RefuseStagedAsync(StagedUploadOutcome.TooLarge, TooLargeReason, name, null).ConfigureAwait(false);
        }

        if (request.Length == 0)
        {
            return await RefuseStagedAsync(StagedUploadOutcome.UnsupportedContainer, EmptyReason, name, null).ConfigureAwait(false);
        }

        // Declared but unsent bytes of other uploads count as used, so ten 4 GB uploads are not all accepted onto 20 GB.
        var unsent = await UnsentDeclaredBytesAsync(cancellationToken).ConfigureAwait(false);
        if (!_freeSpace.HasRoomFor(reserve + unsent))
        {
            return await RefuseStagedAsync(StagedUploadOutcome.InsufficientStorage, NoSpaceReason, name, null).ConfigureAwait(false);
        }

        var now = _timeProvider.GetUtcNow();
        var id = Guid.CreateVersion7(now).ToString("N");
        var row = new UploadRow
        {
            Id = id,
            OriginalFileName = name,
            Category = string.IsNullOrWhiteSpace(request.Category) ? null : request.Category.Trim(),
            DeclaredMimeType = request.DeclaredMimeType,
            Length = request.Length,
            IdempotencyKey = request.IdempotencyKey,
            CreatedAt = now,
            UpdatedAt = now,
        };

        var path = request.Resumable ? _paths.ResumableFile(id) : _paths.IncomingFile(id);
        var session = new UploadSession(id, path, request.Resumable, createdHere: true) { LocalRow = request.Resumable ? null : row, ReservedBytes = request.Resumable ? 0 : reserve };
        try
        {
            using (File.Open(path, FileMode.CreateNew, FileAccess.Write, FileShare.None))
            {
            }

            session.SetHash(IncrementalHash.CreateHash(HashAlgorithmName.SHA256), 0);
            if (request.Resumable)
            {
                // The file's directory entry first, then the row: a row never names a file a crash could lose.
                _fileSystem.SyncDirectory(_paths.Resumable);
                await ((IUploadManifest)_manifest).AddUploadAsync(row, $"upload {id} started: '{name}', {DescribeLength(row.Length)} bytes", cancellationToken)
                    .ConfigureAwait(false);
                Log.UploadStarted(_logger, id, name, row.Length ?? -1);
            }
        }
        catch
        {
            AtomicFileWriter.TryDelete(path);
            session.Dispose();
            throw;
        }

        _sessions[id] = session;
        return StagedUploadResult.Accepted(ToStaged(row, request.Resumable));
    }

    private async Task<StagedUploadResult> AppendLockedAsync(UploadSession session, long offset, Stream content, StagedAppendOptions? options, CancellationToken cancellationToken)
    {
        var (loaded, refusal) = await LoadOpenAsync(session, cancellationToken).ConfigureAwait(false);
        if (refusal is not null)
        {
            return refusal;
        }

        var row = loaded!;
        if (options?.DeclareLength is { } declareLength)
        {
            var (declared, conflict) = await DeclareAsync(session, row, declareLength).ConfigureAwait(false);
            if (conflict is not null)
            {
                return conflict;
            }

            row = declared;
        }

        if (offset != row.Offset)
        {
            return StagedUploadResult.Refused(
                StagedUploadOutcome.OffsetMismatch,
                $"The piece starts at byte {offset}, but the upload has {row.Offset} bytes; resume from {row.Offset}.",
                ToStaged(row, session.IsResumable));
        }

        var limit = (row.Length ?? _options.MaxFileSizeBytes) - offset;
        PrepareFile(session, offset);
        await EnsureHashAsync(session, offset, cancellationToken).ConfigureAwait(false);

        var head = ArrayPool<byte>.Shared.Rent(VideoSignatureSniffer.HeaderLength);
        try
        {
            // Sniffed as soon as the first 4 KiB are in (or the whole upload, if shorter): a file that is not a video
            // is refused before the rest of it is written.
            var headLength = 0;
            if (row.Container is null && offset < VideoSignatureSniffer.HeaderLength)
            {
                ReadFromFile(session.Path, head.AsSpan(0, (int)offset), 0);
                var wanted = (int)Math.Min(VideoSignatureSniffer.HeaderLength - offset, limit + 1);
                headLength = await content.ReadAtLeastAsync(head.AsMemory((int)offset, wanted), wanted, throwOnEndOfStream: false, cancellationToken)
                    .ConfigureAwait(false);
                var total = (int)offset + headLength;
                if (headLength > limit)
                {
                    return await RefuseStagedAsync(StagedUploadOutcome.TooLarge, PieceTooLargeReason(row), row.OriginalFileName, ToStaged(row, session.IsResumable))
                        .ConfigureAwait(false);
                }

                // Enough to tell, or all there will be: the body ended at the declared length, or a one-piece upload ended.
                var ended = headLength < wanted && (row.Length == total || !session.IsResumable);
                if (total >= VideoSignatureSniffer.HeaderLength || ended)
                {
                    if (total == 0)
                    {
                        return await RefuseNotAVideoAsync(session, row, EmptyReason).ConfigureAwait(false);
                    }

                    var signature = VideoSignatureSniffer.Sniff(head.AsSpan(0, total));
                    if (!signature.IsVideo)
                    {
                        return await RefuseNotAVideoAsync(session, row, NotAVideoReason).ConfigureAwait(false);
                    }

                    row = row with { Container = signature.Container };
                }
            }

            var sniffed = headLength == 0 ? ReadOnlyMemory<byte>.Empty : head.AsMemory((int)offset, headLength);
            return await WritePieceAsync(session, row, offset, sniffed, content, limit, options?.Checksum, cancellationToken)
                .ConfigureAwait(false);
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(head);
        }
    }

    private async Task<StagedUploadResult> WritePieceAsync(
        UploadSession session, UploadRow row, long offset, ReadOnlyMemory<byte> head, Stream content, long limit, UploadChecksum? checksum, CancellationToken cancellationToken)
    {
        using var pieceHash = checksum is null ? null : IncrementalHash.CreateHash(checksum.Algorithm switch
        {
            UploadChecksumAlgorithm.Sha1 => HashAlgorithmName.SHA1,
            UploadChecksumAlgorithm.Md5 => HashAlgorithmName.MD5,
            UploadChecksumAlgorithm.Sha256 => HashAlgorithmName.SHA256,
            _ => throw new ArgumentOutOfRangeException(nameof(checksum), checksum.Algorithm, "Unknown checksum algorithm."),
        });

        // The running hash as it was before this piece, to go back to when the piece is not kept.
        var hash = session.Hash!;
        using var before = hash.Clone();
        AppendResult appended;
        try
        {
            using var file = TempFileHandle.OpenExisting(session.Path, _writer.PrefersDirectIo, out var direct);
            appended = await _writer.AppendAsync(new AppendTarget(file, direct, session.Path, offset), head, content, limit, hash, pieceHash, () => _freeSpace.HasRoomFor(0), cancellationToken)
                .ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is not OutOfMemoryException)
        {
            // A disk error: nothing of this piece counts. The bytes past the durable offset are cut on the next append.
            session.DropHash();
            throw;
        }

        switch (appended.Status)
        {
            case AppendStatus.TooLarge:
                RollBack(session, offset, before);
                return await RefuseStagedAsync(StagedUploadOutcome.TooLarge, PieceTooLargeReason(row), row.OriginalFileName, ToStaged(row, session.IsResumable))
                    .ConfigureAwait(false);
            case AppendStatus.OutOfSpace:
                RollBack(session, offset, before);
                return await RefuseStagedAsync(StagedUploadOutcome.InsufficientStorage, NoSpaceReason, row.OriginalFileName, ToStaged(row, session.IsResumable))
                    .ConfigureAwait(false);
            case AppendStatus.Interrupted:
                // The client went away part-way. Without a checksum its bytes so far are kept (they are fsync'd up to
                // DurableEnd), so it resumes from there; the running hash saw an unknown part of them and is rebuilt.
                session.DropHash();
                session.Resuming = true;
                if (checksum is null && appended.DurableEnd > offset && session.IsResumable)
                {
                    await SaveProgressAsync(session, row with { Offset = appended.DurableEnd, UpdatedAt = _timeProvider.GetUtcNow() }, offset, null, null, CancellationToken.None)
                        .ConfigureAwait(false);
                    Log.UploadInterrupted(_logger, row.Id, appended.DurableEnd);
                }

                ExceptionDispatchInfo.Throw(appended.BodyError!);
                break;
        }

        if (pieceHash is not null && !CryptographicOperations.FixedTimeEquals(pieceHash.GetHashAndReset(), checksum!.Digest.Span))
        {
            RollBack(session, offset, before);
            Log.ChecksumMismatch(_logger, row.Id, offset, appended.Length);
            return StagedUploadResult.Refused(
                StagedUploadOutcome.ChecksumMismatch,
                $"The piece's {checksum.Algorithm.ToString().ToUpperInvariant()} checksum does not match its bytes; nothing of it was kept. Send it again from byte {offset}.",
                ToStaged(row, session.IsResumable));
        }

        // The writer stopped at the limit (the declared length, else the size limit), so this never passes it.
        var newOffset = offset + appended.Length;

        var resumed = session.Resuming && offset > 0;
        var progress = row with { Offset = newOffset, UpdatedAt = _timeProvider.GetUtcNow() };
        try
        {
            progress = await SaveProgressAsync(
                session,
                progress,
                offset,
                resumed ? VideoEventKind.UploadResumed : null,
                resumed ? $"upload {row.Id} resumed at {offset} of {DescribeLength(row.Length)} bytes" : null,
                CancellationToken.None).ConfigureAwait(false);
        }
        catch
        {
            // Not committed, so the bytes past the old offset do not count; the hash now covers them, so it goes.
            session.DropHash();
            throw;
        }

        session.SetHash(hash, newOffset);
        session.Resuming = false;
        if (resumed)
        {
            Log.UploadResumed(_logger, row.Id, offset);
        }

        return StagedUploadResult.Accepted(ToStaged(progress, session.IsResumable));
    }

    private async Task<StagedUploadResult> CompleteLockedAsync(UploadSession session, StagedUploadCompletion? completion, CancellationToken cancellationToken)
    {
        var row = await LoadAsync(session, cancellationToken).ConfigureAwait(false);
        if (row is null)
        {
            return UnknownUpload();
        }

        if (row.IsCompleted)
        {
            // The client lost the answer and asks again: the same video.
            var video = row.VideoId is null ? null : await _manifest.FindAsync(row.VideoId, cancellationToken).ConfigureAwait(false);
            return video is null
                ? StagedUploadResult.Refused(StagedUploadOutcome.Unknown, "The upload was completed, but its video has since been deleted.", ToStaged(row, session.IsResumable))
                : StagedUploadResult.Accepted(ToStaged(row, session.IsResumable), video);
        }

        if (session.IsResumable && IsExpired(row))
        {
            return StagedUploadResult.Refused(StagedUploadOutcome.Expired, ExpiredReason, ToStaged(row, session.IsResumable));
        }

        var length = row.Length ?? row.Offset;
        if (row.Offset != length)
        {
            return StagedUploadResult.Refused(
                StagedUploadOutcome.Incomplete,
                $"The upload has {row.Offset} of {length} bytes; send the rest before completing it.",
                ToStaged(row, session.IsResumable));
        }

        if (length == 0)
        {
            return await RefuseNotAVideoAsync(session, row, EmptyReason).ConfigureAwait(false);
        }

        // Sniffed again from the file: the row keeps the container, the publish needs its exact signature (MIME type,
        // extension); for an upload shorter than the sniffing window this is its first sniff.
        var head = new byte[(int)Math.Min(length, VideoSignatureSniffer.HeaderLength)];
        ReadFromFile(session.Path, head, 0);
        var signature = VideoSignatureSniffer.Sniff(head);
        if (!signature.IsVideo)
        {
            return await RefuseNotAVideoAsync(session, row, NotAVideoReason).ConfigureAwait(false);
        }

        var container = signature.Container;
        PrepareFile(session, length);
        await EnsureHashAsync(session, length, cancellationToken).ConfigureAwait(false);
        using var final = session.Hash!.Clone();
        var sha256 = Convert.ToHexStringLower(final.GetHashAndReset());

        if (row.IdempotencyKey is { } key &&
            await _manifest.FindByIdempotencyKeyAsync(key, cancellationToken).ConfigureAwait(false) is { } existing)
        {
            // Checked with the bytes complete, so a retry is answered by what it sent, not by what it claims.
            return await AnswerRepeatedUploadAsync(session, row, existing, sha256).ConfigureAwait(false);
        }

        var category = completion?.Category is { Length: > 0 } late ? late : row.Category;
        var uploads = session.IsResumable ? _manifest as IUploadManifest : null;
        var request = new PublishRequest(row.Id, row.OriginalFileName, category, row.IdempotencyKey, signature, session.Path, length, sha256)
        {
            ResumableUploadId = uploads is null ? null : row.Id,
        };
        var published = await PublishAsync(
            request,
            _timeProvider.GetUtcNow(),
            uploads is not null
                ? (video, detail) => uploads.AddVideoFromUploadAsync(video, row.Id, detail, CancellationToken.None)
                : (video, detail) => _manifest.AddAsync(video, VideoEventKind.Stored, detail, CancellationToken.None)).ConfigureAwait(false);

        if (published.IsStored)
        {
            var done = row with { IsCompleted = true, VideoId = published.Video!.Id, Container = container, UpdatedAt = _timeProvider.GetUtcNow() };
            if (published.IsReplay)
            {
                await MarkReplayedAsync(session, row.Id, published.Video.Id, done.UpdatedAt).ConfigureAwait(false);
            }

            ForgetSession(session);
            return StagedUploadResult.Accepted(ToStaged(done, session.IsResumable), published.Video, published.IsReplay);
        }

        if (published.Outcome == SaveVideoOutcome.IdempotencyKeyConflict)
        {
            await RemoveUploadAsync(session, VideoEventKind.UploadTerminated, $"upload {row.Id} removed: its idempotency key belongs to another video").ConfigureAwait(false);
        }

        // Refused while publishing (the disk filled up): the bytes stay, so the client can complete it again later.
        return StagedUploadResult.Refused(ToStagedOutcome(published.Outcome), published.Reason!, ToStaged(row, session.IsResumable));
    }

    private async Task<StagedUploadResult> AnswerRepeatedUploadAsync(UploadSession session, UploadRow row, VideoRecord existing, string sha256)
    {
        if (!string.Equals(existing.Sha256, sha256, StringComparison.OrdinalIgnoreCase))
        {
            await RemoveUploadAsync(session, VideoEventKind.UploadTerminated, $"upload {row.Id} removed: its idempotency key belongs to another video").ConfigureAwait(false);
            var refusal = await AnswerRepeatedKeyAsync(row.OriginalFileName, existing, sha256).ConfigureAwait(false);
            return StagedUploadResult.Refused(StagedUploadOutcome.IdempotencyKeyConflict, refusal.Reason!, ToStaged(row, session.IsResumable));
        }

        var now = _timeProvider.GetUtcNow();
        await MarkReplayedAsync(session, row.Id, existing.Id, now).ConfigureAwait(false);

        DurableFileSystem.DeleteDurably(session.Path);
        ForgetSession(session);
        await AnswerRepeatedKeyAsync(row.OriginalFileName, existing, sha256).ConfigureAwait(false);
        return StagedUploadResult.Accepted(ToStaged(row with { IsCompleted = true, VideoId = existing.Id, UpdatedAt = now }, session.IsResumable), existing, isReplay: true);
    }

    /// <summary>A resumable upload whose idempotency key named an existing video is completed as that video.</summary>
    private async Task MarkReplayedAsync(UploadSession session, string uploadId, string videoId, DateTimeOffset at)
    {
        if (session.IsResumable && _manifest is IUploadManifest uploads)
        {
            await uploads.CompleteWithExistingAsync(uploadId, videoId, at, $"upload {uploadId} replayed video {videoId}", CancellationToken.None).ConfigureAwait(false);
        }
    }

    /// <summary>
    /// Runs <paramref name="work"/> holding the upload's lock: one append, completion or cancellation at a time; a
    /// second caller is answered <see cref="StagedUploadOutcome.Busy"/> at once, never queued.
    /// </summary>
    private async Task<StagedUploadResult> WithUploadAsync(string uploadId, Func<UploadSession, Task<StagedUploadResult>> work, CancellationToken cancellationToken)
    {
        var session = await FindSessionAsync(uploadId, cancellationToken).ConfigureAwait(false);
        if (session is null)
        {
            return UnknownUpload();
        }

        if (!session.Gate.Wait(0, CancellationToken.None))
        {
            return await BusyAsync(session, cancellationToken).ConfigureAwait(false);
        }

        try
        {
            return await work(session).ConfigureAwait(false);
        }
        finally
        {
            session.Gate.Release();
        }
    }

    /// <summary>Finds the session of an upload, creating it for a resumable upload this process has not touched yet.</summary>
    private async Task<UploadSession?> FindSessionAsync(string uploadId, CancellationToken cancellationToken)
    {
        if (!IsUploadId(uploadId))
        {
            return null;
        }

        if (_sessions.TryGetValue(uploadId, out var session))
        {
            return session;
        }

        if (_manifest is not IUploadManifest uploads || await uploads.FindUploadAsync(uploadId, cancellationToken).ConfigureAwait(false) is null)
        {
            return null;
        }

        return GetOrAddResumableSession(uploadId, createdHere: false);
    }

    private UploadSession GetOrAddResumableSession(string uploadId, bool createdHere)
    {
        if (_sessions.TryGetValue(uploadId, out var existing))
        {
            return existing;
        }

        var created = new UploadSession(uploadId, _paths.ResumableFile(uploadId), isResumable: true, createdHere);
        var session = _sessions.GetOrAdd(uploadId, created);
        if (!ReferenceEquals(session, created))
        {
            created.Dispose();
        }

        return session;
    }

    /// <summary>The upload's state (under its lock), or <see langword="null"/> when it is gone.</summary>
    private async Task<UploadRow?> LoadAsync(UploadSession session, CancellationToken cancellationToken)
    {
        var row = session.IsResumable
            ? await ((IUploadManifest)_manifest).FindUploadAsync(session.Id, cancellationToken).ConfigureAwait(false)
            : session.LocalRow;
        if (row is null)
        {
            ForgetSession(session);
        }

        return row;
    }

    /// <summary>Loads an upload that can still take bytes, or the refusal that says why it cannot.</summary>
    private async Task<(UploadRow? Row, StagedUploadResult? Refusal)> LoadOpenAsync(UploadSession session, CancellationToken cancellationToken)
    {
        var row = await LoadAsync(session, cancellationToken).ConfigureAwait(false);
        if (row is null)
        {
            return (null, UnknownUpload());
        }

        if (row.IsCompleted)
        {
            return (row, StagedUploadResult.Refused(StagedUploadOutcome.AlreadyCompleted, AlreadyCompletedReason, ToStaged(row, session.IsResumable)));
        }

        if (session.IsResumable && IsExpired(row))
        {
            return (row, StagedUploadResult.Refused(StagedUploadOutcome.Expired, ExpiredReason, ToStaged(row, session.IsResumable)));
        }

        return (row, null);
    }

    private async Task<(UploadRow Row, StagedUploadResult? Conflict)> DeclareAsync(UploadSession session, UploadRow row, long length)
    {
        if (row.Length is { } existing)
        {
            return existing == length
                ? (row, null)
                : (row, StagedUploadResult.Refused(StagedUploadOutcome.LengthConflict, $"The upload's length is already {existing} bytes; it cannot change to {length}.", ToStaged(row, session.IsResumable)));
        }

        if (length > _options.MaxFileSizeBytes)
        {
            return (row, await RefuseStagedAsync(StagedUploadOutcome.TooLarge, TooLargeReason, row.OriginalFileName, ToStaged(row, session.IsResumable)).ConfigureAwait(false));
        }

        if (length < row.Offset || length == 0)
        {
            return (row, StagedUploadResult.Refused(
                StagedUploadOutcome.LengthConflict,
                $"A length of {length} bytes is not possible: the upload already has {row.Offset} bytes and cannot be empty.",
                ToStaged(row, session.IsResumable)));
        }

        return (row with { Length = length }, null);
    }

    private async Task<UploadRow> SaveProgressAsync(UploadSession session, UploadRow progress, long expectedOffset, VideoEventKind? kind, string? detail, CancellationToken cancellationToken)
    {
        if (!session.IsResumable)
        {
            session.LocalRow = progress;
            return progress;
        }

        // Under the upload's lock nothing else moves its offset; a refusal means it was removed meanwhile (an admin
        // expired it from another process), so this piece has no upload to belong to.
        if (!await ((IUploadManifest)_manifest).SaveProgressAsync(progress, expectedOffset, kind, detail, cancellationToken).ConfigureAwait(false))
        {
            throw new InvalidOperationException($"The upload {progress.Id} was removed while a piece was being written.");
        }

        return progress;
    }

    /// <summary>
    /// Cuts the file back to the durable offset: bytes past it belong to a piece that was never acknowledged (a crash
    /// or an error after they were written), and the next piece starts where the client was told.
    /// </summary>
    private static void PrepareFile(UploadSession session, long offset) => CutBack(session.Path, offset, $"The upload {session.Id}");

    /// <summary>Cuts a staged file back to its durable <paramref name="offset"/> (<paramref name="owner"/> names it in errors).</summary>
    private static void CutBack(string path, long offset, string owner)
    {
        using var file = File.OpenHandle(path, FileMode.OpenOrCreate, FileAccess.Write, FileShare.ReadWrite);
        var length = RandomAccess.GetLength(file);
        if (length < offset)
        {
            throw new IOException($"{owner} has {length} bytes on disk, fewer than its durable offset {offset}: its file was damaged.");
        }

        if (length > offset)
        {
            RandomAccess.SetLength(file, offset);
            RandomAccess.FlushToDisk(file);
        }
    }

    /// <summary>Makes the running hash cover exactly the first <paramref name="length"/> bytes, hashing the file again if it must.</summary>
    private async Task EnsureHashAsync(UploadSession session, long length, CancellationToken cancellationToken)
    {
        if (session.Hash is not null && session.HashedLength == length)
        {
            return;
        }

        var hash = await HashPrefixAsync(session.Path, length, $"The upload {session.Id}", cancellationToken).ConfigureAwait(false);
        session.SetHash(hash, length);
        Log.UploadRehashed(_logger, session.Id, length);
    }

    /// <summary>The SHA-256 state of the first <paramref name="length"/> bytes of a staged file (<paramref name="owner"/> names it in errors).</summary>
    private static async Task<IncrementalHash> HashPrefixAsync(string path, long length, string owner, CancellationToken cancellationToken)
    {
        var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        try
        {
            var buffer = ArrayPool<byte>.Shared.Rent(RehashBufferSize);
            try
            {
                using var file = File.OpenHandle(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite, FileOptions.Asynchronous | FileOptions.SequentialScan);
                long position = 0;
                while (position < length)
                {
                    var read = await RandomAccess.ReadAsync(file, buffer.AsMemory(0, (int)Math.Min(buffer.Length, length - position)), position, cancellationToken)
                        .ConfigureAwait(false);
                    if (read == 0)
                    {
                        throw new IOException($"{owner} ended at byte {position} while {length} were expected.");
                    }

                    hash.AppendData(buffer, 0, read);
                    position += read;
                }
            }
            finally
            {
                ArrayPool<byte>.Shared.Return(buffer);
            }
        }
        catch
        {
            hash.Dispose();
            throw;
        }

        return hash;
    }

    private static void RollBack(UploadSession session, long offset, IncrementalHash before)
    {
        PrepareFile(session, offset);
        session.SetHash(before.Clone(), offset);
    }

    private async Task<StagedUploadResult> RefuseNotAVideoAsync(UploadSession session, UploadRow row, string reason)
    {
        await RemoveUploadAsync(session, VideoEventKind.UploadTerminated, $"upload {row.Id} removed: {reason}").ConfigureAwait(false);
        return await RefuseStagedAsync(StagedUploadOutcome.UnsupportedContainer, reason, row.OriginalFileName, ToStaged(row, session.IsResumable)).ConfigureAwait(false);
    }

    private async Task RemoveUploadAsync(UploadSession session, VideoEventKind kind, string detail)
    {
        if (session.IsResumable)
        {
            // The row first: once it is gone nobody resumes, and a file left by a failed delete is swept at start-up.
            await ((IUploadManifest)_manifest).RemoveUploadAsync(session.Id, kind, detail, CancellationToken.None).ConfigureAwait(false);
            try
            {
                DurableFileSystem.DeleteDurably(session.Path);
            }
            catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
            {
                Log.UploadFileNotRemoved(_logger, session.Id, ex);
            }
        }
        else
        {
            AtomicFileWriter.TryDelete(session.Path);
        }

        ForgetSession(session);
    }

    private void ForgetSession(UploadSession session)
    {
        // The gate stays usable for a caller that still holds it; only the hash state is released.
        if (_sessions.TryRemove(new KeyValuePair<string, UploadSession>(session.Id, session)))
        {
            session.DropHash();
        }
    }

    private async Task<long> UnsentDeclaredBytesAsync(CancellationToken cancellationToken)
    {
        long local = 0;
        foreach (var session in _sessions.Values)
        {
            if (!session.IsResumable && session.LocalRow is { } row)
            {
                local += Math.Max(0, session.ReservedBytes - row.Offset);
            }
        }

        return _manifest is IUploadManifest uploads
            ? local + await uploads.GetUnsentDeclaredBytesAsync(cancellationToken).ConfigureAwait(false)
            : local;
    }

    private async Task<StagedUploadResult> RefuseStagedAsync(StagedUploadOutcome outcome, string reason, string originalFileName, StagedUpload? upload)
    {
        await RefuseAsync(ToSaveOutcome(outcome), reason, originalFileName).ConfigureAwait(false);
        return StagedUploadResult.Refused(outcome, reason, upload);
    }

    private async Task<StagedUploadResult> BusyAsync(UploadSession session, CancellationToken cancellationToken)
    {
        var row = session.IsResumable
            ? await ((IUploadManifest)_manifest).FindUploadAsync(session.Id, cancellationToken).ConfigureAwait(false)
            : session.LocalRow;
        return StagedUploadResult.Refused(
            StagedUploadOutcome.Busy,
            "Another request is writing to this upload right now; try again when it has finished.",
            row is null ? null : ToStaged(row, session.IsResumable));
    }

    private bool IsExpired(UploadRow row) => _timeProvider.GetUtcNow() >= row.UpdatedAt + _options.ResumableUploadExpiry;

    private StagedUpload ToStaged(UploadRow row, bool isResumable) => new()
    {
        Id = row.Id,
        OriginalFileName = row.OriginalFileName,
        Category = row.Category,
        DeclaredMimeType = row.DeclaredMimeType,
        Length = row.Length,
        Offset = row.Offset,
        Container = row.Container,
        IdempotencyKey = row.IdempotencyKey,
        State = row.IsCompleted ? StagedUploadState.Completed : isResumable && IsExpired(row) ? StagedUploadState.Expired : StagedUploadState.InProgress,
        CreatedAt = row.CreatedAt,
        UpdatedAt = row.UpdatedAt,
        ExpiresAt = row.UpdatedAt + _options.ResumableUploadExpiry,
        VideoId = row.VideoId,
        IsResumable = isResumable,
    };

    private static void ReadFromFile(string path, Span<byte> destination, long offset)
    {
        if (destination.IsEmpty)
        {
            return;
        }

        using var file = File.OpenHandle(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite);
        var total = 0;
        while (total < destination.Length)
        {
            var read = RandomAccess.Read(file, destination[total..], offset + total);
            if (read == 0)
            {
                throw new IOException("The upload's file is shorter than its recorded offset.");
            }

            total += read;
        }
    }

    private static bool IsUploadId(string id) => id.Length == IdLength && id.AsSpan().IndexOfAnyExcept("0123456789abcdef") < 0;

    private static StagedUploadResult UnknownUpload() =>
        StagedUploadResult.Refused(StagedUploadOutcome.Unknown, "There is no such upload: it was never created, was cancelled, or expired and was removed.");

    private static string DescribeLength(long? length) => length?.ToString(CultureInfo.InvariantCulture) ?? "an undeclared number of";

    private string PieceTooLargeReason(UploadRow row) => row.Length is { } length
        ? $"The piece would take the upload past its declared length of {length} bytes."
        : TooLargeReason;

    private const string ExpiredReason = "The upload expired after a long time without progress; start it again.";
    private const string AlreadyCompletedReason = "The upload is complete and takes no more bytes.";

    private static SaveVideoOutcome ToSaveOutcome(StagedUploadOutcome outcome) => outcome switch
    {
        StagedUploadOutcome.TooLarge => SaveVideoOutcome.TooLarge,
        StagedUploadOutcome.UnsupportedContainer => SaveVideoOutcome.UnsupportedContainer,
        StagedUploadOutcome.InsufficientStorage => SaveVideoOutcome.InsufficientStorage,
        StagedUploadOutcome.IdempotencyKeyConflict => SaveVideoOutcome.IdempotencyKeyConflict,
        _ => throw new ArgumentOutOfRangeException(nameof(outcome), outcome, "Not a refusal of a video."),
    };

    private static StagedUploadOutcome ToStagedOutcome(SaveVideoOutcome outcome) => outcome switch
    {
        SaveVideoOutcome.TooLarge => StagedUploadOutcome.TooLarge,
        SaveVideoOutcome.UnsupportedContainer => StagedUploadOutcome.UnsupportedContainer,
        SaveVideoOutcome.InsufficientStorage => StagedUploadOutcome.InsufficientStorage,
        SaveVideoOutcome.IdempotencyKeyConflict => StagedUploadOutcome.IdempotencyKeyConflict,
        _ => throw new ArgumentOutOfRangeException(nameof(outcome), outcome, "Not a refusal."),
    };
}
