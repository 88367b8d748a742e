using System.Globalization;
using Microsoft.Extensions.Logging;
using VideoVault.Manifest;

namespace VideoVault.Storage;

/// <summary>
/// Restores from the mirror go through the same durable path as uploads: the download is appended into a file in
/// <c>.incoming/</c> by the same <see cref="AtomicFileWriter"/> (SHA-256 on the way, fsync at the end of every
/// piece), and the verified file is published by the same no-replace rename into its folder, directory fsync and
/// manifest commit, at the record's own stored name instead of a new one.
/// </summary>
internal sealed partial class LocalVideoStore
{
    /// <summary>
    /// The folder, beside <c>videos/</c>, that a restore moves a wrong local file into before it publishes the right
    /// one: evidence is kept, never overwritten or deleted, and reconciliation (which walks <c>videos/</c>) never adopts it.
    /// </summary>
    internal const string QuarantineFolderName = "quarantine";

    /// <summary>Whether <paramref name="bytes"/> more would still leave the free-space floor.</summary>
    internal bool HasRoomFor(long bytes) => _freeSpace.HasRoomFor(bytes);

    /// <summary>Creates the empty file in <c>.incoming/</c> a restore of <paramref name="videoId"/> downloads into.</summary>
    internal RestoreDownload StartRestoreDownload(string videoId)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(videoId);

        // Tools use the store without the host's start-up service, so the folders may not exist yet.
        EnsureDirectories();
        var path = Path.Combine(_paths.Incoming, $"restore-{videoId}-{Guid.NewGuid():N}.part");
        using (File.Open(path, FileMode.CreateNew, FileAccess.Write, FileShare.None))
        {
        }

        return new RestoreDownload(videoId, path);
    }

    /// <summary>
    /// Appends <paramref name="body"/> to the download at <paramref name="offset"/> (at most
    /// <paramref name="maxBytes"/> bytes), as an upload's piece is appended: the file is first cut back to the offset
    /// and the hash made to cover exactly the bytes before it (hashing the file again after an interruption), then the
    /// body is streamed in, hashed and fsync'd. An interrupted body keeps what reached the disk, fsync'd.
    /// </summary>
    internal async Task<AppendResult> AppendDownloadAsync(RestoreDownload download, long offset, Stream body, long maxBytes, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(download);
        ArgumentNullException.ThrowIfNull(body);
        ArgumentOutOfRangeException.ThrowIfNegative(offset);
        if (offset > download.Length)
        {
            throw new ArgumentOutOfRangeException(nameof(offset), offset, $"The download has {download.Length} durable bytes; it cannot continue from {offset}.");
        }

        var owner = $"The restore download of video {download.VideoId}";
        CutBack(download.Path, offset, owner);
        if (download.Hash is null || download.Length != offset)
        {
            download.SetHash(await HashPrefixAsync(download.Path, offset, owner, cancellationToken).ConfigureAwait(false), offset);
        }

        var hash = download.Hash!;
        AppendResult appended;
        try
        {
            using var file = TempFileHandle.OpenExisting(download.Path, _writer.PrefersDirectIo, out var direct);
            appended = await _writer.AppendAsync(
                new AppendTarget(file, direct, download.Path, offset), ReadOnlyMemory<byte>.Empty, body, maxBytes, hash, null, () => _freeSpace.HasRoomFor(0), cancellationToken)
                .ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is not OutOfMemoryException)
        {
            // A disk error or a cancellation: nothing of this piece counts, and the hash may have seen part of it.
            download.KeepWithoutHash(offset);
            throw;
        }

        switch (appended.Status)
        {
            case AppendStatus.Written:
                download.SetHash(hash, appended.DurableEnd);
                break;
            case AppendStatus.Interrupted:
                // What reached the disk (whole blocks, in order) is fsync'd; the hash saw an unknown part of the rest.
                download.KeepWithoutHash(appended.DurableEnd);
                break;
            default:
                download.KeepWithoutHash(offset);
                break;
        }

        return appended;
    }

    /// <summary>Makes the download's hash cover all its durable bytes, hashing the file again when an interruption left it unsure.</summary>
    internal async Task EnsureDownloadHashAsync(RestoreDownload download, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(download);
        if (download.Hash is null)
        {
            var length = download.Length;
            CutBack(download.Path, length, $"The restore download of video {download.VideoId}");
            download.SetHash(await HashPrefixAsync(download.Path, length, $"The restore download of video {download.VideoId}", cancellationToken).ConfigureAwait(false), length);
        }
    }

    /// <summary>
    /// Publishes a verified restore at the record's own path: its folder created durably, a wrong file already at
    /// the path moved to <see cref="QuarantineFolderName"/> when <paramref name="moveAsideOccupant"/> (never
    /// overwritten), the rename without replace, the directory fsync, then the commit that marks the record present
    /// with its <see cref="VideoEventKind.Restored"/> event and host event, only while its local state is still
    /// <paramref name="expected"/>. A failure before the commit takes the file back down, as any publish does.
    /// </summary>
    /// <param name="download">The fully downloaded, fsync'd and verified file.</param>
    /// <param name="video">The record whose file it is.</param>
    /// <param name="expected">The local state the restore found; another state by the commit means someone else acted.</param>
    /// <param name="moveAsideOccupant">Whether a file at the path (checked to be wrong) is moved aside first.</param>
    /// <param name="describe">The audit detail, given the store-relative quarantine path if a file was moved aside.</param>
    internal async Task<RestorePublication> PublishRestoredAsync(
        RestoreDownload download, VideoRecord video, LocalCopyState expected, bool moveAsideOccupant, Func<string?, string> describe)
    {
        ArgumentNullException.ThrowIfNull(download);
        ArgumentNullException.ThrowIfNull(video);
        ArgumentNullException.ThrowIfNull(describe);
        var path = _paths.ResolveVideo(video.RelativePath);
        var directory = Path.GetDirectoryName(path)!;

        // Everything from here runs without the caller's token, as every publish does: the bytes are complete and
        // verified, and abandoning the rename or the commit half-way would only leave more for the next run to settle.
        _fileSystem.CreateDirectoryDurably(directory);
        var quarantined = moveAsideOccupant ? MoveToQuarantine(path, video.StoredName) : null;
        var quarantinedRelative = quarantined is null ? null : _paths.ToRelative(quarantined);
        if (quarantined is not null)
        {
            Log.MovedToQuarantine(_logger, video.Id, video.RelativePath, quarantinedRelative!);
        }

        try
        {
            if (TryMoveIntoPlace(download.Path, directory, _ => video.StoredName, 1, 1) is null)
            {
                // Someone put a file there since the restore looked: it is left alone; the caller decides what it is.
                return new RestorePublication(RestorePublicationOutcome.Occupied, quarantinedRelative);
            }

            download.MarkPublished();
            _fileSystem.SyncDirectory(directory);
        }
        catch (Exception ex) when (ex is not OutOfMemoryException)
        {
            // Not durable, so not kept: the Drive copy is still there for the next attempt.
            Unpublish(download.Path, download.IsPublished ? path : null, directory);
            throw;
        }

        var detail = describe(quarantinedRelative);
        bool committed;
        try
        {
            committed = _manifest is IRestoreManifest restores
                ? await restores.MarkRestoredAsync(video.Id, expected, detail, CancellationToken.None).ConfigureAwait(false)
                : await _manifest.SetLocalStateIfAsync(video.Id, expected, LocalCopyState.Present, VideoEventKind.Restored, detail, CancellationToken.None).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is not OutOfMemoryException)
        {
            // The file at the path holds exactly the recorded bytes, so it stays whatever the commit did: at worst the
            // record still says missing or removed, which the next restore (it finds the file intact), verify or
            // reconciliation settles. Taking it down could lose nothing but would gain nothing either.
            Log.RestoreCommitFailed(_logger, video.Id, video.RelativePath, ex);
            throw;
        }

        if (committed)
        {
            _signals?.Progressed.Pulse();
            return new RestorePublication(RestorePublicationOutcome.Published, quarantinedRelative);
        }

        var current = await _manifest.FindAsync(video.Id, CancellationToken.None).ConfigureAwait(false);
        if (current is null)
        {
            // Deleted while it was being restored: a file without a record would be adopted as a new video, undoing the delete.
            Unpublish(download.Path, path, directory);
            return new RestorePublication(RestorePublicationOutcome.RecordGone, quarantinedRelative);
        }

        // Another process marked it present meanwhile (a reconciliation that saw this very file): it is restored.
        return new RestorePublication(
            current.LocalState == LocalCopyState.Present ? RestorePublicationOutcome.Published : RestorePublicationOutcome.StateChanged,
            quarantinedRelative);
    }

    /// <summary>
    /// Moves the file at <paramref name="path"/> into <see cref="QuarantineFolderName"/> under a new name (no-replace
    /// rename, both folders fsync'd); null when nothing is there any more.
    /// </summary>
    private string? MoveToQuarantine(string path, string storedName)
    {
        var folder = Path.Combine(_paths.Root, QuarantineFolderName);
        _fileSystem.CreateDirectoryDurably(folder);
        var stamp = _timeProvider.GetUtcNow().UtcDateTime.ToString("yyyyMMdd'T'HHmmss'Z'", CultureInfo.InvariantCulture);
        for (var attempt = 1; attempt <= MaxNameAttempts; attempt++)
        {
            var target = Path.Combine(folder, attempt == 1 ? $"{storedName}.{stamp}.corrupt" : $"{storedName}.{stamp}_{attempt}.corrupt");
            bool moved;
            try
            {
                moved = _fileSystem.TryMoveNoReplace(path, target);
            }
            catch (IOException) when (!File.Exists(path))
            {
                return null;
            }

            if (moved)
            {
                _fileSystem.SyncDirectory(folder);
                _fileSystem.SyncDirectory(Path.GetDirectoryName(path)!);
                return target;
            }
        }

        throw new IOException($"No free name was found in {QuarantineFolderName}/ for '{storedName}' after {MaxNameAttempts} attempts.");
    }

    private static partial class Log
    {
        [LoggerMessage(EventId = 1400, EventName = "WrongLocalCopyQuarantined", Level = LogLevel.Warning,
            Message = "Moved the wrong file at {RelativePath} (video {VideoId}) to {QuarantinePath} before restoring the video there")]
        public static partial void MovedToQuarantine(ILogger logger, string videoId, string relativePath, string quarantinePath);

        [LoggerMessage(EventId = 1401, EventName = "RestoreCommitFailed", Level = LogLevel.Error,
            Message = "Restored video {VideoId} at {RelativePath} but could not mark it present in the manifest; the file stays (it holds the recorded bytes) and the next restore, verify or reconcile marks it")]
        public static partial void RestoreCommitFailed(ILogger logger, string videoId, string relativePath, Exception exception);
    }
}
