using System.Text.Json;

namespace VideoVault.Manager.Rendering;

/// <summary>
/// A resumable upload as JSON, in the tool's snake_case vocabulary (<c>upload_id</c>, <c>original_filename</c>,
/// <c>received_bytes</c>, <c>length_bytes</c>, ...). Times are UTC ISO 8601; <c>age_seconds</c> and <c>expired</c>
/// are judged at the time given so a script need not parse times to sort or filter.
/// </summary>
internal static class UploadJson
{
    public static void Write(Utf8JsonWriter json, StagedUpload upload, DateTimeOffset now)
    {
        json.WriteStartObject();
        json.WriteString("upload_id", upload.Id);
        json.WriteString("original_filename", upload.OriginalFileName);
        VideoJson.WriteStringOrNull(json, "category", upload.Category);
        VideoJson.WriteStringOrNull(json, "mime_type", upload.DeclaredMimeType);
        VideoJson.WriteStringOrNull(json, "container", upload.Container is { } container ? Labels.Of(container) : null);
        json.WriteString("state", UploadLabels.Of(upload, now));
        json.WriteNumber("received_bytes", upload.Offset);
        if (upload.Length is { } length)
        {
            json.WriteNumber("length_bytes", length);
        }
        else
        {
            json.WriteNull("length_bytes");
        }

        json.WriteString("created_at", LocalTime.Iso(upload.CreatedAt));
        json.WriteString("updated_at", LocalTime.Iso(upload.UpdatedAt));
        json.WriteString("expires_at", LocalTime.Iso(upload.ExpiresAt));
        json.WriteNumber("age_seconds", (long)Math.Max(0, (now - upload.CreatedAt).TotalSeconds));
        json.WriteBoolean("expired", UploadLabels.IsExpired(upload, now));
        VideoJson.WriteStringOrNull(json, "video_id", upload.VideoId);
        json.WriteEndObject();
    }

    public static void WriteArray(Utf8JsonWriter json, string name, IEnumerable<StagedUpload> uploads, DateTimeOffset now)
    {
        json.WriteStartArray(name);
        foreach (var upload in uploads)
        {
            Write(json, upload, now);
        }

        json.WriteEndArray();
    }
}
