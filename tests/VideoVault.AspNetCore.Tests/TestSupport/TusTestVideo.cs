using System.Security.Cryptography;

namespace VideoVault.AspNetCore.Tests.TestSupport;

/// <summary>A real small MP4 (see <see cref="TestVideos"/>) written to a file for a client process to upload.</summary>
internal sealed record TusTestVideo(string Path, byte[] Bytes)
{
    public string FileName => System.IO.Path.GetFileName(Path);

    public string Sha256 { get; } = Convert.ToHexStringLower(SHA256.HashData(Bytes));

    public static TusTestVideo Write(string folder, string fileName, int length, int seed)
    {
        var bytes = TestVideos.Mp4(length, seed);
        var path = System.IO.Path.Combine(folder, fileName);
        File.WriteAllBytes(path, bytes);
        return new TusTestVideo(path, bytes);
    }
}
