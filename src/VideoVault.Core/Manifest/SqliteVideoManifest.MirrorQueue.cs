using System.Globalization;
using Microsoft.Data.Sqlite;

namespace VideoVault.Manifest;

/// <summary>
/// <see cref="IMirrorQueue"/> on the manifest: the mirror columns of <c>videos</c> are the queue, and
/// <c>notifications</c> is the host outbox. Claims are UPDATE … RETURNING inside <c>BEGIN IMMEDIATE</c>, so they are
/// exclusive across connections and processes.
/// </summary>
internal sealed partial class SqliteVideoManifest
{
    private const string Pending = nameof(MirrorState.Pending);
    private const string Uploading = nameof(MirrorState.Uploading);
    private const string Retrying = nameof(MirrorState.Retrying);
    private const string Failed = nameof(MirrorState.Failed);
    private const string Disabled = nameof(MirrorState.Disabled);
    private const string Mirrored = nameof(MirrorState.Mirrored);

    private const string DueCondition =
        $"mirror_state IN ('{Pending}', '{Retrying}') AND (mirror_next_attempt_at IS NULL OR mirror_next_attempt_at <= @now)";

    public Task<int> RecoverInterruptedAsync(CancellationToken cancellationToken = default) =>
        WriteAsync(
            async (connection, transaction) =>
            {
                var ids = await ReadIdsAsync(
                    connection,
                    transaction,
                    $"UPDATE videos SET mirror_state = '{Pending}', mirror_next_attempt_at = NULL WHERE mirror_state = '{Uploading}' RETURNING id;",
                    _ => { },
                    cancellationToken).ConfigureAwait(false);
                await InsertEventsAsync(
                    connection,
                    transaction,
                    _timeProvider.GetUtcNow(),
                    VideoEventKind.MirrorRetry,
                    ids.Select(id => ((string?)id, (string?)"Interrupted while uploading (the process stopped); queued to resume the saved session.")),
                    cancellationToken).ConfigureAwait(false);
                if (ids.Count > 0)
                {
                    Log.InterruptedMirrorsRecovered(_logger, ids.Count);
                }

                return ids.Count;
            },
            cancellationToken);

    public Task<IReadOnlyList<MirrorJob>> ClaimDueAsync(int maxJobs, CancellationToken cancellationToken = default)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(maxJobs, 1);
        return WriteAsync<IReadOnlyList<MirrorJob>>(
            async (connection, transaction) =>
            {
                var jobs = new List<MirrorJob>();
                using (var claim = Command(
                    connection,
                    transaction,
                    $"""
                    UPDATE videos
                    SET mirror_state = '{Uploading}', mirror_attempts = mirror_attempts + 1, mirror_next_attempt_at = NULL
                    WHERE id IN (SELECT id FROM videos WHERE {DueCondition} ORDER BY created_at, id LIMIT @max)
                    RETURNING {VideoRow.Columns};
                    """))
                {
                    claim.Parameters.AddWithValue("@now", ManifestTime.ToStored(_timeProvider.GetUtcNow()));
                    claim.Parameters.AddWithValue("@max", maxJobs);
                    var reader = await claim.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
                    await using (reader.ConfigureAwait(false))
                    {
                        while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
                        {
                            jobs.Add(VideoRow.ReadMirrorJob(reader));
                        }
                    }
                }

                // RETURNING gives rows in no defined order.
                jobs.Sort((a, b) => a.Video.CreatedAt != b.Video.CreatedAt
                    ? a.Video.CreatedAt.CompareTo(b.Video.CreatedAt)
                    : string.CompareOrdinal(a.Video.Id, b.Video.Id));
                await InsertEventsAsync(
                    connection,
                    transaction,
                    _timeProvider.GetUtcNow(),
                    VideoEventKind.MirrorAttempt,
                    jobs.Select(job => ((string?)job.Video.Id, (string?)string.Create(
                        CultureInfo.InvariantCulture,
                        $"Attempt {job.Video.Mirror.Attempts}{(job.SessionUri is null ? "" : ", resuming the saved upload session")}."))),
                    cancellationToken).ConfigureAwait(false);
                if (jobs.Count > 0)
                {
                    Log.MirrorJobsClaimed(_logger, jobs.Count);
                }

                return jobs;
            },
            cancellationToken);
    }

    public Task<DateTimeOffset?> GetNextDueAtAsync(CancellationToken cancellationToken = default) =>
        NullableTimeScalarAsync(
            $"SELECT MIN(COALESCE(mirror_next_attempt_at, @now)) FROM videos WHERE mirror_state IN ('{Pending}', '{Retrying}');",
            cancellationToken);

    public Task<bool> SetRemoteFileIdAsync(string videoId, string remoteFileId, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(remoteFileId);
        return UpdateClaimedAsync(videoId, "remote_file_id = @remote_file_id", c => c.Parameters.AddWithValue("@remote_file_id", remoteFileId), null, cancellationToken);
    }

    public Task<bool> SaveUploadSessionAsync(string videoId, Uri sessionUri, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(sessionUri);
        if (!sessionUri.IsAbsoluteUri)
        {
            throw new ArgumentException("An upload session URI is absolute.", nameof(sessionUri));
        }

        return UpdateClaimedAsync(
            videoId,
            "mirror_session_uri = @session_uri, mirror_session_started_at = @now",
            c => c.Parameters.AddWithValue("@session_uri", sessionUri.AbsoluteUri),
            null,
            cancellationToken);
    }

    public Task<bool> ClearUploadSessionAsync(string videoId, CancellationToken cancellationToken = default) =>
        UpdateClaimedAsync(videoId, "mirror_session_uri = NULL, mirror_session_started_at = NULL", _ => { }, null, cancellationToken);

    public Task<bool> MarkMirroredAsync(string videoId, string remoteFileId, string? remoteLink, string? contentMd5 = null, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(remoteFileId);
        return UpdateClaimedAsync(
            videoId,
            $"mirror_state = '{Mirrored}', remote_file_id = @remote_file_id, remote_link = @remote_link, mirrored_at = @now, " +
            "mirror_md5 = @mirror_md5, mirror_checked_at = @now, " +
            "mirror_last_error = NULL, mirror_next_attempt_at = NULL, mirror_session_uri = NULL, mirror_session_started_at = NULL",
            c =>
            {
                c.Parameters.AddWithValue("@remote_file_id", remoteFileId);
                c.Parameters.AddWithValue("@remote_link", (object?)remoteLink ?? DBNull.Value);
                c.Parameters.AddWithValue("@mirror_md5", (object?)contentMd5 ?? DBNull.Value);
            },
            async (connection, transaction, now, attempts) =>
            {
                await InsertEventAsync(connection, transaction, now, VideoEventKind.Mirrored, videoId,
                    string.Create(CultureInfo.InvariantCulture, $"Verified as remote file {remoteFileId} after {attempts} attempt(s)."), cancellationToken).ConfigureAwait(false);
                await EnqueueNotificationAsync(connection, transaction, now, videoId, ManifestNotificationKind.Mirrored, remoteLink, cancellationToken).ConfigureAwait(false);
            },
            cancellationToken);
    }

    public Task<bool> MarkRetryingAsync(string videoId, string error, DateTimeOffset nextAttemptAt, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(error);
        return UpdateClaimedAsync(
            videoId,
            $"mirror_state = '{Retrying}', mirror_last_error = @error, mirror_next_attempt_at = @next_attempt_at",
            c =>
            {
                c.Parameters.AddWithValue("@error", Truncate(error));
                c.Parameters.AddWithValue("@next_attempt_at", ManifestTime.ToStored(nextAttemptAt));
            },
            (connection, transaction, now, attempts) => InsertEventAsync(connection, transaction, now, VideoEventKind.MirrorRetry, videoId,
                string.Create(CultureInfo.InvariantCulture, $"Attempt {attempts} failed: {error} Next attempt at {nextAttemptAt.ToUniversalTime():O}."), cancellationToken),
            cancellationToken);
    }

    public Task<bool> MarkFailedAsync(string videoId, string reason, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(reason);
        return UpdateClaimedAsync(
            videoId,
            $"mirror_state = '{Failed}', mirror_last_error = @error, mirror_next_attempt_at = NULL",
            c => c.Parameters.AddWithValue("@error", Truncate(reason)),
            async (connection, transaction, now, attempts) =>
            {
                await InsertEventAsync(connection, transaction, now, VideoEventKind.MirrorFailed, videoId, reason, cancellationToken).ConfigureAwait(false);
                await EnqueueNotificationAsync(connection, transaction, now, videoId, ManifestNotificationKind.Failed, reason, cancellationToken).ConfigureAwait(false);
                Log.MirrorFailedPermanently(_logger, videoId, attempts, reason);
            },
            cancellationToken);
    }

    public Task<int> RequeueAsync(string? videoId, CancellationToken cancellationToken = default)
    {
        var (sql, detail) = videoId is null
            ? ($"WHERE mirror_state = '{Failed}'", "Re-queued by an administrator (all failed).")
            : ($"WHERE id = @id AND mirror_state IN ('{Failed}', '{Retrying}')", "Re-queued by an administrator.");
        return MoveToPendingAsync(
            $"UPDATE videos SET mirror_state = '{Pending}', mirror_attempts = 0, mirror_next_attempt_at = NULL {sql} RETURNING id;",
            c =>
            {
                if (videoId is not null)
                {
                    c.Parameters.AddWithValue("@id", videoId);
                }
            },
            detail,
            count => Log.MirrorRequeued(_logger, count),
            cancellationToken);
    }

    public Task<int> EnableMirroringAsync(CancellationToken cancellationToken = default) =>
        MoveToPendingAsync(
            $"UPDATE videos SET mirror_state = '{Pending}', mirror_next_attempt_at = NULL WHERE mirror_state = '{Disabled}' RETURNING id;",
            _ => { },
            "A mirror was configured; queued.",
            count => Log.MirroringEnabled(_logger, count),
            cancellationToken);

    public Task<long> CountBacklogAsync(CancellationToken cancellationToken = default) =>
        ReadAsync(
            async (connection, transaction) =>
            {
                using var command = Command(connection, transaction,
                    $"SELECT COALESCE(SUM(videos), 0) FROM video_counts WHERE dimension = 'mirror_state' AND value IN ('{Pending}', '{Uploading}', '{Retrying}');");
                return Convert.ToInt64(await command.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false), CultureInfo.InvariantCulture);
            },
            cancellationToken);

    public Task<IReadOnlyList<ManifestNotification>> ClaimDueNotificationsAsync(int maxNotifications, TimeSpan lease, CancellationToken cancellationToken = default)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(maxNotifications, 1);
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(lease, TimeSpan.Zero);
        return WriteAsync<IReadOnlyList<ManifestNotification>>(
            async (connection, transaction) =>
            {
                var now = _timeProvider.GetUtcNow();
                using var claim = Command(
                    connection,
                    transaction,
                    """
                    UPDATE notifications SET attempts = attempts + 1, next_attempt_at = @lease_until
                    WHERE seq IN (SELECT seq FROM notifications WHERE delivered_at IS NULL AND next_attempt_at <= @now ORDER BY seq LIMIT @max)
                    RETURNING seq, video_id, kind, detail, created_at, attempts, last_error;
                    """);
                claim.Parameters.AddWithValue("@now", ManifestTime.ToStored(now));
                claim.Parameters.AddWithValue("@lease_until", ManifestTime.ToStored(now + lease));
                claim.Parameters.AddWithValue("@max", maxNotifications);
                var claimed = new List<ManifestNotification>();
                var reader = await claim.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
                await using (reader.ConfigureAwait(false))
                {
                    while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
                    {
                        claimed.Add(new ManifestNotification(
                            reader.GetInt64(0),
                            reader.GetString(1),
                            VideoRow.ParseEnum<ManifestNotificationKind>(reader.GetString(2), "notifications.kind"),
                            VideoRow.GetNullableString(reader, 3),
                            ManifestTime.FromStored(reader.GetInt64(4)),
                            reader.GetInt32(5),
                            VideoRow.GetNullableString(reader, 6)));
                    }
                }

                claimed.Sort((a, b) => a.Sequence.CompareTo(b.Sequence));
                return claimed;
            },
            cancellationToken);
    }

    public Task<DateTimeOffset?> GetNextNotificationDueAtAsync(CancellationToken cancellationToken = default) =>
        NullableTimeScalarAsync("SELECT MIN(next_attempt_at) FROM notifications WHERE delivered_at IS NULL;", cancellationToken);

    public Task<bool> MarkNotificationDeliveredAsync(long sequence, CancellationToken cancellationToken = default) =>
        UpdateNotificationAsync(sequence, "delivered_at = @now", _ => { }, cancellationToken);

    public Task<bool> MarkNotificationFailedAsync(long sequence, string error, DateTimeOffset nextAttemptAt, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(error);
        return UpdateNotificationAsync(
            sequence,
            "last_error = @error, next_attempt_at = @next_attempt_at",
            c =>
            {
                c.Parameters.AddWithValue("@error", Truncate(error));
                c.Parameters.AddWithValue("@next_attempt_at", ManifestTime.ToStored(nextAttemptAt));
            },
            cancellationToken);
    }

    public Task<int> PurgeDeliveredNotificationsAsync(DateTimeOffset deliveredBefore, CancellationToken cancellationToken = default) =>
        WriteAsync(
            async (connection, transaction) =>
            {
                using var delete = Command(connection, transaction, "DELETE FROM notifications WHERE delivered_at IS NOT NULL AND delivered_at < @before;");
                delete.Parameters.AddWithValue("@before", ManifestTime.ToStored(deliveredBefore));
                return await delete.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
            },
            cancellationToken);

    public Task<int> PurgeUndeliveredNotificationsAsync(DateTimeOffset createdBefore, CancellationToken cancellationToken = default) =>
        WriteAsync(
            async (connection, transaction) =>
            {
                using var delete = Command(connection, transaction, "DELETE FROM notifications WHERE delivered_at IS NULL AND created_at < @before;");
                delete.Parameters.AddWithValue("@before", ManifestTime.ToStored(createdBefore));
                return await delete.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
            },
            cancellationToken);

    /// <summary>
    /// Updates a video only while it is claimed (<see cref="MirrorState.Uploading"/>), then runs
    /// <paramref name="then"/> with the commit time and the attempt count in the same transaction.
    /// </summary>
    private Task<bool> UpdateClaimedAsync(
        string videoId,
        string assignments,
        Action<SqliteCommand> bind,
        Func<SqliteConnection, SqliteTransaction, DateTimeOffset, int, Task>? then,
        CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrEmpty(videoId);
        return WriteAsync(
            async (connection, transaction) =>
            {
                var now = _timeProvider.GetUtcNow();
                int attempts;
                using (var update = Command(connection, transaction,
                    $"UPDATE videos SET {assignments} WHERE id = @id AND mirror_state = '{Uploading}' RETURNING mirror_attempts;"))
                {
                    update.Parameters.AddWithValue("@id", videoId);
                    update.Parameters.AddWithValue("@now", ManifestTime.ToStored(now));
                    bind(update);
                    var result = await update.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false);
                    if (result is null)
                    {
                        return false;
                    }

                    attempts = Convert.ToInt32(result, CultureInfo.InvariantCulture);
                }

                if (then is not null)
                {
                    await then(connection, transaction, now, attempts).ConfigureAwait(false);
                }

                return true;
            },
            cancellationToken,
            commitWhen: updated => updated);
    }

    private Task<int> MoveToPendingAsync(string sql, Action<SqliteCommand> bind, string detail, Action<int> log, CancellationToken cancellationToken) =>
        WriteAsync(
            async (connection, transaction) =>
            {
                var ids = await ReadIdsAsync(connection, transaction, sql, bind, cancellationToken).ConfigureAwait(false);
                ids.Sort(StringComparer.Ordinal);
                await InsertEventsAsync(connection, transaction, _timeProvider.GetUtcNow(), VideoEventKind.MirrorRequeued, ids.Select(id => ((string?)id, (string?)detail)), cancellationToken).ConfigureAwait(false);
                if (ids.Count > 0)
                {
                    log(ids.Count);
                }

                return ids.Count;
            },
            cancellationToken);

    private Task<bool> UpdateNotificationAsync(long sequence, string assignments, Action<SqliteCommand> bind, CancellationToken cancellationToken) =>
        WriteAsync(
            async (connection, transaction) =>
            {
                using var update = Command(connection, transaction, $"UPDATE notifications SET {assignments} WHERE seq = @seq AND delivered_at IS NULL;");
                update.Parameters.AddWithValue("@seq", sequence);
                update.Parameters.AddWithValue("@now", ManifestTime.ToStored(_timeProvider.GetUtcNow()));
                bind(update);
                return await update.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false) > 0;
            },
            cancellationToken);

    private Task<DateTimeOffset?> NullableTimeScalarAsync(string sql, CancellationToken cancellationToken) =>
        ReadAsync(
            async (connection, transaction) =>
            {
                using var command = Command(connection, transaction, sql);
                command.Parameters.AddWithValue("@now", ManifestTime.ToStored(_timeProvider.GetUtcNow()));
                var value = await command.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false);
                return value is null or DBNull
                    ? (DateTimeOffset?)null
                    : ManifestTime.FromStored(Convert.ToInt64(value, CultureInfo.InvariantCulture));
            },
            cancellationToken);

    private static async Task<List<string>> ReadIdsAsync(
        SqliteConnection connection,
        SqliteTransaction transaction,
        string sql,
        Action<SqliteCommand> bind,
        CancellationToken cancellationToken)
    {
        using var command = Command(connection, transaction, sql);
        bind(command);
        var ids = new List<string>();
        var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        await using (reader.ConfigureAwait(false))
        {
            while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
            {
                ids.Add(reader.GetString(0));
            }
        }

        return ids;
    }
}
