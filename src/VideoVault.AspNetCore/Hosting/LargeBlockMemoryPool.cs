using System.Buffers;
using System.Collections.Concurrent;

namespace VideoVault.AspNetCore.Hosting;

/// <summary>
/// A memory pool of 64 KiB pinned blocks for Kestrel's socket transport. Kestrel's own pool hands out 4 KiB blocks,
/// so a socket is read 4 KiB at a time: about 260,000 receive calls per GiB of upload, which on a small machine
/// costs more CPU than hashing the same bytes. With 64 KiB blocks a GiB takes about 16,000.
/// </summary>
internal sealed class LargeBlockMemoryPool : MemoryPool<byte>
{
    public const int BlockSize = 64 * 1024;

    // Blocks kept for reuse when returned; more are allocated under load and left to the GC when returned past it.
    private const int MaxRetainedBlocks = 256;

    private readonly ConcurrentQueue<byte[]> _free = new();
    private int _freeCount;
    private long _rented;

    public override int MaxBufferSize => BlockSize;

    /// <summary>How many blocks were handed out so far (diagnostics and tests).</summary>
    public long BlocksRented => Interlocked.Read(ref _rented);

    public override IMemoryOwner<byte> Rent(int minBufferSize = -1)
    {
        if (minBufferSize > BlockSize)
        {
            // The pipe never asks for more than MaxBufferSize; anyone else gets a one-off array.
            return new Block(this, new byte[minBufferSize], pooled: false);
        }

        Interlocked.Increment(ref _rented);
        if (_free.TryDequeue(out var array))
        {
            Interlocked.Decrement(ref _freeCount);
        }
        else
        {
            // Pinned: the socket reads into it while the receive is pending.
            array = GC.AllocateUninitializedArray<byte>(BlockSize, pinned: true);
        }

        return new Block(this, array, pooled: true);
    }

    protected override void Dispose(bool disposing)
    {
        _free.Clear();
    }

    private void Return(byte[] array)
    {
        if (Interlocked.Increment(ref _freeCount) <= MaxRetainedBlocks)
        {
            _free.Enqueue(array);
        }
        else
        {
            Interlocked.Decrement(ref _freeCount);
        }
    }

    private sealed class Block(LargeBlockMemoryPool pool, byte[] array, bool pooled) : IMemoryOwner<byte>
    {
        private byte[]? _array = array;

        public Memory<byte> Memory => _array ?? throw new ObjectDisposedException(nameof(Block));

        public void Dispose()
        {
            var array = Interlocked.Exchange(ref _array, null);
            if (array is not null && pooled)
            {
                pool.Return(array);
            }
        }
    }
}
