using Microsoft.Data.Sqlite;

namespace VideoVault.Manifest;

/// <summary>The write side of the manifest's public contract: each call is one durable transaction.</summary>
internal sealed partial class SqliteVideoManifest
{
    public Task<bool> AddAsync(VideoRecord video, VideoEventKind kind, string? detail, CancellationToken cancellationToken = default)
    {
        ThrowIfNotInsertable(video, nameof(video));
        if (kind is not (VideoEventKind.Stored or VideoEventKind.Adopted))
        {
            throw new ArgumentOutOfRangeException(nameof(kind), kind, "A new record is either Stored or Adopted.");
        }

        return WriteAsync(
            (connection, transaction) => InsertVideoAsync(connection, transaction, video, kind, detail, cancellationToken),
            cancellationToken,
            commitWhen: added => added);
    }

    private static void ThrowIfNotInsertable(VideoRecord video, string parameterName)
    {
        ArgumentNullException.ThrowIfNull(video, parameterName);
        ArgumentException.ThrowIfNullOrWhiteSpace(video.Id, parameterName);
        ArgumentException.ThrowIfNullOrWhiteSpace(video.StoredName, parameterName);
        ArgumentException.ThrowIfNullOrWhiteSpace(video.RelativePath, parameterName);
        ArgumentNullException.ThrowIfNull(video.Mirror, parameterName);
    }

    /// <summary>
    /// The video's row, its event, its mirror job and its host event, in the caller's transaction; and the end of its
    /// publish intent, in the same commit, so an intent never outlives the video it announced.
    /// </summary>
    private async Task<bool> InsertVideoAsync(
        SqliteConnection connection, SqliteTransaction transaction, VideoRecord video, VideoEventKind kind, string? detail, CancellationToken cancellationToken)
    {
        using var statements = new VideoInsertStatements(connection, transaction);
        return await InsertVideoAsync(statements, video, kind, detail, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>As above, with statements the caller compiled once for many records (<see cref="AddManyAsync"/>).</summary>
    private async Task<bool> InsertVideoAsync(
        VideoInsertStatements statements, VideoRecord video, VideoEventKind kind, string? detail, CancellationToken cancellationToken)
    {
        // ON CONFLICT DO NOTHING covers the id, stored name, relative path and idempotency key without an
        // exception; the caller's rollback then leaves no event or notification behind.
        statements.Video.Parameters.Clear();
        VideoRow.AddInsertParameters(statements.Video, video);
        if (await statements.Video.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false) == 0)
        {
            Log.DuplicateRejected(_logger, video.Id, video.StoredName);
            return false;
        }

        statements.PublishIntentEnd.Parameters.Clear();
        statements.PublishIntentEnd.Parameters.AddWithValue("@video_id", video.Id);
        await statements.PublishIntentEnd.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);

        // The row's mirror columns are the mirror queue: a Pending row is the enqueued job, in this commit.
        var now = _timeProvider.GetUtcNow();
        statements.Event.Parameters.Clear();
        BindEvent(statements.Event, now, kind, video.Id, detail);
        await statements.Event.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
        statements.Notification.Parameters.Clear();
        BindNotification(statements.Notification, now, video.Id, ManifestNotificationKind.Stored, null);
        await statements.Notification.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
        return true;
    }

    public Task<bool> RemoveAsync(string id, string? detail, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(id);
        return WriteAsync(
            async (connection, transaction) =>
            {
                using (var delete = Command(connection, transaction, "DELETE FROM videos WHERE id = @id;"))
                {
                    delete.Parameters.AddWithValue("@id", id);
                    if (await delete.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false) == 0)
                    {
                        return false;
                    }
                }

                await InsertEventAsync(connection, transaction, _timeProvider.GetUtcNow(), VideoEventKind.Deleted, id, detail, cancellationToken).ConfigureAwait(false);
                return true;
            },
            cancellationToken,
            commitWhen: removed => removed);
    }

    public Task<bool> SetLocalStateAsync(string id, LocalCopyState state, VideoEventKind kind, string? detail, CancellationToken cancellationToken = default) =>
        SetLocalStateCoreAsync(id, null, state, kind, detail, cancellationToken);

    public Task<bool> SetLocalStateAsync(string id, LocalCopyState expected, LocalCopyState state, VideoEventKind kind, string? detail, CancellationToken cancellationToken = default)
    {
        if (!Enum.IsDefined(expected))
        {
            throw new ArgumentOutOfRangeException(nameof(expected), expected, "Unknown local copy state.");
        }

        return SetLocalStateCoreAsync(id, expected, state, kind, detail, cancellationToken);
    }

    private Task<bool> SetLocalStateCoreAsync(string id, LocalCopyState? expected, LocalCopyState state, VideoEventKind kind, string? detail, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrEmpty(id);
        if (!Enum.IsDefined(state))
        {
            throw new ArgumentOutOfRangeException(nameof(state), state, "Unknown local copy state.");
        }

        return WriteAsync(
            async (connection, transaction) =>
            {
                using (var update = Command(connection, transaction,
                    "UPDATE videos SET local_state = @state WHERE id = @id AND (@expected IS NULL OR local_state = @expected);"))
                {
                    update.Parameters.AddWithValue("@state", state.ToString());
                    update.Parameters.AddWithValue("@id", id);
                    update.Parameters.AddWithValue("@expected", (object?)expected?.ToString() ?? DBNull.Value);
                    if (await update.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false) == 0)
                    {
                        return false;
                    }
                }

                await InsertEventAsync(connection, transaction, _timeProvider.GetUtcNow(), kind, id, detail, cancellationToken).ConfigureAwait(false);
                return true;
            },
            cancellationToken,
            commitWhen: updated => updated);
    }

    public Task AppendEventAsync(VideoEventKind kind, string? videoId, string? detail, CancellationToken cancellationToken = default) =>
        WriteAsync(
            async (connection, transaction) =>
            {
                await InsertEventAsync(connection, transaction, _timeProvider.GetUtcNow(), kind, videoId, detail, cancellationToken).ConfigureAwait(false);
                return true;
            },
            cancellationToken);
}
