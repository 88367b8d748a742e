using System.Collections.Concurrent;
using System.Runtime.ExceptionServices;
using System.Security.Cryptography;
using System.Threading.Channels;

namespace VideoVault.Storage;

/// <summary>
/// The hot path of every upload: streams a body into an upload file at its offset, hashing SHA-256 on the way,
/// enforcing the size limit and the free-space floor as it goes, then fsyncs it. What a failed append leaves past the
/// offset is the caller's to cut off (see <see cref="AppendAsync"/>).
/// </summary>
/// <remarks>
/// Three stages overlap so an upload runs at the speed of its slowest part, not the sum of all parts: a receiver
/// fills a few rotating 1 MiB aligned blocks from the body; this method hashes each filled block; a
/// <see cref="BlockWriter"/> thread writes it to disk beside the hash (direct I/O where the file system allows it,
/// see <see cref="TempFileHandle"/>). Hashing is the one cost no design removes (about 0.6 core-seconds per GiB),
/// so it gets a core of its own while the other receives.
/// </remarks>
internal sealed class AtomicFileWriter
{
    public const int BufferSize = 1 << 20;

    // Enough to keep the receiver busy while one block is hashed and another written; 4 MiB per upload in all.
    private const int BufferCount = 4;

    // Ask the file system for free space every this many bytes: cheap (one statvfs) and bounds the overshoot.
    private const long FreeSpaceCheckInterval = 16L << 20;

    private readonly bool _preferDirectIo;
    private readonly BlockWrite _writeBlock;
    private readonly Func<int, PipelineBlock> _allocateBlock;

    // Idle blocks kept for the next append: a resumable upload sent in 8 MiB PATCHes makes 128 appends per GiB, and
    // fresh native memory for each costs 4 MiB of page faults per append (on this VM about 0.5 s of kernel time per GiB).
    private readonly ConcurrentBag<PipelineBlock> _idle = [];
    private int _idleCount;
    private const int MaxIdleBlocks = BufferCount * 2;

    /// <param name="preferDirectIo">
    /// Whether to ask for direct I/O; <see langword="false"/> forces buffered writes (tests cover both paths).
    /// </param>
    public AtomicFileWriter(bool preferDirectIo = true)
        : this(preferDirectIo, RandomAccess.Write)
    {
    }

    /// <param name="preferDirectIo">Whether to ask for direct I/O.</param>
    /// <param name="writeBlock">Writes each block to disk; tests pass one that fails like a disk.</param>
    /// <param name="allocateBlock">Allocates a pipeline block of the given size; tests pass one that runs out of memory.</param>
    internal AtomicFileWriter(bool preferDirectIo, BlockWrite writeBlock, Func<int, PipelineBlock>? allocateBlock = null)
    {
        ArgumentNullException.ThrowIfNull(writeBlock);
        _preferDirectIo = preferDirectIo;
        _writeBlock = writeBlock;
        _allocateBlock = allocateBlock ?? (size => new PipelineBlock(size));
    }

    /// <summary>Whether appends ask for direct I/O.</summary>
    public bool PrefersDirectIo => _preferDirectIo;

    /// <summary>
    /// Appends <paramref name="head"/> then the rest of <paramref name="body"/> to <paramref name="target"/> at its
    /// offset, feeding every body byte to <paramref name="hash"/> (and <paramref name="pieceHash"/>, when given), then
    /// fsyncs the file. The file may end with bytes past the target offset; they are overwritten.
    /// </summary>
    /// <returns>
    /// <see cref="AppendStatus.Written"/>: every byte is in and fsync'd, and both hashes saw exactly them.
    /// <see cref="AppendStatus.Interrupted"/>: the body failed (<see cref="AppendResult.BodyError"/>); the file is
    /// fsync'd up to <see cref="AppendResult.DurableEnd"/> and the hashes are unusable.
    /// <see cref="AppendStatus.TooLarge"/> / <see cref="AppendStatus.OutOfSpace"/>: refused part-way; the file past the
    /// target offset and the hashes are unusable.
    /// A disk error throws; the file past the target offset and the hashes are then unusable too.
    /// </returns>
    public async Task<AppendResult> AppendAsync(
        AppendTarget target,
        ReadOnlyMemory<byte> head,
        Stream body,
        long maxBytes,
        IncrementalHash hash,
        IncrementalHash? pieceHash,
        Func<bool> hasRoomToContinue,
        CancellationToken cancellationToken)
    {
        if (head.Length > BufferSize - AlignedBuffer.Alignment)
        {
            throw new ArgumentOutOfRangeException(nameof(head), "The sniffed head must fit in one buffer.");
        }

        // Direct I/O writes whole aligned blocks at aligned offsets: an append that starts mid-block first reads back
        // the bytes of that block already in the file and writes them again.
        var prefix = target.Direct ? (int)(target.Offset % AlignedBuffer.Alignment) : 0;

        // Native memory without a finalizer: allocated inside the try, so blocks allocated before a failing one are freed.
        var blocks = new PipelineBlock?[BufferCount];
        var free = Channel.CreateBounded<PipelineBlock>(BufferCount);
        var toHash = Channel.CreateBounded<PipelineBlock>(new BoundedChannelOptions(BufferCount) { SingleReader = true, SingleWriter = true });

        void Release(PipelineBlock block)
        {
            if (block.Release())
            {
                free.Writer.TryWrite(block);
            }
        }

        using var stop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);

        // Separate from stop: when the client goes away (the caller's token fires), the blocks already handed to the
        // writer are still written, so an interrupted append keeps them; only a refusal or the cleanup discards them.
        using var discard = new CancellationTokenSource();
        Task<ReceiveOutcome>? receiving = null;
        BlockWriter? writer = null;
        try
        {
            for (var i = 0; i < blocks.Length; i++)
            {
                var block = TakeIdle() ?? _allocateBlock(BufferSize);
                blocks[i] = block;
                free.Writer.TryWrite(block);
            }

            var start = new ReceiveStart(target.Offset - prefix, prefix, target.Path, head);
            writer = new BlockWriter(target.File, target.Direct, Release, stop.Cancel, discard.Token, _writeBlock);
            receiving = ReceiveAsync(start, body, maxBytes, free.Reader, toHash.Writer, writer, stop.Token);

            long length = 0;
            var nextSpaceCheck = FreeSpaceCheckInterval;
            OperationCanceledException? cancelled = null;
            try
            {
                await foreach (var block in toHash.Reader.ReadAllAsync(stop.Token).ConfigureAwait(false))
                {
                    hash.AppendData(block.Data);
                    pieceHash?.AppendData(block.Data);
                    length += block.Count - block.Prefix;
                    Release(block);

                    if (length >= nextSpaceCheck)
                    {
                        nextSpaceCheck = length + FreeSpaceCheckInterval;
                        if (!hasRoomToContinue())
                        {
                            return new AppendResult(AppendStatus.OutOfSpace, 0, target.Offset, null);
                        }
                    }
                }
            }
            catch (OperationCanceledException ex)
            {
                // The writer stopped the pipeline (its error, a full disk say, is rethrown below), or the caller's token
                // fired because the client went away (the receiver fails too: an interruption, below).
                cancelled = ex;
            }

            // Rethrows the writer's error first: a disk failure outranks whatever the body did.
            await writer.Completion.ConfigureAwait(false);
            ReceiveOutcome received;
            try
            {
                received = await receiving.ConfigureAwait(false);
            }
            catch (Exception ex) when (ex is not OutOfMemoryException)
            {
                // The client went away or the body broke: keep what reached the disk, in order, and make it durable.
                var end = Math.Max(writer.WrittenEnd, target.Offset);
                RandomAccess.SetLength(target.File, end);
                RandomAccess.FlushToDisk(target.File);
                return new AppendResult(AppendStatus.Interrupted, end - target.Offset, end, ex);
            }

            if (cancelled is not null)
            {
                // Cancelled after the receiver finished: the hash may have missed blocks, so nothing here counts.
                ExceptionDispatchInfo.Throw(cancelled);
            }

            if (received == ReceiveOutcome.TooLarge)
            {
                return new AppendResult(AppendStatus.TooLarge, 0, target.Offset, null);
            }

            var fileEnd = target.Offset + length;
            if (target.Direct && fileEnd % AlignedBuffer.Alignment != 0 || RandomAccess.GetLength(target.File) != fileEnd)
            {
                // The last direct write was padded to the block size, or an earlier attempt left bytes past this one.
                RandomAccess.SetLength(target.File, fileEnd);
            }

            // fsync: the last point where a deferred write error reliably surfaces (close(2) errors are swallowed).
            RandomAccess.FlushToDisk(target.File);
            return new AppendResult(AppendStatus.Written, length, fileEnd, null);
        }
        catch (IOException ex) when (FreeSpaceGuard.IsOutOfSpace(ex))
        {
            return new AppendResult(AppendStatus.OutOfSpace, 0, target.Offset, null);
        }
        finally
        {
            // The receiver and the writer may still be using blocks: stop both and wait before the memory is freed.
            await stop.CancelAsync().ConfigureAwait(false);
            await discard.CancelAsync().ConfigureAwait(false);
            if (receiving is not null)
            {
                await ((Task)receiving).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
            }

            if (writer is not null)
            {
                writer.Complete();
                await writer.Completion.ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
            }

            foreach (var block in blocks)
            {
                if (block is not null && !KeepIdle(block))
                {
                    block.Dispose();
                }
            }
        }
    }

    /// <summary>How many blocks wait for the next append (tests check that none is lost).</summary>
    internal int IdleBlockCount => Volatile.Read(ref _idleCount);

    private PipelineBlock? TakeIdle()
    {
        if (_idle.TryTake(out var block))
        {
            Interlocked.Decrement(ref _idleCount);
            return block;
        }

        return null;
    }

    private bool KeepIdle(PipelineBlock block)
    {
        if (Interlocked.Increment(ref _idleCount) > MaxIdleBlocks)
        {
            Interlocked.Decrement(ref _idleCount);
            return false;
        }

        _idle.Add(block);
        return true;
    }

    /// <summary>Deletes a temp file, ignoring errors: a leftover is swept at the next start-up.</summary>
    public static void TryDelete(string path)
    {
        try
        {
            File.Delete(path);
        }
        catch (IOException)
        {
        }
        catch (UnauthorizedAccessException)
        {
        }
    }

    private static async Task<ReceiveOutcome> ReceiveAsync(
        ReceiveStart start,
        Stream body,
        long maxBytes,
        ChannelReader<PipelineBlock> free,
        ChannelWriter<PipelineBlock> toHash,
        BlockWriter writer,
        CancellationToken cancellationToken)
    {
        // Run the receive loop beside the caller, which goes on to hash.
        await Task.Yield();
        try
        {
            long total = 0;
            var position = start.AlignedOffset;
            var prefix = start.Prefix;
            var pending = start.Head;
            while (true)
            {
                var block = await free.ReadAsync(cancellationToken).ConfigureAwait(false);
                var memory = block.Buffer.Memory;
                if (prefix > 0)
                {
                    ReadBack(start.Path, memory.Span[..prefix], position);
                }

                pending.CopyTo(memory[prefix..]);
                var count = prefix + pending.Length;
                pending = ReadOnlyMemory<byte>.Empty;

                var endOfBody = false;
                while (count < memory.Length)
                {
                    var read = await body.ReadAsync(memory[count..], cancellationToken).ConfigureAwait(false);
                    if (read == 0)
                    {
                        endOfBody = true;
                        break;
                    }

                    count += read;
                }

                var bodyBytes = count - prefix;
                if (total + bodyBytes > maxBytes)
                {
                    return ReceiveOutcome.TooLarge;
                }

                if (bodyBytes > 0)
                {
                    block.Filled(count, position, prefix);
                    total += bodyBytes;
                    position += count;
                    prefix = 0;
                    writer.Post(block);
                    await toHash.WriteAsync(block, cancellationToken).ConfigureAwait(false);
                }

                if (endOfBody)
                {
                    return ReceiveOutcome.Complete;
                }
            }
        }
        finally
        {
            toHash.TryComplete();
            writer.Complete();
        }
    }

    private static void ReadBack(string path, Span<byte> destination, long offset)
    {
        using var file = File.OpenHandle(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite);
        if (RandomAccess.Read(file, destination, offset) != destination.Length)
        {
            throw new IOException("The upload file is shorter than its recorded offset.");
        }
    }

    private readonly record struct ReceiveStart(long AlignedOffset, int Prefix, string Path, ReadOnlyMemory<byte> Head);

    private enum ReceiveOutcome
    {
        Complete,
        TooLarge,
    }
}
