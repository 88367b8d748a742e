using System.Buffers.Binary;
using System.Text;

namespace VideoVault.Tests;

/// <summary>
/// Tiny but real container headers (the bytes file(1) and the store's sniffer look at), padded to any length with
/// deterministic filler; a different <c>seed</c> gives different filler, so same-sized videos differ in content.
/// One source, linked into every test project that needs videos (see each project's <c>Compile Include</c>).
/// </summary>
internal static class TestVideos
{
    /// <summary>An MP4 (<c>ftyp isom</c>, compatible <c>isom mp41</c>) followed by an <c>mdat</c> box.</summary>
    public static byte[] Mp4(int length = 4096, int seed = 0) => IsoBaseMedia("isom", ["isom", "mp41"], length, seed);

    /// <summary>An M4V (<c>ftyp M4V </c>).</summary>
    public static byte[] M4v(int length = 4096) => IsoBaseMedia("M4V ", ["M4V ", "mp42", "isom"], length);

    /// <summary>A QuickTime movie (<c>ftyp qt  </c>).</summary>
    public static byte[] QuickTime(int length = 4096) => IsoBaseMedia("qt  ", ["qt  "], length);

    /// <summary>A pre-ftyp QuickTime movie that starts with a <c>moov</c> atom.</summary>
    public static byte[] LegacyQuickTime(int length = 4096) => Pad(Box("moov", new byte[24]), length);

    /// <summary>A 3GPP file (<c>ftyp 3gp5</c>).</summary>
    public static byte[] ThreeGpp(int length = 4096) => IsoBaseMedia("3gp5", ["3gp5", "isom"], length);

    /// <summary>A 3GPP2 file (<c>ftyp 3g2a</c>).</summary>
    public static byte[] ThreeGpp2(int length = 4096) => IsoBaseMedia("3g2a", ["3g2a"], length);

    /// <summary>An audio-only MPEG-4 file (<c>ftyp M4A </c>): not a video.</summary>
    public static byte[] M4aAudio(int length = 4096) => IsoBaseMedia("M4A ", ["M4A ", "mp42", "isom"], length);

    /// <summary>A WebM file: an EBML header with DocType <c>webm</c>, then a Segment.</summary>
    public static byte[] WebM(int length = 4096, int seed = 0) => Ebml("webm", length, seed);

    /// <summary>A Matroska file: an EBML header with DocType <c>matroska</c>, then a Segment.</summary>
    public static byte[] Matroska(int length = 4096) => Ebml("matroska", length);

    /// <summary>An AVI file: <c>RIFF</c>, size, <c>AVI </c>, then a <c>LIST hdrl</c>.</summary>
    public static byte[] Avi(int length = 4096, int seed = 0)
    {
        var header = new byte[24];
        "RIFF"u8.CopyTo(header);
        BinaryPrimitives.WriteUInt32LittleEndian(header.AsSpan(4), (uint)Math.Max(length - 8, 16));
        "AVI "u8.CopyTo(header.AsSpan(8));
        "LIST"u8.CopyTo(header.AsSpan(12));
        BinaryPrimitives.WriteUInt32LittleEndian(header.AsSpan(16), 4);
        "hdrl"u8.CopyTo(header.AsSpan(20));
        return Pad(header, length, seed: seed);
    }

    /// <summary>An MPEG transport stream: 188-byte packets, each starting with the sync byte 0x47.</summary>
    public static byte[] MpegTransportStream(int length = 4096) => Packets(length, 188, syncOffset: 0);

    /// <summary>A Blu-ray M2TS stream: 192-byte packets (4-byte timestamp, then a TS packet).</summary>
    public static byte[] M2ts(int length = 4096) => Packets(length, 192, syncOffset: 4);

    /// <summary>An MPEG-2 program stream: a pack header <c>00 00 01 BA</c>.</summary>
    public static byte[] MpegProgramStream(int length = 4096) =>
        Pad([0x00, 0x00, 0x01, 0xBA, 0x44, 0x00, 0x04, 0x00, 0x04, 0x01, 0x01, 0x89, 0xC3, 0xF8], length);

    /// <summary>A Flash video: <c>FLV 01</c>, flags (audio+video), header size 9, first previous-tag-size 0.</summary>
    public static byte[] Flv(int length = 4096) =>
        Pad([0x46, 0x4C, 0x56, 0x01, 0x05, 0x00, 0x00, 0x00, 0x09, 0x00, 0x00, 0x00, 0x00], length);

    /// <summary>An ASF/WMV file: the ASF Header Object GUID, its size and object count.</summary>
    public static byte[] Asf(int length = 4096)
    {
        byte[] guid = [0x30, 0x26, 0xB2, 0x75, 0x8E, 0x66, 0xCF, 0x11, 0xA6, 0xD9, 0x00, 0xAA, 0x00, 0x62, 0xCE, 0x6C];
        var header = new byte[30];
        guid.CopyTo(header, 0);
        BinaryPrimitives.WriteUInt64LittleEndian(header.AsSpan(16), 30);
        BinaryPrimitives.WriteUInt32LittleEndian(header.AsSpan(24), 0);
        header[28] = 0x01;
        header[29] = 0x02;
        return Pad(header, length);
    }

    /// <summary>Plain text, as a mislabelled <c>.mp4</c> would contain.</summary>
    public static byte[] Text(int length = 200) =>
        Pad(Encoding.ASCII.GetBytes("This is a plain text file pretending to be a video.\n"), length, filler: (byte)'x');

    private static byte[] IsoBaseMedia(string majorBrand, string[] compatibleBrands, int length, int seed = 0)
    {
        var ftyp = new byte[16 + (4 * compatibleBrands.Length)];
        BinaryPrimitives.WriteUInt32BigEndian(ftyp, (uint)ftyp.Length);
        "ftyp"u8.CopyTo(ftyp.AsSpan(4));
        Encoding.ASCII.GetBytes(majorBrand).CopyTo(ftyp, 8);
        BinaryPrimitives.WriteUInt32BigEndian(ftyp.AsSpan(12), 0x200);
        for (var i = 0; i < compatibleBrands.Length; i++)
        {
            Encoding.ASCII.GetBytes(compatibleBrands[i]).CopyTo(ftyp, 16 + (4 * i));
        }

        var mdatLength = Math.Max(length - ftyp.Length, 8);
        var bytes = Pad(ftyp, ftyp.Length + mdatLength, seed: seed);
        BinaryPrimitives.WriteUInt32BigEndian(bytes.AsSpan(ftyp.Length), (uint)mdatLength);
        "mdat"u8.CopyTo(bytes.AsSpan(ftyp.Length + 4));
        return bytes;
    }

    private static byte[] Ebml(string docType, int length, int seed = 0)
    {
        var doc = Encoding.ASCII.GetBytes(docType);
        var body = new List<byte>();
        body.AddRange([0x42, 0x86, 0x81, 0x01]); // EBMLVersion 1
        body.AddRange([0x42, 0xF7, 0x81, 0x01]); // EBMLReadVersion 1
        body.AddRange([0x42, 0xF2, 0x81, 0x04]); // EBMLMaxIDLength 4
        body.AddRange([0x42, 0xF3, 0x81, 0x08]); // EBMLMaxSizeLength 8
        body.AddRange([0x42, 0x82, (byte)(0x80 | doc.Length)]);
        body.AddRange(doc);
        body.AddRange([0x42, 0x87, 0x81, 0x04]); // DocTypeVersion
        body.AddRange([0x42, 0x85, 0x81, 0x02]); // DocTypeReadVersion
        var header = new List<byte> { 0x1A, 0x45, 0xDF, 0xA3, (byte)(0x80 | body.Count) };
        header.AddRange(body);
        header.AddRange([0x18, 0x53, 0x80, 0x67, 0x01, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF]); // Segment, unknown size
        return Pad([.. header], length, seed: seed);
    }

    private static byte[] Packets(int length, int packetLength, int syncOffset)
    {
        var count = Math.Max(3, (length + packetLength - 1) / packetLength);
        var bytes = new byte[count * packetLength];
        for (var i = 0; i < count; i++)
        {
            var packet = bytes.AsSpan(i * packetLength, packetLength);
            packet.Fill(0xFF);
            packet[..syncOffset].Clear();
            packet[syncOffset] = 0x47;
            packet[syncOffset + 1] = i == 0 ? (byte)0x40 : (byte)0x00;
            packet[syncOffset + 2] = 0x00;
            packet[syncOffset + 3] = (byte)(0x10 | (i & 0x0F));
        }

        return bytes;
    }

    private static byte[] Pad(byte[] header, int length, byte? filler = null, int seed = 0)
    {
        var bytes = new byte[Math.Max(length, header.Length)];
        if (filler is { } value)
        {
            bytes.AsSpan().Fill(value);
        }
        else
        {
            // Deterministic noise, so different test videos of one length still hash differently by header.
            // Seed 0 keeps the original sequence; the low bit keeps the xorshift state non-zero.
            var state = (0x2545F491u ^ unchecked((uint)seed * 0x9E3779B9u)) | 1u;
            for (var i = 0; i < bytes.Length; i++)
            {
                state ^= state << 13;
                state ^= state >> 17;
                state ^= state << 5;
                bytes[i] = (byte)state;
            }
        }

        header.CopyTo(bytes, 0);
        return bytes;
    }

    private static byte[] Box(string type, byte[] payload)
    {
        var box = new byte[8 + payload.Length];
        BinaryPrimitives.WriteUInt32BigEndian(box, (uint)box.Length);
        Encoding.ASCII.GetBytes(type).CopyTo(box, 4);
        payload.CopyTo(box, 8);
        return box;
    }
}
