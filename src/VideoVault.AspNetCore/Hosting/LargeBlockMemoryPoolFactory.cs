using System.Buffers;
using System.Collections.Concurrent;
using Microsoft.AspNetCore.Connections;

namespace VideoVault.AspNetCore.Hosting;

/// <summary>Gives Kestrel's transports <see cref="LargeBlockMemoryPool"/>s instead of its 4 KiB-block pools.</summary>
internal sealed class LargeBlockMemoryPoolFactory : IMemoryPoolFactory<byte>
{
    // Kestrel creates a handful of pools (per transport); keeping them lets diagnostics sum their use.
    private readonly ConcurrentQueue<LargeBlockMemoryPool> _created = new();

    /// <summary>Blocks handed out by every pool this factory created.</summary>
    public long BlocksRented => _created.Sum(pool => pool.BlocksRented);

    public MemoryPool<byte> Create(MemoryPoolOptions? options = null)
    {
        var pool = new LargeBlockMemoryPool();
        _created.Enqueue(pool);
        return pool;
    }
}
