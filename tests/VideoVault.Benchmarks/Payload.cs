using System.Buffers.Binary;

namespace VideoVault.Benchmarks;

/// <summary>Writes a large file that passes the store's MP4 signature check: an <c>ftyp</c> box, then filler.</summary>
internal static class Payload
{
    public static string Create(string directory, long size)
    {
        var path = Path.Combine(directory, $"payload-{size / (1024 * 1024)}MiB.mp4");
        if (File.Exists(path) && new FileInfo(path).Length == size)
        {
            return path;
        }

        var block = new byte[1024 * 1024];
        new Random(42).NextBytes(block);

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
}
