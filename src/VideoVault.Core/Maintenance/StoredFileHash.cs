using System.Security.Cryptography;

namespace VideoVault.Maintenance;

/// <summary>
/// Reads a stored video from start to end for its SHA-256: the one way reconciliation and verification hash a file,
/// so both compare against the manifest record the same way.
/// </summary>
internal static class StoredFileHash
{
    private const int BufferSize = 1 << 20;

    /// <summary>Opens <paramref name="path"/> for one sequential read; the stream does no buffering of its own.</summary>
    public static FileStream OpenRead(string path, FileShare share) => new(path, new FileStreamOptions
    {
        Mode = FileMode.Open,
        Access = FileAccess.Read,
        Share = share,
        BufferSize = 0,
        Options = FileOptions.Asynchronous | FileOptions.SequentialScan,
    });

    /// <summary>
    /// Hashes the rest of <paramref name="stream"/>: its SHA-256 (lower-case hex) and the number of bytes read.
    /// <paramref name="onRead"/> hears the size of every read.
    /// </summary>
    public static async Task<(string Sha256, long Length)> ComputeAsync(Stream stream, Action<int>? onRead, CancellationToken cancellationToken)
    {
        using var sha256 = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        var length = await HashAsync(stream, sha256, null, onRead, cancellationToken).ConfigureAwait(false);
        return (Convert.ToHexStringLower(sha256.GetHashAndReset()), length);
    }

    /// <summary>
    /// Hashes the rest of <paramref name="stream"/> in the same one read for its SHA-256 and its MD5 (the checksum Drive
    /// always reports), lower-case hex, and the number of bytes read.
    /// </summary>
    public static async Task<(string Sha256, string Md5, long Length)> ComputeWithMd5Async(Stream stream, CancellationToken cancellationToken)
    {
        using var sha256 = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
#pragma warning disable CA5351 // MD5 is what Drive reports (md5Checksum); it checks integrity, not security.
        using var md5 = IncrementalHash.CreateHash(HashAlgorithmName.MD5);
#pragma warning restore CA5351
        var length = await HashAsync(stream, sha256, md5, onRead: null, cancellationToken).ConfigureAwait(false);
        return (Convert.ToHexStringLower(sha256.GetHashAndReset()), Convert.ToHexStringLower(md5.GetHashAndReset()), length);
    }

    private static async Task<long> HashAsync(Stream stream, IncrementalHash sha256, IncrementalHash? md5, Action<int>? onRead, CancellationToken cancellationToken)
    {
        var buffer = new byte[BufferSize];
        long length = 0;
        int read;
        while ((read = await stream.ReadAsync(buffer, cancellationToken).ConfigureAwait(false)) > 0)
        {
            sha256.AppendData(buffer, 0, read);
            md5?.AppendData(buffer, 0, read);
            length += read;
            onRead?.Invoke(read);
        }

        return length;
    }

    /// <summary>Whether bytes hashed by <see cref="ComputeAsync"/> are the recorded video: the same size and SHA-256.</summary>
    public static bool IsRecordedContent(VideoRecord video, string sha256, long length) =>
        length == video.SizeBytes && string.Equals(sha256, video.Sha256, StringComparison.OrdinalIgnoreCase);
}
