using System.Buffers.Binary;
using System.Text;

namespace VideoVault.Storage;

/// <summary>
/// Recognises the allowed video containers by their magic bytes (after file(1)'s <c>Magdir/animation</c> and
/// <c>Magdir/matroska</c>). The client's extension and Content-Type are never consulted: a prefix check is the only
/// evidence, so a polyglot still passes — it is a gate against mislabelled files, not a validator.
/// </summary>
internal static class VideoSignatureSniffer
{
    /// <summary>How many leading bytes <see cref="Sniff"/> wants to see (fewer are fine for a short file).</summary>
    public const int HeaderLength = 4096;

    private const int TsPacket = 188;
    private const int M2tsPacket = 192;

    private static readonly byte[] s_asfHeaderGuid =
    [
        0x30, 0x26, 0xB2, 0x75, 0x8E, 0x66, 0xCF, 0x11, 0xA6, 0xD9, 0x00, 0xAA, 0x00, 0x62, 0xCE, 0x6C,
    ];

    private static readonly VideoSignature s_mp4 = new(VideoContainer.Mp4, "video/mp4", "mp4");
    private static readonly VideoSignature s_m4v = new(VideoContainer.Mp4, "video/x-m4v", "m4v");
    private static readonly VideoSignature s_mov = new(VideoContainer.QuickTime, "video/quicktime", "mov");
    private static readonly VideoSignature s_3gp = new(VideoContainer.ThreeGpp, "video/3gpp", "3gp");
    private static readonly VideoSignature s_3g2 = new(VideoContainer.ThreeGpp, "video/3gpp2", "3g2");
    private static readonly VideoSignature s_mkv = new(VideoContainer.Matroska, "video/x-matroska", "mkv");
    private static readonly VideoSignature s_webm = new(VideoContainer.WebM, "video/webm", "webm");
    private static readonly VideoSignature s_avi = new(VideoContainer.Avi, "video/x-msvideo", "avi");
    private static readonly VideoSignature s_ts = new(VideoContainer.MpegTransportStream, "video/mp2t", "ts");
    private static readonly VideoSignature s_m2ts = new(VideoContainer.MpegTransportStream, "video/mp2t", "m2ts");
    private static readonly VideoSignature s_ps = new(VideoContainer.MpegProgramStream, "video/mpeg", "mpg");
    private static readonly VideoSignature s_flv = new(VideoContainer.Flv, "video/x-flv", "flv");
    private static readonly VideoSignature s_asf = new(VideoContainer.Asf, "video/x-ms-asf", "asf");

    /// <summary>Identifies the container from the first bytes of a file (ideally <see cref="HeaderLength"/> of them).</summary>
    public static VideoSignature Sniff(ReadOnlySpan<byte> header)
    {
        if (header.Length >= 12)
        {
            var isoBmff = SniffIsoBaseMedia(header);
            if (isoBmff is not null)
            {
                return isoBmff;
            }
        }

        if (header.Length >= 4 && BinaryPrimitives.ReadUInt32BigEndian(header) == 0x1A45DFA3)
        {
            return SniffEbml(header);
        }

        if (header.Length >= 12 && header[..4].SequenceEqual("RIFF"u8) && header.Slice(8, 4).SequenceEqual("AVI "u8))
        {
            return s_avi;
        }

        if (header.Length >= 4 && BinaryPrimitives.ReadUInt32BigEndian(header) == 0x000001BA)
        {
            return s_ps;
        }

        if (header.Length >= 4 && header[..4].SequenceEqual("FLV\x01"u8))
        {
            return s_flv;
        }

        if (header.Length >= s_asfHeaderGuid.Length && header[..s_asfHeaderGuid.Length].SequenceEqual(s_asfHeaderGuid))
        {
            return s_asf;
        }

        if (HasSyncBytes(header, first: 0, TsPacket))
        {
            return s_ts;
        }

        if (HasSyncBytes(header, first: 4, M2tsPacket))
        {
            return s_m2ts;
        }

        return VideoSignature.Unknown;
    }

    /// <summary>The extensions a container may be stored under; the first is the canonical one.</summary>
    public static IReadOnlyList<string> ExtensionsOf(VideoContainer container) => container switch
    {
        VideoContainer.Mp4 => ["mp4", "m4v"],
        VideoContainer.QuickTime => ["mov", "qt"],
        VideoContainer.ThreeGpp => ["3gp", "3g2"],
        VideoContainer.Matroska => ["mkv"],
        VideoContainer.WebM => ["webm"],
        VideoContainer.Avi => ["avi"],
        VideoContainer.MpegTransportStream => ["ts", "m2ts", "mts"],
        VideoContainer.MpegProgramStream => ["mpg", "mpeg", "vob"],
        VideoContainer.Flv => ["flv"],
        VideoContainer.Asf => ["asf", "wmv"],
        _ => [],
    };

    private static VideoSignature? SniffIsoBaseMedia(ReadOnlySpan<byte> header)
    {
        var boxType = header.Slice(4, 4);
        if (!boxType.SequenceEqual("ftyp"u8))
        {
            // Pre-ftyp QuickTime files start straight with one of these atoms.
            return boxType.SequenceEqual("moov"u8) || boxType.SequenceEqual("mdat"u8)
                || boxType.SequenceEqual("wide"u8) || boxType.SequenceEqual("free"u8)
                ? s_mov
                : null;
        }

        var major = Encoding.ASCII.GetString(header.Slice(8, 4));
        var byMajor = FromBrand(major);
        if (byMajor is not null || IsNonVideoBrand(major))
        {
            return byMajor ?? VideoSignature.Unknown;
        }

        // An unfamiliar major brand is still MP4 if it declares compatibility with a known video brand.
        var boxSize = BinaryPrimitives.ReadUInt32BigEndian(header);
        var end = (int)Math.Min(Math.Min(boxSize, (uint)header.Length), 4096u);
        for (var offset = 16; offset + 4 <= end; offset += 4)
        {
            var compatible = FromBrand(Encoding.ASCII.GetString(header.Slice(offset, 4)));
            if (compatible is not null)
            {
                return compatible;
            }
        }

        return VideoSignature.Unknown;
    }

    private static VideoSignature? FromBrand(string brand) => brand switch
    {
        "qt  " => s_mov,
        "M4V " or "M4VH" or "M4VP" => s_m4v,
        "isom" or "iso2" or "iso3" or "iso4" or "iso5" or "iso6" or "iso7" or "iso8" or "iso9"
            or "mp41" or "mp42" or "mp71" or "avc1" or "dash" or "msnv" or "MSNV" or "mmp4" or "f4v "
            or "NDSC" or "NDSH" or "NDSM" or "NDSP" or "NDSS" or "NDXC" or "NDXH" or "NDXM" or "NDXP" or "NDXS"
            or "XAVC" or "hvc1" or "av01" => s_mp4,
        _ when brand.StartsWith("3g2", StringComparison.Ordinal) => s_3g2,
        _ when brand.StartsWith("3gp", StringComparison.Ordinal) || brand.StartsWith("3ge", StringComparison.Ordinal)
            || brand.StartsWith("3gg", StringComparison.Ordinal) || brand.StartsWith("3gs", StringComparison.Ordinal) => s_3gp,
        _ => null,
    };

    // Audio-only and still-image ISO files share the box format; they are not videos.
    private static bool IsNonVideoBrand(string brand) => brand is "M4A " or "M4B " or "M4P " or "F4A " or "F4B "
        or "heic" or "heix" or "mif1" or "msf1" or "avif" or "avis" or "jp2 " or "crx ";

    private static VideoSignature SniffEbml(ReadOnlySpan<byte> header)
    {
        var position = 4;
        if (!TryReadVint(header, ref position, out var headerSize))
        {
            return VideoSignature.Unknown;
        }

        var end = (int)Math.Min((ulong)header.Length, (ulong)position + headerSize);
        while (position < end)
        {
            if (!TryReadElementId(header, ref position, out var id)
                || !TryReadVint(header, ref position, out var size)
                || (ulong)position + size > (ulong)end)
            {
                return VideoSignature.Unknown;
            }

            if (id == 0x4282)
            {
                var docType = Encoding.ASCII.GetString(header.Slice(position, (int)size)).TrimEnd('\0');
                return docType switch
                {
                    "webm" => s_webm,
                    "matroska" => s_mkv,
                    _ => VideoSignature.Unknown,
                };
            }

            position += (int)size;
        }

        // The EBML spec defaults a missing DocType to "matroska".
        return s_mkv;
    }

    private static bool TryReadElementId(ReadOnlySpan<byte> data, ref int position, out uint id)
    {
        id = 0;
        if (position >= data.Length || data[position] == 0)
        {
            return false;
        }

        var length = System.Numerics.BitOperations.LeadingZeroCount((uint)data[position]) - 24 + 1;
        if (length > 4 || position + length > data.Length)
        {
            return false;
        }

        for (var i = 0; i < length; i++)
        {
            id = (id << 8) | data[position + i];
        }

        position += length;
        return true;
    }

    private static bool TryReadVint(ReadOnlySpan<byte> data, ref int position, out ulong value)
    {
        value = 0;
        if (position >= data.Length || data[position] == 0)
        {
            return false;
        }

        var length = System.Numerics.BitOperations.LeadingZeroCount((uint)data[position]) - 24 + 1;
        if (position + length > data.Length)
        {
            return false;
        }

        value = (ulong)(data[position] & (0xFF >> length));
        for (var i = 1; i < length; i++)
        {
            value = (value << 8) | data[position + i];
        }

        position += length;
        return true;
    }

    // One 0x47 is a coin flip on random data; require it at every packet boundary we can see, at least twice.
    private static bool HasSyncBytes(ReadOnlySpan<byte> header, int first, int packetLength)
    {
        var seen = 0;
        for (var offset = first; offset < header.Length && seen < 8; offset += packetLength)
        {
            if (header[offset] != 0x47)
            {
                return false;
            }

            seen++;
        }

        return seen >= 2;
    }
}
