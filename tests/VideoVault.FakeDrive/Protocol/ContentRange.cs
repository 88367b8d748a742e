using System.Globalization;

namespace VideoVault.FakeDrive.Protocol;

/// <summary>A parsed <c>Content-Range</c> of a session PUT: <c>bytes a-b/T|*</c> or <c>bytes */T|*</c>.</summary>
internal readonly record struct ContentRange(long? First, long? Last, long? Total)
{
    public bool IsStatusQuery => First is null;

    public long Length => IsStatusQuery ? 0 : Last!.Value - First!.Value + 1;

    public static bool TryParse(string? header, out ContentRange range)
    {
        range = default;
        if (header is null || !header.StartsWith("bytes ", StringComparison.Ordinal))
        {
            return false;
        }

        var spec = header["bytes ".Length..].Trim();
        var slash = spec.IndexOf('/', StringComparison.Ordinal);
        if (slash < 0)
        {
            return false;
        }

        var rangePart = spec[..slash];
        var totalPart = spec[(slash + 1)..];
        long? total = null;
        if (totalPart != "*")
        {
            if (!TryParseNumber(totalPart, out var t))
            {
                return false;
            }

            total = t;
        }

        if (rangePart == "*")
        {
            range = new ContentRange(null, null, total);
            return true;
        }

        var dash = rangePart.IndexOf('-', StringComparison.Ordinal);
        if (dash < 0 || !TryParseNumber(rangePart[..dash], out var first) || !TryParseNumber(rangePart[(dash + 1)..], out var last) || last < first)
        {
            return false;
        }

        range = new ContentRange(first, last, total);
        return true;
    }

    private static bool TryParseNumber(string text, out long value) =>
        long.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out value);
}
