namespace VideoVault.Storage;

/// <summary>
/// One aligned buffer of the upload pipeline and what it currently holds. A filled block has two users, the hasher
/// and the writer; the last one to finish with it hands it back for refilling.
/// </summary>
internal sealed class PipelineBlock(int size) : IDisposable
{
    private int _users;

    public AlignedBuffer Buffer { get; } = new(size);

    /// <summary>How many bytes of <see cref="Buffer"/> hold data.</summary>
    public int Count { get; private set; }

    /// <summary>Where the data goes in the file.</summary>
    public long Offset { get; private set; }

    /// <summary>
    /// How many leading bytes are already in the file, read back only so a direct write can start on an aligned offset:
    /// written again, but not part of the body (not hashed, not counted).
    /// </summary>
    public int Prefix { get; private set; }

    /// <summary>The body bytes of the block (after the <see cref="Prefix"/>).</summary>
    public ReadOnlySpan<byte> Data => Buffer.GetSpan()[Prefix..Count];

    /// <summary>
    /// Marks the block filled with <paramref name="count"/> bytes (the first <paramref name="prefix"/> of them read back
    /// from the file) for <paramref name="offset"/>, for two users.
    /// </summary>
    public void Filled(int count, long offset, int prefix = 0)
    {
        Count = count;
        Offset = offset;
        Prefix = prefix;
        Volatile.Write(ref _users, 2);
    }

    /// <summary>One user is done with the block; <see langword="true"/> when it was the last.</summary>
    public bool Release() => Interlocked.Decrement(ref _users) == 0;

    public void Dispose() => ((IDisposable)Buffer).Dispose();
}
