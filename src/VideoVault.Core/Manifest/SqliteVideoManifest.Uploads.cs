using System.Runtime.CompilerServices;
using Microsoft.Data.Sqlite;

namespace VideoVault.Manifest;

/// <summary>The resumable uploads' durable state (<see cref="IUploadManifest"/>), one transaction per call.</summary>
internal sealed partial class SqliteVideoManifest
{
    public Task AddUploadAsync(UploadRow upload, string detail, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(upload);
        return WriteAsync(
            async (connection, transaction) =>
            {
                using (var insert = Command(connection, transaction,
                    $"INSERT INTO uploads ({UploadRow.Columns}) VALUES (@id, @original_name, @category, @mime_type, @length, @offset, @container, @idempotency_key, @state, @created_at, @updated_at, NULL);"))
                {
                    var p = insert.Parameters;
                    p.AddWithValue("@id", upload.Id);
                    p.AddWithValue("@original_name", upload.OriginalFileName);
                    p.AddWithValue("@category", (object?)upload.Category ?? DBNull.Value);
                    p.AddWithValue("@mime_type", (object?)Truncate(upload.DeclaredMimeType) ?? DBNull.Value);
                    p.AddWithValue("@length", (object?)upload.Length ?? DBNull.Value);
                    p.AddWithValue("@offset", upload.Offset);
                    p.AddWithValue("@container", (object?)upload.Container?.ToString() ?? DBNull.Value);
                    p.AddWithValue("@idempotency_key", (object?)upload.IdempotencyKey ?? DBNull.Value);
                    p.AddWithValue("@state", UploadRow.InProgressState);
                    p.AddWithValue("@created_at", ManifestTime.ToStored(upload.CreatedAt));
                    p.AddWithValue("@updated_at", ManifestTime.ToStored(upload.UpdatedAt));
                    await insert.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
                }

                await InsertEventAsync(connection, transaction, upload.CreatedAt, VideoEventKind.UploadStarted, null, detail, cancellationToken).ConfigureAwait(false);
                return true;
            },
            cancellationToken);
    }

    public Task<UploadRow?> FindUploadAsync(string id, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(id);
        return ReadAsync(
            async (connection, transaction) =>
            {
                using var select = Command(connection, transaction, $"SELECT {UploadRow.Columns} FROM uploads WHERE id = @id;");
                select.Parameters.AddWithValue("@id", id);
                var reader = await select.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
                await using (reader.ConfigureAwait(false))
                {
                    return await reader.ReadAsync(cancellationToken).ConfigureAwait(false) ? UploadRow.Read(reader) : null;
                }
            },
            cancellationToken);
    }

    public Task<bool> SaveProgressAsync(UploadRow progress, long expectedOffset, VideoEventKind? kind, string? detail, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(progress);
        return WriteAsync(
            async (connection, transaction) =>
            {
                using (var update = Command(connection, transaction,
                    "UPDATE uploads SET upload_offset = @offset, length = @length, container = @container, updated_at = @updated_at " +
                    "WHERE id = @id AND state = @in_progress AND upload_offset = @expected;"))
                {
                    var p = update.Parameters;
                    p.AddWithValue("@offset", progress.Offset);
                    p.AddWithValue("@length", (object?)progress.Length ?? DBNull.Value);
                    p.AddWithValue("@container", (object?)progress.Container?.ToString() ?? DBNull.Value);
                    p.AddWithValue("@updated_at", ManifestTime.ToStored(progress.UpdatedAt));
                    p.AddWithValue("@id", progress.Id);
                    p.AddWithValue("@in_progress", UploadRow.InProgressState);
                    p.AddWithValue("@expected", expectedOffset);
                    if (await update.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false) == 0)
                    {
                        return false;
                    }
                }

                if (kind is { } eventKind)
                {
                    await InsertEventAsync(connection, transaction, progress.UpdatedAt, eventKind, null, detail, cancellationToken).ConfigureAwait(false);
                }

                return true;
            },
            cancellationToken,
            commitWhen: saved => saved);
    }

    public Task<bool> AddVideoFromUploadAsync(VideoRecord video, string uploadId, string detail, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(video);
        ArgumentException.ThrowIfNullOrEmpty(uploadId);
        return WriteAsync(
            async (connection, transaction) =>
            {
                if (!await InsertVideoAsync(connection, transaction, video, VideoEventKind.Stored, detail, cancellationToken).ConfigureAwait(false))
                {
                    return false;
                }

                return await MarkCompletedAsync(connection, transaction, uploadId, video.Id, _timeProvider.GetUtcNow(), $"upload {uploadId} completed as video {video.Id}", cancellationToken)
                    .ConfigureAwait(false);
            },
            cancellationToken,
            commitWhen: added => added);
    }

    public Task<bool> CompleteWithExistingAsync(string uploadId, string videoId, DateTimeOffset at, string detail, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(uploadId);
        ArgumentException.ThrowIfNullOrEmpty(videoId);
        return WriteAsync(
            (connection, transaction) => MarkCompletedAsync(connection, transaction, uploadId, videoId, at, detail, cancellationToken),
            cancellationToken,
            commitWhen: completed => completed);
    }

    public Task<bool> RemoveUploadAsync(string id, VideoEventKind kind, string detail, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(id);
        return WriteAsync(
            async (connection, transaction) =>
            {
                using (var delete = Command(connection, transaction, "DELETE FROM uploads WHERE id = @id;"))
                {
                    delete.Parameters.AddWithValue("@id", id);
                    if (await delete.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false) == 0)
                    {
                        return false;
                    }
                }

                await InsertEventAsync(connection, transaction, _timeProvider.GetUtcNow(), kind, null, detail, cancellationToken).ConfigureAwait(false);
                return true;
            },
            cancellationToken,
            commitWhen: removed => removed);
    }

    public async IAsyncEnumerable<UploadRow> ReadUploadsAsync([EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        var connection = await OpenAsync(cancellationToken).ConfigureAwait(false);
        await using (connection.ConfigureAwait(false))
        {
            using var command = connection.CreateCommand();
            command.CommandText = $"SELECT {UploadRow.Columns} FROM uploads ORDER BY state = @completed, created_at, id;";
            command.Parameters.AddWithValue("@completed", UploadRow.CompletedState);
            var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
            await using (reader.ConfigureAwait(false))
            {
                while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
                {
                    yield return UploadRow.Read(reader);
                }
            }
        }
    }

    public Task<long> GetUnsentDeclaredBytesAsync(CancellationToken cancellationToken = default) =>
        ReadAsync(
            async (connection, transaction) =>
            {
                using var sum = Command(connection, transaction,
                    "SELECT COALESCE(SUM(length - upload_offset), 0) FROM uploads WHERE state = @in_progress AND length IS NOT NULL;");
                sum.Parameters.AddWithValue("@in_progress", UploadRow.InProgressState);
                return Convert.ToInt64(await sum.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false), System.Globalization.CultureInfo.InvariantCulture);
            },
            cancellationToken);

    private static async Task<bool> MarkCompletedAsync(
        SqliteConnection connection, SqliteTransaction transaction, string uploadId, string videoId, DateTimeOffset at, string detail, CancellationToken cancellationToken)
    {
        using (var update = Command(connection, transaction,
            "UPDATE uploads SET state = @completed, video_id = @video_id, updated_at = @at WHERE id = @id AND state = @in_progress;"))
        {
            update.Parameters.AddWithValue("@completed", UploadRow.CompletedState);
            update.Parameters.AddWithValue("@video_id", videoId);
            update.Parameters.AddWithValue("@at", ManifestTime.ToStored(at));
            update.Parameters.AddWithValue("@id", uploadId);
            update.Parameters.AddWithValue("@in_progress", UploadRow.InProgressState);
            if (await update.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false) == 0)
            {
                return false;
            }
        }

        await InsertEventAsync(connection, transaction, at, VideoEventKind.UploadCompleted, videoId, detail, cancellationToken).ConfigureAwait(false);
        return true;
    }
}
