using System.Security.Cryptography;
using VideoVault.Manifest;

namespace VideoVault.Uploads;

/// <summary>
/// What this process holds for one staged upload besides its durable state: the lock that admits one writer at a
/// time, the running SHA-256 of the bytes so far, and, for an upload that is not resumable, the state itself.
/// </summary>
internal sealed class UploadSession(string id, string path, bool isResumable, bool createdHere) : IDisposable
{
    public string Id { get; } = id;

    /// <summary>The file the upload's bytes go to.</summary>
    public string Path { get; } = path;

    public bool IsResumable { get; } = isResumable;

    /// <summary>One append, completion or removal at a time; a second one is refused, never queued or interleaved.</summary>
    public SemaphoreSlim Gate { get; } = new(1, 1);

    /// <summary>SHA-256 over the first <see cref="HashedLength"/> bytes, or <see langword="null"/> when it must be rebuilt from the disk.</summary>
    public IncrementalHash? Hash { get; private set; }

    public long HashedLength { get; private set; }

    /// <summary>
    /// Whether the next append resumes the upload: its last one was interrupted, or this process did not create it
    /// (a restart happened in between).
    /// </summary>
    public bool Resuming { get; set; } = !createdHere;

    /// <summary>The state of an upload that is not resumable (kept here instead of the manifest).</summary>
    public UploadRow? LocalRow { get; set; }

    /// <summary>An upper bound of the bytes still to come, counted as used space while the upload runs (not resumable only).</summary>
    public long ReservedBytes { get; set; }

    public void SetHash(IncrementalHash hash, long length)
    {
        if (!ReferenceEquals(Hash, hash))
        {
            Hash?.Dispose();
        }

        Hash = hash;
        HashedLength = length;
    }

    /// <summary>Forgets the running hash (its bytes are unknown); the next use hashes the file again.</summary>
    public void DropHash()
    {
        Hash?.Dispose();
        Hash = null;
        HashedLength = 0;
    }

    public void Dispose()
    {
        DropHash();
        Gate.Dispose();
    }
}
