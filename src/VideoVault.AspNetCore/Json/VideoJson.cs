using System.Text.Json.Serialization;

namespace VideoVault.AspNetCore.Json;

/// <summary>
/// One video on the wire, snake_case and compatible with the seed's frontend. Names are explicit so the host's own
/// JSON naming policy can never change the contract.
/// </summary>
internal class VideoJson
{
    [JsonPropertyName("video_id")]
    public string VideoId { get; init; } = "";

    [JsonPropertyName("filename")]
    public string Filename { get; init; } = "";

    [JsonPropertyName("original_filename")]
    public string OriginalFilename { get; init; } = "";

    [JsonPropertyName("category")]
    public string Category { get; init; } = "";

    [JsonPropertyName("local_backup")]
    public string LocalBackup { get; init; } = "";

    [JsonPropertyName("local_state")]
    public string LocalState { get; init; } = "";

    [JsonPropertyName("size_bytes")]
    public long SizeBytes { get; init; }

    [JsonPropertyName("file_size_mb")]
    public double FileSizeMb { get; init; }

    [JsonPropertyName("sha256")]
    public string Sha256 { get; init; } = "";

    [JsonPropertyName("mime_type")]
    public string MimeType { get; init; } = "";

    [JsonPropertyName("container")]
    public string Container { get; init; } = "";

    [JsonPropertyName("created_at")]
    public DateTime CreatedAt { get; init; }

    [JsonPropertyName("drive_status")]
    public string DriveStatus { get; init; } = "";

    [JsonPropertyName("drive_file_id")]
    public string? DriveFileId { get; init; }

    [JsonPropertyName("drive_link")]
    public string? DriveLink { get; init; }

    [JsonPropertyName("mirror_attempts")]
    public int MirrorAttempts { get; init; }

    [JsonPropertyName("mirror_last_error")]
    public string? MirrorLastError { get; init; }

    [JsonPropertyName("mirror_next_attempt_at")]
    public DateTime? MirrorNextAttemptAt { get; init; }

    [JsonPropertyName("mirrored_at")]
    public DateTime? MirroredAt { get; init; }
}
