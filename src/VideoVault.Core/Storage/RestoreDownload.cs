using System.Security.Cryptography;

namespace VideoVault.Storage;

/// <summary>
/// A video being restored into <c>.incoming/</c>: the bytes downloaded so far, fsync'd up to <see cref="Length"/>,
/// and the SHA-256 state of exactly those bytes (null when an interrupted piece left it unusable, to be rebuilt from
/// the file). Disposing it deletes the file unless it was published.
/// </summary>
internal sealed class RestoreDownload : IDisposable
{
    public RestoreDownload(string videoId, string path)
    {
        VideoId = videoId;
        Path = path;
    }

    public string VideoId { get; }

    public string Path { get; }

    /// <summary>The durable length: every byte before it is in the file and fsync'd.</summary>
    public long Length { get; private set; }

    /// <summary>The running SHA-256 of the first <see cref="Length"/> bytes, or null when it must be rebuilt.</summary>
    public IncrementalHash? Hash { get; private set; }

    /// <summary>Whether the file was renamed into <c>videos/</c> (and so is no longer this object's to delete).</summary>
    public bool IsPublished { get; private set; }

    /// <summary>The SHA-256 (lower-case hex) of the first <see cref="Length"/> bytes; the hash must be current.</summary>
    public string Sha256()
    {
        using var final = (Hash ?? throw new InvalidOperationException("The download's hash must be rebuilt first.")).Clone();
        return Convert.ToHexStringLower(final.GetHashAndReset());
    }

    public void SetHash(IncrementalHash hash, long length)
    {
        if (!ReferenceEquals(Hash, hash))
        {
            Hash?.Dispose();
        }

        Hash = hash;
        Length = length;
    }

    /// <summary>The bytes up to <paramref name="durableLength"/> are kept, but the hash no longer describes them.</summary>
    public void KeepWithoutHash(long durableLength)
    {
        Hash?.Dispose();
        Hash = null;
        Length = durableLength;
    }

    public void MarkPublished() => IsPublished = true;

    public void Dispose()
    {
        Hash?.Dispose();
        Hash = null;
        if (!IsPublished)
        {
            AtomicFileWriter.TryDelete(Path);
        }
    }
}
