using Microsoft.Data.Sqlite;

namespace VideoVault.Manifest;

/// <summary>
/// One staged upload as the manifest keeps it. The expiry is not stored: it follows from <see cref="UpdatedAt"/> and
/// the host's <see cref="VideoVaultOptions.ResumableUploadExpiry"/>, so changing the option applies to every upload.
/// </summary>
internal sealed record UploadRow
{
    public const string Columns =
        "id, original_name, category, mime_type, length, upload_offset, container, idempotency_key, state, created_at, updated_at, video_id";

    public required string Id { get; init; }

    public required string OriginalFileName { get; init; }

    public string? Category { get; init; }

    public string? DeclaredMimeType { get; init; }

    public long? Length { get; init; }

    public long Offset { get; init; }

    public VideoContainer? Container { get; init; }

    public string? IdempotencyKey { get; init; }

    public bool IsCompleted { get; init; }

    public required DateTimeOffset CreatedAt { get; init; }

    public required DateTimeOffset UpdatedAt { get; init; }

    public string? VideoId { get; init; }

    /// <summary>Reads a row that selected <see cref="Columns"/>.</summary>
    public static UploadRow Read(SqliteDataReader reader) => new()
    {
        Id = reader.GetString(0),
        OriginalFileName = reader.GetString(1),
        Category = VideoRow.GetNullableString(reader, 2),
        DeclaredMimeType = VideoRow.GetNullableString(reader, 3),
        Length = reader.IsDBNull(4) ? null : reader.GetInt64(4),
        Offset = reader.GetInt64(5),
        Container = VideoRow.GetNullableString(reader, 6) is { } container ? VideoRow.ParseEnum<VideoContainer>(container, "container") : null,
        IdempotencyKey = VideoRow.GetNullableString(reader, 7),
        IsCompleted = reader.GetString(8) == CompletedState,
        CreatedAt = ManifestTime.FromStored(reader.GetInt64(9)),
        UpdatedAt = ManifestTime.FromStored(reader.GetInt64(10)),
        VideoId = VideoRow.GetNullableString(reader, 11),
    };

    public const string InProgressState = "InProgress";

    public const string CompletedState = "Completed";
}
