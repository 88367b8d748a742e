namespace VideoVault.Manager.Tests.TestSupport;

/// <summary>Tiny real video files: the container headers the store sniffs, followed by deterministic payload.</summary>
internal static class VideoBytes
{
    /// <summary>An ISO base media file: a 24-byte <c>ftyp</c> box (brand <c>isom</c>), then an <c>mdat</c> payload.</summary>
    public static byte[] Mp4(int payloadBytes = 4000, int seed = 1)
    {
        byte[] header =
        [
            0, 0, 0, 24, (byte)'f', (byte)'t', (byte)'y', (byte)'p', (byte)'i', (byte)'s', (byte)'o', (byte)'m', 0, 0, 2, 0,
            (byte)'i', (byte)'s', (byte)'o', (byte)'m', (byte)'m', (byte)'p', (byte)'4', (byte)'1',
        ];
        return WithPayload(header, payloadBytes, seed);
    }

    /// <summary>An EBML header with DocType <c>webm</c>, then payload.</summary>
    public static byte[] WebM(int payloadBytes = 4000, int seed = 2)
    {
        byte[] header =
        [
            0x1A, 0x45, 0xDF, 0xA3, 0x9F,
            0x42, 0x86, 0x81, 0x01,
            0x42, 0xF7, 0x81, 0x01,
            0x42, 0xF2, 0x81, 0x04,
            0x42, 0xF3, 0x81, 0x08,
            0x42, 0x82, 0x84, (byte)'w', (byte)'e', (byte)'b', (byte)'m',
            0x42, 0x87, 0x81, 0x04,
            0x42, 0x85, 0x81, 0x02,
        ];
        return WithPayload(header, payloadBytes, seed);
    }

    private static byte[] WithPayload(byte[] header, int payloadBytes, int seed)
    {
        var bytes = new byte[header.Length + payloadBytes];
        header.CopyTo(bytes, 0);
        new Random(seed).NextBytes(bytes.AsSpan(header.Length));
        return bytes;
    }
}
