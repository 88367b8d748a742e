using System.Globalization;

namespace VideoVault.Manager.Rendering;

/// <summary>
/// The manifest as RFC 4180 CSV with the JSON field names as the header. Text cells that a spreadsheet would run as
/// a formula (<c>=</c>, <c>+</c>, <c>-</c>, <c>@</c>) get a leading apostrophe: original names come from uploaders.
/// </summary>
internal static class CsvExport
{
    public static readonly string[] Header =
    [
        "video_id", "filename", "original_filename", "category", "mime_type", "container", "local_backup", "local_state",
        "size_bytes", "sha256", "created_at", "drive_status", "mirror_attempts", "mirror_last_error", "drive_file_id",
        "drive_link", "mirrored_at",
    ];

    public static Task WriteHeaderAsync(TextWriter writer) => writer.WriteLineAsync(string.Join(',', Header));

    public static Task WriteRowAsync(TextWriter writer, VideoRecord video)
    {
        string?[] cells =
        [
            video.Id,
            Text(video.StoredName),
            Text(video.OriginalFileName),
            Text(video.Category),
            video.MimeType,
            Labels.Of(video.Container),
            Text(video.RelativePath),
            Labels.Of(video.LocalState),
            video.SizeBytes.ToString(CultureInfo.InvariantCulture),
            video.Sha256,
            LocalTime.Iso(video.CreatedAt),
            Labels.Of(video.Mirror.State),
            video.Mirror.Attempts.ToString(CultureInfo.InvariantCulture),
            Text(video.Mirror.LastError),
            video.Mirror.RemoteFileId,
            video.Mirror.RemoteLink,
            video.Mirror.MirroredAt is { } at ? LocalTime.Iso(at) : null,
        ];
        return writer.WriteLineAsync(string.Join(',', cells.Select(Quote)));
    }

    private static string? Text(string? value) =>
        value is { Length: > 0 } && value[0] is '=' or '+' or '-' or '@' or '\t' or '\r' ? "'" + value : value;

    private static string Quote(string? value)
    {
        if (string.IsNullOrEmpty(value))
        {
            return string.Empty;
        }

        return value.AsSpan().IndexOfAny(",\"\r\n") >= 0 ? "\"" + value.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"" : value;
    }
}
