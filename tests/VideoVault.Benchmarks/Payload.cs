using System.Buffers.Binary;
using System.Security.Cryptography;

namespace VideoVault.Benchmarks;

/// <summary>Writes a large file that passes the store's MP4 signature check: an <c>ftyp</c> box, then filler.</summary>
internal static class Payload
{
    private const int DefaultSeed = 42;

    /// <summary>
    /// Creates (or reuses) the payload of <paramref name="size"/> bytes in <paramref name="directory"/>; another
    /// <paramref name="seed"/> gives other bytes, so clients that upload at once send payloads that cannot be mixed up.
    /// </summary>
    public static string Create(string directory, long size, int seed = DefaultSeed)
    {
        var path = Path.Combine(directory, seed == DefaultSeed ? $"payload-{size / (1024 * 1024)}MiB.mp4" : $"payload-{size}-seed{seed}.mp4");
        if (File.Exists(path) && new FileInfo(path).Length == size)
        {
            return path;
        }

        var block = new byte[1024 * 1024];
        new Random(seed).NextBytes(block);

        // ftyp box: size, "ftyp", major brand "isom", minor version, compatible brands.
        BinaryPrimitives.WriteInt32BigEndian(block, 24);
        "ftypisom"u8.CopyTo(block.AsSpan(4));
        BinaryPrimitives.WriteInt32BigEndian(block.AsSpan(12), 512);
        "isommp41"u8.CopyTo(block.AsSpan(16));

        using var file = new FileStream(path, FileMode.Create, FileAccess.Write, FileShare.None, 1, FileOptions.None);
        file.SetLength(size);
        for (long written = 0; written < size; written += block.Length)
        {
            var count = (int)Math.Min(block.Length, size - written);
            file.Write(block, 0, count);
            block[^1]++; // no two blocks alike
        }

        return path;
    }

    /// <summary>
    /// Splits <paramref name="path"/> into files of <paramref name="pieceBytes"/> (the last one shorter), in order, for
    /// a client that sends an upload in pieces; made once, before any timing, and reused.
    /// </summary>
    public static IReadOnlyList<string> Split(string path, long pieceBytes)
    {
        var size = new FileInfo(path).Length;
        var directory = Directory.CreateDirectory($"{path}.pieces-{pieceBytes / (1024 * 1024)}MiB").FullName;
        var pieces = new List<string>();
        using var source = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 1 << 20);
        for (long start = 0; start < size; start += pieceBytes)
        {
            var length = Math.Min(pieceBytes, size - start);
            var piece = Path.Combine(directory, $"{pieces.Count:00000}");
            pieces.Add(piece);
            if (File.Exists(piece) && new FileInfo(piece).Length == length)
            {
                source.Seek(length, SeekOrigin.Current);
                continue;
            }

            using var target = new FileStream(piece, FileMode.Create, FileAccess.Write, FileShare.None, 1 << 20);
            var buffer = new byte[1 << 20];
            for (long copied = 0; copied < length;)
            {
                var read = source.Read(buffer, 0, (int)Math.Min(buffer.Length, length - copied));
                if (read == 0)
                {
                    throw new BenchmarkException($"{path} ended early while it was split");
                }

                target.Write(buffer, 0, read);
                copied += read;
            }
        }

        return pieces;
    }

    /// <summary>The SHA-256 of a file, lower-case hex: what the stored video's record must say.</summary>
    public static string Sha256(string path)
    {
        using var file = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 1 << 20);
        return Convert.ToHexStringLower(SHA256.HashData(file));
    }
}
