using System.Text.Json;

namespace VideoVault.Manager.Rendering;

/// <summary>
/// A video record and audit entries as JSON, in the snake_case vocabulary of the HTTP API (<c>video_id</c>,
/// <c>filename</c>, <c>drive_status</c>, <c>mirror_attempts</c>, ...), so one script can read both. The video's
/// fields and their order follow <c>src/VideoVault.AspNetCore/Json/VideoJson.cs</c>; the Manager does not reference
/// the host package, so keep them in step by hand (<c>VideoJsonTests</c> pins the names). State and container values
/// come from the API's own names through <see cref="Labels"/>.
/// </summary>
internal static class VideoJson
{
    public static void Write(Utf8JsonWriter json, VideoRecord video)
    {
        json.WriteStartObject();
        json.WriteString("video_id", video.Id);
        json.WriteString("filename", video.StoredName);
        json.WriteString("original_filename", video.OriginalFileName);
        json.WriteString("category", video.Category);
        json.WriteString("local_backup", video.RelativePath);
        json.WriteString("local_state", Labels.Of(video.LocalState));
        json.WriteNumber("size_bytes", video.SizeBytes);
        json.WriteNumber("file_size_mb", Math.Round(video.SizeBytes / (1024.0 * 1024.0), 2, MidpointRounding.AwayFromZero));
        json.WriteString("sha256", video.Sha256);
        json.WriteString("mime_type", video.MimeType);
        json.WriteString("container", Labels.Of(video.Container));
        json.WriteString("created_at", LocalTime.Iso(video.CreatedAt));
        json.WriteString("drive_status", Labels.Of(video.Mirror.State));
        WriteStringOrNull(json, "drive_file_id", video.Mirror.RemoteFileId);
        WriteStringOrNull(json, "drive_link", video.Mirror.RemoteLink);
        json.WriteNumber("mirror_attempts", video.Mirror.Attempts);
        WriteStringOrNull(json, "mirror_last_error", video.Mirror.LastError);
        WriteStringOrNull(json, "mirror_next_attempt_at", video.Mirror.NextAttemptAt is { } next ? LocalTime.Iso(next) : null);
        WriteStringOrNull(json, "mirrored_at", video.Mirror.MirroredAt is { } at ? LocalTime.Iso(at) : null);
        json.WriteEndObject();
    }

    public static void WriteArray(Utf8JsonWriter json, string name, IEnumerable<VideoRecord> videos)
    {
        json.WriteStartArray(name);
        foreach (var video in videos)
        {
            Write(json, video);
        }

        json.WriteEndArray();
    }

    public static void WriteArray(Utf8JsonWriter json, string name, IEnumerable<VideoEvent> entries)
    {
        json.WriteStartArray(name);
        foreach (var entry in entries)
        {
            Write(json, entry);
        }

        json.WriteEndArray();
    }

    public static void Write(Utf8JsonWriter json, VideoEvent entry)
    {
        json.WriteStartObject();
        json.WriteNumber("sequence", entry.Sequence);
        json.WriteString("at", LocalTime.Iso(entry.At));
        json.WriteString("event", Labels.Of(entry.Kind));
        WriteStringOrNull(json, "video_id", entry.VideoId);
        WriteStringOrNull(json, "detail", entry.Detail);
        json.WriteEndObject();
    }

    public static void WriteStringOrNull(Utf8JsonWriter json, string name, string? value)
    {
        if (value is null)
        {
            json.WriteNull(name);
        }
        else
        {
            json.WriteString(name, value);
        }
    }
}
