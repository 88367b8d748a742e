using System.Globalization;

namespace VideoVault.FakeDrive.Protocol;

/// <summary>
/// One byte range of a download's <c>Range</c> header (RFC 9110 §14.1.2): <c>bytes=first-last</c>,
/// <c>bytes=first-</c> or <c>bytes=-suffix</c>, resolved against the file's size.
/// </summary>
internal readonly record struct ByteRange(long First, long Last, bool Satisfiable)
{
    /// <summary>
    /// The range asked for, or null when the header is absent, malformed or asks for several ranges: a server may
    /// ignore those and send the whole file (RFC 9110 §14.2). A range that starts past the end is unsatisfiable (416).
    /// </summary>
    public static ByteRange? Parse(string? header, long size)
    {
        if (header is null || !header.StartsWith("bytes=", StringComparison.OrdinalIgnoreCase))
        {
            return null;
        }

        var spec = header["bytes=".Length..].Trim();
        if (spec.Contains(',', StringComparison.Ordinal))
        {
            return null;
        }

        var dash = spec.IndexOf('-', StringComparison.Ordinal);
        if (dash < 0)
        {
            return null;
        }

        var firstText = spec[..dash].Trim();
        var lastText = spec[(dash + 1)..].Trim();
        if (firstText.Length == 0)
        {
            // A suffix: the last N bytes.
            if (!TryParse(lastText, out var suffix))
            {
                return null;
            }

            return suffix == 0 || size == 0 ? Unsatisfiable : new ByteRange(Math.Max(0, size - suffix), size - 1, true);
        }

        if (!TryParse(firstText, out var first))
        {
            return null;
        }

        var last = size - 1;
        if (lastText.Length > 0)
        {
            if (!TryParse(lastText, out last) || last < first)
            {
                return null;
            }
        }

        return first >= size ? Unsatisfiable : new ByteRange(first, Math.Min(last, size - 1), true);
    }

    private static ByteRange Unsatisfiable => new(0, -1, false);

    private static bool TryParse(string text, out long value) =>
        long.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out value);
}
