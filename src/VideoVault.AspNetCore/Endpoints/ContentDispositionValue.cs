using System.Text;

namespace VideoVault.AspNetCore.Endpoints;

/// <summary>
/// A <c>Content-Disposition</c> value for a file name nobody checked (RFC 6266 with the RFC 8187 / RFC 5987
/// encoding): <c>inline; filename="ascii fallback"</c>, plus <c>filename*=UTF-8''…</c> whenever the fallback is not
/// the name itself. The value is printable ASCII whatever the name holds (quotes, backslashes, <c>%</c>, non-ASCII,
/// control characters, CR/LF), so it can neither break the header nor add one; <c>filename*</c> decodes back to the
/// exact name.
/// </summary>
/// <remarks>
/// The fallback keeps printable ASCII except <c>"</c> and <c>\</c> (quoting rules differ between clients), <c>%</c>
/// (some clients percent-decode <c>filename</c>), and <c>;</c> and <c>,</c> (clients that split the value naively must not
/// find a second parameter or header value inside the name); every other character becomes <c>_</c>. Clients that
/// understand <c>filename*</c> (every current browser) use it instead.
/// </remarks>
internal static class ContentDispositionValue
{
    public const string Inline = "inline";
    public const string Attachment = "attachment";

    /// <summary>The name used when the recorded one is empty.</summary>
    public const string FallbackName = "video";

    private const string Hex = "0123456789ABCDEF";

    public static string Format(string dispositionType, string? fileName)
    {
        ArgumentException.ThrowIfNullOrEmpty(dispositionType);
        var name = string.IsNullOrEmpty(fileName) ? FallbackName : fileName;
        var value = new StringBuilder(dispositionType.Length + 32 + (name.Length * 3));
        value.Append(dispositionType).Append("; filename=\"");
        var exact = true;
        foreach (var rune in name.EnumerateRunes())
        {
            if (IsFallbackSafe(rune))
            {
                value.Append((char)rune.Value);
            }
            else
            {
                value.Append('_');
                exact = false;
            }
        }

        value.Append('"');
        if (!exact)
        {
            value.Append("; filename*=UTF-8''");
            AppendExtValue(value, name);
        }

        return value.ToString();
    }

    private static bool IsFallbackSafe(Rune rune) =>
        rune.Value is >= 0x20 and <= 0x7E and not '"' and not '\\' and not '%' and not ';' and not ',';

    /// <summary>RFC 8187 §3.2.1: <c>attr-char</c> stays as it is, every other byte of the UTF-8 form is <c>%XX</c>.</summary>
    private static void AppendExtValue(StringBuilder value, string name)
    {
        Span<byte> utf8 = stackalloc byte[4];
        foreach (var rune in name.EnumerateRunes())
        {
            var length = rune.EncodeToUtf8(utf8);
            for (var i = 0; i < length; i++)
            {
                var b = utf8[i];
                if (IsAttrChar(b))
                {
                    value.Append((char)b);
                }
                else
                {
                    value.Append('%').Append(Hex[b >> 4]).Append(Hex[b & 0xF]);
                }
            }
        }
    }

    private static bool IsAttrChar(byte b) =>
        b is (>= (byte)'A' and <= (byte)'Z') or (>= (byte)'a' and <= (byte)'z') or (>= (byte)'0' and <= (byte)'9')
            or (byte)'!' or (byte)'#' or (byte)'$' or (byte)'&' or (byte)'+' or (byte)'-' or (byte)'.' or (byte)'^'
            or (byte)'_' or (byte)'`' or (byte)'|' or (byte)'~';
}
