using System.Security.Cryptography;
using System.Threading.Channels;
using Microsoft.Win32.SafeHandles;

namespace VideoVault.Storage;

/// <summary>
/// The hot path of every upload: streams a body into a temp file, hashing SHA-256 on the way, enforcing the size
/// limit and the free-space floor as it goes, then fsyncs it. Any failure deletes the temp file.
/// </summary>
/// <remarks>
/// Two stages overlap so the upload runs at the speed of its slowest part, not the sum of all parts: one task
/// receives the body into a few rotating 1 MiB aligned buffers; the other hashes each full buffer while the
/// buffer's write to disk runs beside it (direct I/O where the file system allows it, see
/// <see cref="TempFileHandle"/>). Hashing is the one cost no design removes (about 0.6 core-seconds per GiB), so it
/// gets a core of its own while the other receives.
/// </remarks>
internal sealed class AtomicFileWriter
{
    public const int BufferSize = 1 << 20;

    // Enough to keep the receiver busy while one buffer is hashed and another written; 4 MiB per upload in all.
    private const int BufferCount = 4;

    // Ask the file system for free space every this many bytes: cheap (one statvfs) and bounds the overshoot.
    private const long FreeSpaceCheckInterval = 64L << 20;

    private readonly bool _preferDirectIo;

    /// <param name="preferDirectIo">
    /// Whether to ask for direct I/O; <see langword="false"/> forces buffered writes (tests cover both paths).
    /// </param>
    public AtomicFileWriter(bool preferDirectIo = true)
    {
        _preferDirectIo = preferDirectIo;
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

        var buffers = new AlignedBuffer[BufferCount];
        var free = Channel.CreateBounded<AlignedBuffer>(BufferCount);
        var filled = Channel.CreateBounded<FilledBuffer>(new BoundedChannelOptions(BufferCount) { SingleReader = true, SingleWriter = true });
        for (var i = 0; i < buffers.Length; i++)
        {
            buffers[i] = new AlignedBuffer(BufferSize);
            free.Writer.TryWrite(buffers[i]);
        }

        using var stop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        Task<ReceiveOutcome>? receiving = null;
        var completed = false;
        try
        {
            using var file = TempFileHandle.CreateNew(tempPath, _preferDirectIo, out var direct);
            receiving = ReceiveAsync(head, body, maxBytes, free.Reader, filled.Writer, stop.Token);

            long length = 0;
            var nextSpaceCheck = FreeSpaceCheckInterval;
            using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
            await foreach (var chunk in filled.Reader.ReadAllAsync(stop.Token).ConfigureAwait(false))
            {
                await WriteAndHashAsync(file, direct, chunk, length, hash, stop.Token).ConfigureAwait(false);
                length += chunk.Count;
                free.Writer.TryWrite(chunk.Buffer);

                if (length >= nextSpaceCheck)
                {
                    nextSpaceCheck = length + FreeSpaceCheckInterval;
                    if (!hasRoomToContinue())
                    {
                        return Discard(tempPath, TempFileWriteStatus.OutOfSpace);
                    }
                }
            }

            // Rethrows the body's exception (client abort, cancellation) if receiving failed.
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
            // The receiver may still be reading into a buffer: stop it and wait before the memory is freed.
            await stop.CancelAsync().ConfigureAwait(false);
            if (receiving is not null)
            {
                await ((Task)receiving).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
            }

            foreach (var buffer in buffers)
            {
                ((IDisposable)buffer).Dispose();
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

    private static async Task WriteAndHashAsync(
        SafeFileHandle file, bool direct, FilledBuffer chunk, long offset, IncrementalHash hash, CancellationToken cancellationToken)
    {
        var writeLength = chunk.Count;
        if (direct && writeLength % AlignedBuffer.Alignment != 0)
        {
            // Only the last buffer can be partial. Direct I/O writes whole blocks: pad with zeros, truncate later.
            writeLength = AlignedBuffer.AlignUp(writeLength);
            chunk.Buffer.GetSpan()[chunk.Count..writeLength].Clear();
        }

        // The write goes to another thread so the hash below overlaps it. RandomAccess.WriteAsync would not do:
        // on a handle opened for synchronous I/O it completes inline, and hash plus write then add up.
        var write = Task.Run(() => RandomAccess.Write(file, chunk.Buffer.GetSpan()[..writeLength], offset), cancellationToken);
        hash.AppendData(chunk.Buffer.GetSpan()[..chunk.Count]);
        await write.ConfigureAwait(false);
    }

    private static async Task<ReceiveOutcome> ReceiveAsync(
        ReadOnlyMemory<byte> head,
        Stream body,
        long maxBytes,
        ChannelReader<AlignedBuffer> free,
        ChannelWriter<FilledBuffer> filled,
        CancellationToken cancellationToken)
    {
        // Run the receive loop beside the caller, which goes on to hash and write.
        await Task.Yield();
        try
        {
            long total = 0;
            var pending = head;
            while (true)
            {
                var buffer = await free.ReadAsync(cancellationToken).ConfigureAwait(false);
                var memory = buffer.Memory;
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

                total += count;
                if (total > maxBytes)
                {
                    return ReceiveOutcome.TooLarge;
                }

                if (count > 0)
                {
                    await filled.WriteAsync(new FilledBuffer(buffer, count), cancellationToken).ConfigureAwait(false);
                }

                if (endOfBody)
                {
                    return ReceiveOutcome.Complete;
                }
            }
        }
        finally
        {
            filled.TryComplete();
        }
    }

    private static TempFileWriteResult Discard(string tempPath, TempFileWriteStatus status)
    {
        TryDelete(tempPath);
        return new TempFileWriteResult(status, tempPath, 0, string.Empty);
    }

    private enum ReceiveOutcome
    {
        Complete,
        TooLarge,
    }

    private readonly record struct FilledBuffer(AlignedBuffer Buffer, int Count);
}
