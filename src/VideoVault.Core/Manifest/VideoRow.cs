using Microsoft.Data.Sqlite;

namespace VideoVault.Manifest;

/// <summary>Maps the <c>videos</c> table to <see cref="VideoRecord"/> and back, in one place.</summary>
internal static class VideoRow
{
    /// <summary>The columns every record query selects, in the order <see cref="Read"/> and <see cref="ReadMirrorJob"/> expect.</summary>
    public const string Columns =
        "id, stored_name, relative_path, original_name, category, mime_type, container, size_bytes, sha256, created_at, " +
        "local_state, mirror_state, mirror_attempts, mirror_last_error, mirror_next_attempt_at, remote_file_id, " +
        "remote_link, mirrored_at, idempotency_key, mirror_session_uri, mirror_session_started_at";

    /// <summary>
    /// Inserts a record, or nothing when it collides with one. The search key (the full-text index's name for the row)
    /// is the next integer: under the write lock MAX + 1 is unique, and the unique index answers MAX in one seek.
    /// </summary>
    public const string Insert =
        $"INSERT INTO videos ({Columns}, search_key) VALUES (@id, @stored_name, @relative_path, @original_name, @category, " +
        "@mime_type, @container, @size_bytes, @sha256, @created_at, @local_state, @mirror_state, @mirror_attempts, " +
        "@mirror_last_error, @mirror_next_attempt_at, @remote_file_id, @remote_link, @mirrored_at, @idempotency_key, NULL, NULL, " +
        "(SELECT COALESCE(MAX(search_key), 0) + 1 FROM videos)) " +
        "ON CONFLICT DO NOTHING;";

    public static void AddInsertParameters(SqliteCommand command, VideoRecord video)
    {
        var p = command.Parameters;
        p.AddWithValue("@id", video.Id);
        p.AddWithValue("@stored_name", video.StoredName);
        p.AddWithValue("@relative_path", video.RelativePath);
        p.AddWithValue("@original_name", video.OriginalFileName);
        p.AddWithValue("@category", video.Category);
        p.AddWithValue("@mime_type", video.MimeType);
        p.AddWithValue("@container", video.Container.ToString());
        p.AddWithValue("@size_bytes", video.SizeBytes);
        p.AddWithValue("@sha256", video.Sha256);
        p.AddWithValue("@created_at", ManifestTime.ToStored(video.CreatedAt));
        p.AddWithValue("@local_state", video.LocalState.ToString());
        p.AddWithValue("@mirror_state", video.Mirror.State.ToString());
        p.AddWithValue("@mirror_attempts", video.Mirror.Attempts);
        p.AddWithValue("@mirror_last_error", (object?)video.Mirror.LastError ?? DBNull.Value);
        p.AddWithValue("@mirror_next_attempt_at", ManifestTime.ToParameter(video.Mirror.NextAttemptAt));
        p.AddWithValue("@remote_file_id", (object?)video.Mirror.RemoteFileId ?? DBNull.Value);
        p.AddWithValue("@remote_link", (object?)video.Mirror.RemoteLink ?? DBNull.Value);
        p.AddWithValue("@mirrored_at", ManifestTime.ToParameter(video.Mirror.MirroredAt));
        p.AddWithValue("@idempotency_key", (object?)video.IdempotencyKey ?? DBNull.Value);
    }

    /// <summary>Reads the record from a row that selected <see cref="Columns"/>.</summary>
    public static VideoRecord Read(SqliteDataReader reader) => new()
    {
        Id = reader.GetString(0),
        StoredName = reader.GetString(1),
        RelativePath = reader.GetString(2),
        OriginalFileName = reader.GetString(3),
        Category = reader.GetString(4),
        MimeType = reader.GetString(5),
        Container = ParseEnum<VideoContainer>(reader.GetString(6), "container"),
        SizeBytes = reader.GetInt64(7),
        Sha256 = reader.GetString(8),
        CreatedAt = ManifestTime.FromStored(reader.GetInt64(9)),
        LocalState = ParseEnum<LocalCopyState>(reader.GetString(10), "local_state"),
        Mirror = new MirrorStatus
        {
            State = ParseEnum<MirrorState>(reader.GetString(11), "mirror_state"),
            Attempts = reader.GetInt32(12),
            LastError = GetNullableString(reader, 13),
            NextAttemptAt = GetNullableTime(reader, 14),
            RemoteFileId = GetNullableString(reader, 15),
            RemoteLink = GetNullableString(reader, 16),
            MirroredAt = GetNullableTime(reader, 17),
        },
        IdempotencyKey = GetNullableString(reader, 18),
    };

    /// <summary>
    /// Reads the mirror job from a row that selected <see cref="Columns"/>: the record and its saved upload session,
    /// which only the mirror queue needs and so is not part of <see cref="VideoRecord"/>.
    /// </summary>
    public static MirrorJob ReadMirrorJob(SqliteDataReader reader)
    {
        var session = GetNullableString(reader, 19);
        return new MirrorJob(Read(reader), session is null ? null : new Uri(session, UriKind.Absolute), GetNullableTime(reader, 20));
    }

    public static string? GetNullableString(SqliteDataReader reader, int ordinal) =>
        reader.IsDBNull(ordinal) ? null : reader.GetString(ordinal);

    public static DateTimeOffset? GetNullableTime(SqliteDataReader reader, int ordinal) =>
        reader.IsDBNull(ordinal) ? null : ManifestTime.FromStored(reader.GetInt64(ordinal));

    /// <summary>Enums are stored by name so values can be added without renumbering rows.</summary>
    public static TEnum ParseEnum<TEnum>(string value, string column)
        where TEnum : struct, Enum =>
        Enum.TryParse<TEnum>(value, ignoreCase: true, out var parsed) && Enum.IsDefined(parsed)
            ? parsed
            : throw new InvalidDataException(
                $"The manifest column '{column}' holds '{value}', which this VideoVault build does not know. " +
                "The database was probably written by a newer version.");
}
