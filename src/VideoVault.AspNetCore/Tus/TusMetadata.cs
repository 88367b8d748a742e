using System.Text;

namespace VideoVault.AspNetCore.Tus;

/// <summary>
/// The <c>Upload-Metadata</c> header: comma-separated pairs of a key (ASCII, no spaces or commas, unique) and an
/// optional Base64 value. VideoVault reads the file name (<c>filename</c>, or <c>name</c> as Uppy sends it), the MIME
/// type (<c>filetype</c>, or <c>type</c>) and the category (<c>content_type</c>, the multipart form's field name).
/// </summary>
internal sealed record TusMetadata(string? FileName, string? FileType, string? Category)
{
    public const string FileNameKey = "filename";
    public const string FileTypeKey = "filetype";
    public const string CategoryKey = "content_type";

    /// <summary>Keys longer than this, or values that decode to more bytes, are refused: the header is client input.</summary>
    private const int MaxValueBytes = 1024;

    public static TusMetadata Empty { get; } = new(null, null, null);

    /// <summary>Parses the header (absent or empty means no metadata), or returns a client-safe error.</summary>
    public static bool TryParse(string? header, out TusMetadata metadata, out string? error)
    {
        metadata = Empty;
        error = null;
        if (string.IsNullOrWhiteSpace(header))
        {
            return true;
        }

        var pairs = new Dictionary<string, string?>(StringComparer.Ordinal);
        foreach (var rawPair in header.Split(','))
        {
            var pair = rawPair.Trim();
            var space = pair.IndexOf(' ', StringComparison.Ordinal);
            var key = space < 0 ? pair : pair[..space];
            var encoded = space < 0 ? null : pair[(space + 1)..];
            if (key.Length is 0 or > 128 || !key.All(c => c is > ' ' and <= '~' and not ','))
            {
                error = "Upload-Metadata must be comma-separated pairs of a non-empty ASCII key without spaces and an optional Base64 value.";
                return false;
            }

            if (!pairs.TryAdd(key, null))
            {
                error = "Upload-Metadata must not repeat a key.";
                return false;
            }

            if (encoded is null)
            {
                continue;
            }

            if (encoded.Contains(' ', StringComparison.Ordinal) || !TryDecode(encoded, out var decoded))
            {
                error = $"The Upload-Metadata value of '{key}' is not Base64 (or decodes to more than {MaxValueBytes} bytes of UTF-8).";
                return false;
            }

            pairs[key] = decoded;
        }

        metadata = new TusMetadata(
            First(pairs, FileNameKey, "name"),
            First(pairs, FileTypeKey, "type"),
            First(pairs, CategoryKey));
        return true;
    }

    /// <summary>The header for a HEAD answer: the pairs VideoVault keeps, under their tus names (unknown keys are not stored).</summary>
    public static string? Format(StagedUpload upload)
    {
        var pairs = new List<string>(3);
        Add(pairs, FileNameKey, upload.OriginalFileName);
        Add(pairs, FileTypeKey, upload.DeclaredMimeType);
        Add(pairs, CategoryKey, upload.Category);
        return pairs.Count == 0 ? null : string.Join(',', pairs);
    }

    private static void Add(List<string> pairs, string key, string? value)
    {
        if (!string.IsNullOrEmpty(value))
        {
            pairs.Add(key + " " + Convert.ToBase64String(Encoding.UTF8.GetBytes(value)));
        }
    }

    private static string? First(Dictionary<string, string?> pairs, params string[] keys)
    {
        foreach (var key in keys)
        {
            if (pairs.TryGetValue(key, out var value) && !string.IsNullOrWhiteSpace(value))
            {
                return value.Trim();
            }
        }

        return null;
    }

    private static bool TryDecode(string encoded, out string? decoded)
    {
        decoded = null;
        var buffer = new byte[((encoded.Length + 3) / 4) * 3];
        if (encoded.Length > ((MaxValueBytes + 2) / 3) * 4 || !Convert.TryFromBase64String(encoded, buffer, out var written))
        {
            return false;
        }

        try
        {
            decoded = new UTF8Encoding(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true).GetString(buffer, 0, written);
            return true;
        }
        catch (DecoderFallbackException)
        {
            return false;
        }
    }
}
