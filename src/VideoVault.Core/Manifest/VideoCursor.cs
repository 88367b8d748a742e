using System.Buffers.Binary;
using System.Buffers.Text;
using System.Text;

namespace VideoVault.Manifest;

/// <summary>
/// The keyset position of a list page: the last row's stored creation time and id, as opaque base64url. A leading
/// format byte lets the encoding change later without misreading old cursors.
/// </summary>
internal readonly record struct VideoCursor(long CreatedAt, string Id)
{
    private const byte FormatVersion = 1;
    private const int MaxIdLength = 64;

    public string Encode()
    {
        var id = Encoding.ASCII.GetBytes(Id);
        var bytes = new byte[1 + sizeof(long) + id.Length];
        bytes[0] = FormatVersion;
        BinaryPrimitives.WriteInt64BigEndian(bytes.AsSpan(1), CreatedAt);
        id.CopyTo(bytes.AsSpan(1 + sizeof(long)));
        return Base64Url.EncodeToString(bytes);
    }

    /// <exception cref="ArgumentException">The text is not a cursor this manifest issued.</exception>
    public static VideoCursor Decode(string cursor, string parameterName)
    {
        byte[] bytes;
        try
        {
            bytes = Base64Url.DecodeFromChars(cursor);
        }
        catch (FormatException)
        {
            throw Invalid(parameterName);
        }

        var idLength = bytes.Length - 1 - sizeof(long);
        if (idLength is < 1 or > MaxIdLength || bytes[0] != FormatVersion)
        {
            throw Invalid(parameterName);
        }

        var idBytes = bytes.AsSpan(1 + sizeof(long));
        foreach (var b in idBytes)
        {
            if (!char.IsAsciiLetterOrDigit((char)b))
            {
                throw Invalid(parameterName);
            }
        }

        return new VideoCursor(BinaryPrimitives.ReadInt64BigEndian(bytes.AsSpan(1)), Encoding.ASCII.GetString(idBytes));
    }

    private static ArgumentException Invalid(string parameterName) =>
        new("The cursor is not valid: pass the next_cursor value of a previous page unchanged, or omit it to start from the newest video.", parameterName);
}
