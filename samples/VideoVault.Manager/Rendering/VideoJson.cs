using System.Text.Json;

namespace VideoVault.Manager.Rendering;

/// <summary>
/// A video record and audit entries as JSON, in the snake_case vocabulary of the HTTP API (<c>video_id</c>,
/// <c>filename</c>, <c>drive_status</c>, ...), so one script can read both.
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
        json.WriteString("mime_type", video.MimeType);
        json.WriteString("container", Labels.Of(video.Container));
        json.WriteString("local_backup", video.RelativePath);
        json.WriteString("local_state", Labels.Of(video.LocalState));
        json.WriteNumber("size_bytes", video.SizeBytes);
        json.WriteNumber("file_size_mb", Math.Round(video.SizeBytes / (1024.0 * 1024.0), 2));
        json.WriteString("sha256", video.Sha256);
        json.WriteString("created_at", LocalTime.Iso(video.CreatedAt));
        json.WriteString("drive_status", Labels.Of(video.Mirror.State));
        json.WriteNumber("drive_attempts", video.Mirror.Attempts);
        WriteStringOrNull(json, "drive_last_error", video.Mirror.LastError);
        WriteStringOrNull(json, "drive_next_attempt_at", video.Mirror.NextAttemptAt is { } next ? LocalTime.Iso(next) : null);
        WriteStringOrNull(json, "drive_file_id", video.Mirror.RemoteFileId);
        WriteStringOrNull(json, "drive_link", video.Mirror.RemoteLink);
        WriteStringOrNull(json, "drive_mirrored_at", video.Mirror.MirroredAt is { } at ? LocalTime.Iso(at) : null);
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
