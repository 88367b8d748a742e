using Microsoft.Data.Sqlite;

namespace VideoVault.Manifest;

/// <summary>
/// The checks of mirror copies on the manifest: which copy to check next, and what a check found, each recorded with its
/// audit events (and, for a lost copy, its host notification) in one transaction. Every write is conditional on the
/// video still being mirrored as the copy that was checked, so a check never undoes what the mirror did meanwhile.
/// </summary>
internal sealed partial class SqliteVideoManifest
{
    private const string MirroredCopyColumns = $"{VideoRow.Columns}, mirror_md5, mirror_checked_at";

    private const string StillMirroredAs = $"id = @id AND mirror_state = '{Mirrored}' AND remote_file_id = @remote_file_id";

    public Task<IReadOnlyList<MirroredCopy>> ReadMirroredCopiesAsync(int limit = int.MaxValue, CancellationToken cancellationToken = default)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(limit, 1);
        return ReadAsync<IReadOnlyList<MirroredCopy>>(
            async (connection, transaction) =>
            {
                // NULL sorts first: a copy never checked goes before any checked one. The order is the index's, so a
                // small limit reads only the head.
                using var command = Command(connection, transaction,
                    $"SELECT {MirroredCopyColumns} FROM videos WHERE mirror_state = '{Mirrored}' ORDER BY mirror_checked_at LIMIT @limit;");
                command.Parameters.AddWithValue("@limit", limit);
                return await ReadCopiesAsync(command, cancellationToken).ConfigureAwait(false);
            },
            cancellationToken);
    }

    public Task<MirroredCopy?> FindMirroredCopyAsync(string videoId, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(videoId);
        return ReadAsync(
            async (connection, transaction) =>
            {
                using var command = Command(connection, transaction,
                    $"SELECT {MirroredCopyColumns} FROM videos WHERE id = @id AND mirror_state = '{Mirrored}';");
                command.Parameters.AddWithValue("@id", videoId);
                var copies = await ReadCopiesAsync(command, cancellationToken).ConfigureAwait(false);
                return copies.Count == 0 ? null : copies[0];
            },
            cancellationToken);
    }

    public Task<bool> MarkCopyCheckedAsync(string videoId, string remoteFileId, string? contentMd5, string detail, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(detail);
        return UpdateMirroredCopyAsync(
            videoId,
            remoteFileId,
            $"UPDATE videos SET mirror_checked_at = @now, mirror_md5 = COALESCE(mirror_md5, @mirror_md5) WHERE {StillMirroredAs};",
            c => c.Parameters.AddWithValue("@mirror_md5", (object?)contentMd5 ?? DBNull.Value),
            [(VideoEventKind.MirrorCopyVerified, detail)],
            notification: null,
            cancellationToken);
    }

    public Task<bool> RequeueCopyAsync(string videoId, string remoteFileId, VideoEventKind found, string detail, bool forgetRemoteFile, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(detail);
        return UpdateMirroredCopyAsync(
            videoId,
            remoteFileId,
            $"""
            UPDATE videos SET mirror_state = '{Pending}', mirror_attempts = 0, mirror_next_attempt_at = NULL, mirror_last_error = @error,
                remote_file_id = CASE WHEN @forget THEN NULL ELSE remote_file_id END, remote_link = NULL, mirrored_at = NULL,
                mirror_md5 = NULL, mirror_checked_at = NULL, mirror_session_uri = NULL, mirror_session_started_at = NULL
            WHERE {StillMirroredAs} AND local_state = '{nameof(LocalCopyState.Present)}';
            """,
            c =>
            {
                c.Parameters.AddWithValue("@error", Truncate(detail));
                c.Parameters.AddWithValue("@forget", forgetRemoteFile);
            },
            [(found, detail), (VideoEventKind.MirrorRequeued, "Re-queued by a check of the mirror copy: the intact local copy will be uploaded again.")],
            notification: null,
            cancellationToken);
    }

    public Task<bool> MarkCopyLostAsync(string videoId, string remoteFileId, VideoEventKind found, string detail, bool forgetRemoteFile, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(detail);
        return UpdateMirroredCopyAsync(
            videoId,
            remoteFileId,
            $"""
            UPDATE videos SET mirror_state = '{Failed}', mirror_next_attempt_at = NULL, mirror_last_error = @error,
                remote_file_id = CASE WHEN @forget THEN NULL ELSE remote_file_id END, remote_link = NULL, mirrored_at = NULL,
                mirror_md5 = NULL, mirror_checked_at = NULL
            WHERE {StillMirroredAs};
            """,
            c =>
            {
                c.Parameters.AddWithValue("@error", Truncate(detail));
                c.Parameters.AddWithValue("@forget", forgetRemoteFile);
            },
            [(found, detail)],
            notification: detail,
            cancellationToken);
    }

    /// <summary>
    /// Runs <paramref name="update"/> (which must match the video only while it is mirrored as the checked copy), then,
    /// when it did, appends <paramref name="events"/> and, when <paramref name="notification"/> is given, a
    /// <see cref="ManifestNotificationKind.MirrorCopyLost"/> notification, all in one transaction.
    /// </summary>
    private Task<bool> UpdateMirroredCopyAsync(
        string videoId,
        string remoteFileId,
        string update,
        Action<SqliteCommand> bind,
        (VideoEventKind Kind, string Detail)[] events,
        string? notification,
        CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrEmpty(videoId);
        ArgumentException.ThrowIfNullOrEmpty(remoteFileId);
        return WriteAsync(
            async (connection, transaction) =>
            {
                var now = _timeProvider.GetUtcNow();
                using (var command = Command(connection, transaction, update))
                {
                    command.Parameters.AddWithValue("@id", videoId);
                    command.Parameters.AddWithValue("@remote_file_id", remoteFileId);
                    command.Parameters.AddWithValue("@now", ManifestTime.ToStored(now));
                    bind(command);
                    if (await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false) == 0)
                    {
                        return false;
                    }
                }

                foreach (var (kind, detail) in events)
                {
                    await InsertEventAsync(connection, transaction, now, kind, videoId, detail, cancellationToken).ConfigureAwait(false);
                }

                if (notification is not null)
                {
                    await EnqueueNotificationAsync(connection, transaction, now, videoId, ManifestNotificationKind.MirrorCopyLost, notification, cancellationToken)
                        .ConfigureAwait(false);
                }

                return true;
            },
            cancellationToken,
            commitWhen: updated => updated);
    }

    private static async Task<List<MirroredCopy>> ReadCopiesAsync(SqliteCommand command, CancellationToken cancellationToken)
    {
        var copies = new List<MirroredCopy>();
        var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        await using (reader.ConfigureAwait(false))
        {
            while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
            {
                copies.Add(new MirroredCopy(VideoRow.Read(reader), VideoRow.GetNullableString(reader, 21), VideoRow.GetNullableTime(reader, 22)));
            }
        }

        return copies;
    }
}
