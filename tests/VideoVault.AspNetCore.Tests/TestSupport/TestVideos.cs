using System.Buffers.Binary;
using System.Text;

namespace VideoVault.AspNetCore.Tests.TestSupport;

/// <summary>Tiny but real video containers: the magic bytes a sniffer (and file(1)) recognise, then filler.</summary>
internal static class TestVideos
{
    /// <summary>An MP4: an <c>ftyp</c> box with brand <c>isom</c>, then an <c>mdat</c> box of pseudo-random payload.</summary>
    public static byte[] Mp4(int size = 4096, int seed = 1)
    {
        var bytes = new byte[Math.Max(size, 64)];
        Filler(seed).NextBytes(bytes);
        ReadOnlySpan<byte> ftyp =
        [
            0x00, 0x00, 0x00, 0x20, (byte)'f', (byte)'t', (byte)'y', (byte)'p', (byte)'i', (byte)'s', (byte)'o', (byte)'m',
            0x00, 0x00, 0x02, 0x00, (byte)'i', (byte)'s', (byte)'o', (byte)'m', (byte)'i', (byte)'s', (byte)'o', (byte)'2',
            (byte)'a', (byte)'v', (byte)'c', (byte)'1', (byte)'m', (byte)'p', (byte)'4', (byte)'1',
        ];
        ftyp.CopyTo(bytes);
        BinaryPrimitives.WriteUInt32BigEndian(bytes.AsSpan(32), (uint)(bytes.Length - 32));
        "mdat"u8.CopyTo(bytes.AsSpan(36));
        return bytes;
    }

    /// <summary>A WebM: an EBML header with DocType <c>webm</c>, then filler.</summary>
    public static byte[] WebM(int size = 4096, int seed = 2)
    {
        var bytes = new byte[Math.Max(size, 64)];
        Filler(seed).NextBytes(bytes);
        ReadOnlySpan<byte> ebml =
        [
            0x1A, 0x45, 0xDF, 0xA3, 0x9F, // EBML header, size 31
            0x42, 0x86, 0x81, 0x01, // EBMLVersion 1
            0x42, 0xF7, 0x81, 0x01, // EBMLReadVersion 1
            0x42, 0xF2, 0x81, 0x04, // EBMLMaxIDLength 4
            0x42, 0xF3, 0x81, 0x08, // EBMLMaxSizeLength 8
            0x42, 0x82, 0x84, (byte)'w', (byte)'e', (byte)'b', (byte)'m', // DocType "webm"
            0x42, 0x87, 0x81, 0x04, // DocTypeVersion 4
            0x42, 0x85, 0x81, 0x02, // DocTypeReadVersion 2
        ];
        ebml.CopyTo(bytes);
        return bytes;
    }

    /// <summary>An AVI: <c>RIFF</c>, its size, <c>AVI </c> and a <c>LIST</c> chunk, then filler.</summary>
    public static byte[] Avi(int size = 4096, int seed = 3)
    {
        var bytes = new byte[Math.Max(size, 64)];
        Filler(seed).NextBytes(bytes);
        "RIFF"u8.CopyTo(bytes);
        BinaryPrimitives.WriteUInt32LittleEndian(bytes.AsSpan(4), (uint)(bytes.Length - 8));
        "AVI LIST"u8.CopyTo(bytes.AsSpan(8));
        return bytes;
    }

    /// <summary>Plain text: what a renamed <c>notes.txt</c> sent as <c>video.mp4</c> looks like.</summary>
    public static byte[] Text(int size = 2048) =>
        Encoding.UTF8.GetBytes(string.Concat(Enumerable.Repeat("This is not a video, just some notes.\n", (size / 38) + 1)))[..size];

    private static Random Filler(int seed) => new(seed);
}
