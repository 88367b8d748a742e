using Microsoft.Data.Sqlite;
using VideoVault.Storage;

namespace VideoVault.Manifest;

/// <summary>
/// What a publish is about to do, committed before its file is renamed into <c>videos/</c>: enough to find the file
/// again (its folder and the parts of every name the rename may have taken) and to commit exactly the record the
/// publish would have committed. The transaction that inserts the video deletes it, so an intent that outlives its
/// publish marks an upload a crash caught between the rename and the commit, and start-up looks at those alone.
/// </summary>
internal sealed record PublishIntent
{
    public const string Columns =
        "video_id, upload_id, folder, category, stem, extension, original_name, idempotency_key, mime_type, container, size_bytes, sha256, created_at";

    public required string VideoId { get; init; }

    /// <summary>The resumable upload whose completion this publish is (committed with the video), if any.</summary>
    public string? UploadId { get; init; }

    /// <summary>The store-relative folder the file is renamed into: <c>videos/yyyy/MM</c>.</summary>
    public required string Folder { get; init; }

    public required string Category { get; init; }

    public required string Stem { get; init; }

    public required string Extension { get; init; }

    public required string OriginalFileName { get; init; }

    public string? IdempotencyKey { get; init; }

    public required string MimeType { get; init; }

    public required VideoContainer Container { get; init; }

    public required long SizeBytes { get; init; }

    public required string Sha256 { get; init; }

    /// <summary>The record's creation time, which is also the timestamp in its stored name.</summary>
    public required DateTimeOffset CreatedAt { get; init; }

    /// <summary>The stored name the publish tries at <paramref name="attempt"/> (see <see cref="VideoFileNamer.Compose"/>).</summary>
    public string StoredName(int attempt) => VideoFileNamer.Compose(CreatedAt, Category, Stem, Extension, attempt);

    /// <summary>The record the publish commits once its file is at <paramref name="storedName"/>.</summary>
    public VideoRecord ToRecord(string storedName, MirrorStatus mirror) => new()
    {
        Id = VideoId,
        StoredName = storedName,
        RelativePath = Folder + "/" + storedName,
        OriginalFileName = OriginalFileName,
        Category = Category,
        MimeType = MimeType,
        Container = Container,
        SizeBytes = SizeBytes,
        Sha256 = Sha256,
        CreatedAt = CreatedAt,
        LocalState = LocalCopyState.Present,
        Mirror = mirror,
        IdempotencyKey = IdempotencyKey,
    };

    public static void AddParameters(SqliteCommand command, PublishIntent intent)
    {
        var p = command.Parameters;
        p.AddWithValue("@video_id", intent.VideoId);
        p.AddWithValue("@upload_id", (object?)intent.UploadId ?? DBNull.Value);
        p.AddWithValue("@folder", intent.Folder);
        p.AddWithValue("@category", intent.Category);
        p.AddWithValue("@stem", intent.Stem);
        p.AddWithValue("@extension", intent.Extension);
        p.AddWithValue("@original_name", intent.OriginalFileName);
        p.AddWithValue("@idempotency_key", (object?)intent.IdempotencyKey ?? DBNull.Value);
        p.AddWithValue("@mime_type", intent.MimeType);
        p.AddWithValue("@container", intent.Container.ToString());
        p.AddWithValue("@size_bytes", intent.SizeBytes);
        p.AddWithValue("@sha256", intent.Sha256);
        p.AddWithValue("@created_at", ManifestTime.ToStored(intent.CreatedAt));
    }

    /// <summary>Reads a row that selected <see cref="Columns"/>.</summary>
    public static PublishIntent Read(SqliteDataReader reader) => new()
    {
        VideoId = reader.GetString(0),
        UploadId = VideoRow.GetNullableString(reader, 1),
        Folder = reader.GetString(2),
        Category = reader.GetString(3),
        Stem = reader.GetString(4),
        Extension = reader.GetString(5),
        OriginalFileName = reader.GetString(6),
        IdempotencyKey = VideoRow.GetNullableString(reader, 7),
        MimeType = reader.GetString(8),
        Container = VideoRow.ParseEnum<VideoContainer>(reader.GetString(9), "publish_intents.container"),
        SizeBytes = reader.GetInt64(10),
        Sha256 = reader.GetString(11),
        CreatedAt = ManifestTime.FromStored(reader.GetInt64(12)),
    };
}
