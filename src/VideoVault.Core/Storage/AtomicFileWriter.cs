using System.Security.Cryptography;
using System.Threading.Channels;

namespace VideoVault.Storage;

/// <summary>
/// The hot path of every upload: streams a body into a temp file, hashing SHA-256 on the way, enforcing the size
/// limit and the free-space floor as it goes, then fsyncs it. Any failure deletes the temp file.
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

    /// <summary>
    /// Writes <paramref name="head"/> (bytes already read for sniffing, at most <see cref="BufferSize"/>) followed by
    /// the rest of <paramref name="body"/> to <paramref name="tempPath"/>, which must not exist.
    /// Exceptions from the body (client abort, cancellation) or the disk propagate after the temp file is deleted.
    /// </summary>
    public async Task<TempFileWriteResult> WriteAsync(
        ReadOnlyMemory<byte> head,
        Stream body,
        string tempPath,
        long maxBytes,
        Func<bool> hasRoomToContinue,
        CancellationToken cancellationToken)
    {
        if (head.Length > BufferSize)
        {
            throw new ArgumentOutOfRangeException(nameof(head), "The sniffed head must fit in one buffer.");
        }

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
        Task<ReceiveOutcome>? receiving = null;
        BlockWriter? writer = null;
        var completed = false;
        try
        {
            for (var i = 0; i < blocks.Length; i++)
            {
                var block = _allocateBlock(BufferSize);
                blocks[i] = block;
                free.Writer.TryWrite(block);
            }

            using var file = TempFileHandle.CreateNew(tempPath, _preferDirectIo, out var direct);
            writer = new BlockWriter(file, direct, Release, stop.Cancel, stop.Token, _writeBlock);
            receiving = ReceiveAsync(head, body, maxBytes, free.Reader, toHash.Writer, writer, stop.Token);

            long length = 0;
            var nextSpaceCheck = FreeSpaceCheckInterval;
            using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
            try
            {
                await foreach (var block in toHash.Reader.ReadAllAsync(stop.Token).ConfigureAwait(false))
                {
                    hash.AppendData(block.Data);
                    length += block.Count;
                    Release(block);

                    if (length >= nextSpaceCheck)
                    {
                        nextSpaceCheck = length + FreeSpaceCheckInterval;
                        if (!hasRoomToContinue())
                        {
                            return Discard(tempPath, TempFileWriteStatus.OutOfSpace);
                        }
                    }
                }
            }
            catch (OperationCanceledException) when (writer.Error is not null)
            {
                // The writer stopped the pipeline: its error (a full disk, say) is the one that counts, rethrown below.
            }

            // Rethrows the writer's error first, then the body's (client abort, cancellation) if receiving failed.
            await writer.Completion.ConfigureAwait(false);
            if (await receiving.ConfigureAwait(false) == ReceiveOutcome.TooLarge)
            {
                return Discard(tempPath, TempFileWriteStatus.TooLarge);
            }

            if (direct && length % AlignedBuffer.Alignment != 0)
            {
                // The last direct write was padded to the block size; cut the padding off.
                RandomAccess.SetLength(file, length);
            }

            // fsync: the last point where a deferred write error reliably surfaces (close(2) errors are swallowed).
            RandomAccess.FlushToDisk(file);
            completed = true;
            return new TempFileWriteResult(TempFileWriteStatus.Written, tempPath, length, Convert.ToHexStringLower(hash.GetHashAndReset()));
        }
        catch (IOException ex) when (FreeSpaceGuard.IsOutOfSpace(ex))
        {
            return Discard(tempPath, TempFileWriteStatus.OutOfSpace);
        }
        finally
        {
            // The receiver and the writer may still be using blocks: stop both and wait before the memory is freed.
            await stop.CancelAsync().ConfigureAwait(false);
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
                block?.Dispose();
            }

            if (!completed)
            {
                TryDelete(tempPath);
            }
        }
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
        ReadOnlyMemory<byte> head,
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
            var pending = head;
            while (true)
            {
                var block = await free.ReadAsync(cancellationToken).ConfigureAwait(false);
                var memory = block.Buffer.Memory;
                pending.CopyTo(memory);
                var count = pending.Length;
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

                if (total + count > maxBytes)
                {
                    return ReceiveOutcome.TooLarge;
                }

                if (count > 0)
                {
                    block.Filled(count, total);
                    total += count;
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

    // The temp file goes in WriteAsync's finally, once the writer has stopped and the file is closed.
    private static TempFileWriteResult Discard(string tempPath, TempFileWriteStatus status) =>
        new(status, tempPath, 0, string.Empty);

    private enum ReceiveOutcome
    {
        Complete,
        TooLarge,
    }
}
