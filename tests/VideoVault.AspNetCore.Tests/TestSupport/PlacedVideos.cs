using System.Security.Cryptography;
using VideoVault.Storage;

namespace VideoVault.AspNetCore.Tests.TestSupport;

/// <summary>
/// Puts a video into a store through its manifest API, with a record the upload path would never write (a raw
/// original name, a removed or missing local copy, a Drive copy): for tests whose subject is what is served back.
/// </summary>
internal static class PlacedVideos
{
    public static readonly DateTimeOffset CreatedAt = new(2025, 3, 1, 14, 22, 33, 412, TimeSpan.Zero);

    /// <summary>Writes <paramref name="bytes"/> under <c>videos/</c> (unless the local copy is gone) and records it.</summary>
    public static Task<VideoRecord> PlaceAsync(
        IVideoManifest manifest,
        string root,
        byte[] bytes,
        string originalFileName = "placed.mp4",
        LocalCopyState localState = LocalCopyState.Present,
        MirrorStatus? mirror = null)
    {
        var record = Record(originalFileName, bytes.Length, Convert.ToHexStringLower(SHA256.HashData(bytes)), localState, mirror);
        if (localState == LocalCopyState.Present)
        {
            var path = PathOf(root, record);
            Directory.CreateDirectory(Path.GetDirectoryName(path)!);
            File.WriteAllBytes(path, bytes);
        }

        return AddAsync(manifest, record);
    }

    /// <summary>
    /// Records a video of <paramref name="length"/> bytes whose file is sparse: an MP4 header, then a hole that reads as
    /// zeros without taking disk space. Its recorded SHA-256 is not the file's (nothing here reads it to check).
    /// </summary>
    public static Task<VideoRecord> PlaceSparseAsync(IVideoManifest manifest, string root, long length, string originalFileName = "big.mp4")
    {
        var record = Record(originalFileName, length, new string('a', 64), LocalCopyState.Present, null);
        var path = PathOf(root, record);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        using (var file = new FileStream(path, FileMode.CreateNew, FileAccess.Write))
        {
            file.Write(TestVideos.Mp4(4096));
            file.SetLength(length);
        }

        return AddAsync(manifest, record);
    }

    public static string PathOf(string root, VideoRecord video) =>
        Path.Combine(root, video.RelativePath.Replace('/', Path.DirectorySeparatorChar));

    private static VideoRecord Record(string originalFileName, long length, string sha256, LocalCopyState localState, MirrorStatus? mirror)
    {
        var id = Guid.NewGuid().ToString("N");
        var storedName = $"20250301_142233_Test_placed-{id[..8]}.mp4";
        return new VideoRecord
        {
            Id = id,
            StoredName = storedName,
            RelativePath = $"{VideoVaultPaths.VideosFolderName}/2025/03/{storedName}",
            OriginalFileName = originalFileName,
            Category = "Test",
            MimeType = "video/mp4",
            Container = VideoContainer.Mp4,
            SizeBytes = length,
            Sha256 = sha256,
            CreatedAt = CreatedAt,
            LocalState = localState,
            Mirror = mirror ?? MirrorStatus.Disabled,
        };
    }

    private static async Task<VideoRecord> AddAsync(IVideoManifest manifest, VideoRecord record)
    {
        (await manifest.AddAsync(record, VideoEventKind.Stored, "placed by a test")).Should().BeTrue();
        return record;
    }
}
