using System.Globalization;
using System.Text;

namespace VideoVault.Storage;

/// <summary>
/// Builds the stored name <c>yyyyMMdd_HHmmss_&lt;Category&gt;_&lt;stem&gt;.&lt;ext&gt;</c> from untrusted client input, and
/// parses it back for reconciliation. A stored name never holds a path part, a control or bidi character, or a
/// Windows reserved device name, is NFC, and fits in <see cref="MaxStoredNameBytes"/> bytes of UTF-8.
/// </summary>
internal static class VideoFileNamer
{
    public const int MaxStemLength = 100;
    public const int MaxCategoryLength = 40;
    public const int MaxStoredNameBytes = 200;
    public const int MaxOriginalNameLength = 255;
    public const string FallbackStem = "video";
    private const string TimestampFormat = "yyyyMMdd_HHmmss";

    private static readonly HashSet<string> s_reservedDeviceNames = new(StringComparer.OrdinalIgnoreCase)
    {
        "CON", "PRN", "AUX", "NUL", "CLOCK$", "CONIN$", "CONOUT$",
        "COM0", "COM1", "COM2", "COM3", "COM4", "COM5", "COM6", "COM7", "COM8", "COM9", "COM¹", "COM²", "COM³",
        "LPT0", "LPT1", "LPT2", "LPT3", "LPT4", "LPT5", "LPT6", "LPT7", "LPT8", "LPT9", "LPT¹", "LPT²", "LPT³",
    };

    /// <summary>
    /// The client's file name made safe to keep as metadata: last path segment only (either separator, drive
    /// letters dropped), NFC, no control/format (bidi) characters, length-capped. Its extension is kept as given.
    /// </summary>
    public static string SanitizeOriginalName(string? name)
    {
        var text = StripInvisible(LastSegment(name ?? string.Empty)).Trim().Trim('.').Trim();
        text = Truncate(text, MaxOriginalNameLength);
        return NeutraliseReserved(text.Length == 0 ? FallbackStem : text);
    }

    /// <summary>The category made safe for a stored name: letters, digits and '-' only, capped; else the fallback.</summary>
    public static string SanitizeCategory(string? category, string fallback)
    {
        var cleaned = Truncate(Restrict(StripInvisible(category ?? string.Empty), allowDot: false, replacement: '-'), MaxCategoryLength)
            .Trim('-');
        if (cleaned.Length == 0)
        {
            cleaned = Truncate(Restrict(StripInvisible(fallback), allowDot: false, replacement: '-'), MaxCategoryLength).Trim('-');
        }

        return NeutraliseReserved(cleaned.Length == 0 ? "General" : cleaned);
    }

    /// <summary>The stem (name without extension) of an original name, reduced to safe characters and capped.</summary>
    public static string SanitizeStem(string? originalName)
    {
        var sanitized = SanitizeOriginalName(originalName);
        var dot = sanitized.LastIndexOf('.');
        var stem = dot > 0 ? sanitized[..dot] : sanitized;
        stem = Truncate(Restrict(stem, allowDot: true, replacement: '_'), MaxStemLength).Trim('_', '.', '-');
        return NeutraliseReserved(stem.Length == 0 ? FallbackStem : stem);
    }

    /// <summary>
    /// Composes a stored name. <paramref name="attempt"/> 1 is the plain name; 2, 3, ... append <c>_2</c>, <c>_3</c>
    /// for collisions. The stem is shortened as needed to stay within <see cref="MaxStoredNameBytes"/>.
    /// </summary>
    public static string Compose(DateTimeOffset timestamp, string category, string stem, string extension, int attempt = 1)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(attempt, 1);
        var prefix = timestamp.UtcDateTime.ToString(TimestampFormat, CultureInfo.InvariantCulture) + "_" + category + "_";
        var suffix = (attempt == 1 ? string.Empty : "_" + attempt.ToString(CultureInfo.InvariantCulture)) + "." + extension;
        var budget = MaxStoredNameBytes - Encoding.UTF8.GetByteCount(prefix) - Encoding.UTF8.GetByteCount(suffix);
        var fitted = FitUtf8(stem, budget).TrimEnd('_', '.', '-');
        return prefix + (fitted.Length == 0 ? FallbackStem : fitted) + suffix;
    }

    /// <summary>The store-relative folder of a video stored at <paramref name="timestamp"/>: <c>videos/yyyy/MM</c>.</summary>
    public static string ShardFolder(DateTimeOffset timestamp) =>
        "videos/" + timestamp.UtcDateTime.ToString("yyyy'/'MM", CultureInfo.InvariantCulture);

    /// <summary>Reads the timestamp, category and original-name stem back out of a stored name, when it follows the pattern.</summary>
    public static bool TryParse(string storedName, out DateTimeOffset timestamp, out string category, out string originalName)
    {
        timestamp = default;
        category = string.Empty;
        originalName = string.Empty;
        var parts = storedName.Split('_', 4);
        if (parts.Length < 4
            || !DateTime.TryParseExact(parts[0] + "_" + parts[1], TimestampFormat, CultureInfo.InvariantCulture,
                DateTimeStyles.AdjustToUniversal | DateTimeStyles.AssumeUniversal, out var parsed)
            || parts[2].Length == 0 || parts[3].Length == 0)
        {
            return false;
        }

        timestamp = new DateTimeOffset(parsed, TimeSpan.Zero);
        category = parts[2];
        originalName = parts[3];
        return true;
    }

    private static string LastSegment(string name)
    {
        var cut = name.LastIndexOfAny(['/', '\\']);
        var segment = cut >= 0 ? name[(cut + 1)..] : name;
        // "C:a.mp4" is a drive-relative path on Windows.
        if (segment.Length >= 2 && segment[1] == ':' && char.IsAsciiLetter(segment[0]))
        {
            segment = segment[2..];
        }

        return segment;
    }

    private static string StripInvisible(string text)
    {
        var builder = new StringBuilder(text.Length);
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            if (char.IsHighSurrogate(c) && i + 1 < text.Length && char.IsLowSurrogate(text[i + 1]))
            {
                if (CharUnicodeInfo.GetUnicodeCategory(text, i) is not (UnicodeCategory.Format or UnicodeCategory.PrivateUse))
                {
                    builder.Append(c).Append(text[i + 1]);
                }

                i++;
                continue;
            }

            // Lone surrogates go; Cc covers NUL and C0/C1 controls; Cf covers bidi overrides (U+202E), zero-width
            // characters and the BOM.
            if (char.IsSurrogate(c)
                || CharUnicodeInfo.GetUnicodeCategory(c) is UnicodeCategory.Control or UnicodeCategory.Format or UnicodeCategory.PrivateUse
                    or UnicodeCategory.LineSeparator or UnicodeCategory.ParagraphSeparator)
            {
                continue;
            }

            builder.Append(c);
        }

        return NfcNormalizer.Normalize(builder.ToString());
    }

    // Stored names keep letters, digits, '-', '_' (and '.' in stems); anything else collapses into one replacement.
    private static string Restrict(string text, bool allowDot, char replacement)
    {
        var builder = new StringBuilder(text.Length);
        var lastWasReplacement = false;
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            var isPair = char.IsHighSurrogate(c) && i + 1 < text.Length && char.IsLowSurrogate(text[i + 1]);
            var keep = isPair
                ? char.IsLetterOrDigit(text, i)
                : char.IsLetterOrDigit(c) || c == '-' || (c == '_' && replacement == '_') || (c == '.' && allowDot);
            if (keep)
            {
                builder.Append(c);
                if (isPair)
                {
                    builder.Append(text[++i]);
                }

                lastWasReplacement = false;
            }
            else
            {
                if (isPair)
                {
                    i++;
                }

                if (!lastWasReplacement && builder.Length > 0)
                {
                    builder.Append(replacement);
                    lastWasReplacement = true;
                }
            }
        }

        // ".." sequences are harmless without separators, but collapsing them keeps names unsurprising.
        var result = builder.ToString();
        while (result.Contains("..", StringComparison.Ordinal))
        {
            result = result.Replace("..", ".", StringComparison.Ordinal);
        }

        return result;
    }

    private static string NeutraliseReserved(string text)
    {
        var dot = text.IndexOf('.', StringComparison.Ordinal);
        var baseName = (dot >= 0 ? text[..dot] : text).TrimEnd(' ');
        return s_reservedDeviceNames.Contains(baseName) ? "_" + text : text;
    }

    private static string Truncate(string text, int maxChars)
    {
        if (text.Length <= maxChars)
        {
            return text;
        }

        var cut = maxChars;
        if (char.IsHighSurrogate(text[cut - 1]))
        {
            cut--;
        }

        return text[..cut];
    }

    private static string FitUtf8(string text, int maxBytes)
    {
        if (maxBytes <= 0)
        {
            return string.Empty;
        }

        var length = text.Length;
        while (length > 0 && Encoding.UTF8.GetByteCount(text.AsSpan(0, length)) > maxBytes)
        {
            length--;
            if (length > 0 && char.IsHighSurrogate(text[length - 1]))
            {
                length--;
            }
        }

        return text[..length];
    }
}
