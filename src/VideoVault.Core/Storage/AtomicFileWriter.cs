using System.Buffers;
using System.Security.Cryptography;

namespace VideoVault.Storage;

/// <summary>
/// The hot path of every upload: streams a body into a temp file in large buffers, hashing SHA-256 on the same
/// pass, enforcing the size limit and the free-space floor as it goes, then <c>Flush(true)</c> (fsync). Any failure
/// deletes the temp file. Kept small and separate so the write strategy can be tuned without touching the store.
/// </summary>
internal sealed class AtomicFileWriter
{
    public const int BufferSize = 1 << 20;

    // Ask the file system for free space every this many bytes: cheap (one statvfs) and bounds the overshoot.
    private const long FreeSpaceCheckInterval = 64L << 20;

    /// <summary>
    /// Writes <paramref name="head"/> (bytes already read for sniffing) followed by the rest of
    /// <paramref name="body"/> to <paramref name="tempPath"/>, which must not exist.
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
        var buffer = ArrayPool<byte>.Shared.Rent(BufferSize);
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        var completed = false;
        try
        {
            long total = 0;
            var nextSpaceCheck = FreeSpaceCheckInterval;
            await using (var file = new FileStream(tempPath, new FileStreamOptions
            {
                Mode = FileMode.CreateNew,
                Access = FileAccess.Write,
                Share = FileShare.None,
                BufferSize = 0,
                Options = FileOptions.Asynchronous,
            }))
            {
                head.Span.CopyTo(buffer);
                var filled = head.Length;
                while (true)
                {
                    var endOfBody = false;
                    while (filled < BufferSize)
                    {
                        var read = await body.ReadAsync(buffer.AsMemory(filled, BufferSize - filled), cancellationToken).ConfigureAwait(false);
                        if (read == 0)
                        {
                            endOfBody = true;
                            break;
                        }

                        filled += read;
                    }

                    total += filled;
                    if (total > maxBytes)
                    {
                        return Discard(tempPath, TempFileWriteStatus.TooLarge);
                    }

                    if (filled > 0)
                    {
                        hash.AppendData(buffer, 0, filled);
                        await file.WriteAsync(buffer.AsMemory(0, filled), cancellationToken).ConfigureAwait(false);
                        filled = 0;
                    }

                    if (total >= nextSpaceCheck)
                    {
                        nextSpaceCheck = total + FreeSpaceCheckInterval;
                        if (!hasRoomToContinue())
                        {
                            return Discard(tempPath, TempFileWriteStatus.OutOfSpace);
                        }
                    }

                    if (endOfBody)
                    {
                        break;
                    }
                }

                // fsync: the last point where a deferred write error reliably surfaces (close(2) errors are swallowed).
                file.Flush(flushToDisk: true);
            }

            completed = true;
            return new TempFileWriteResult(TempFileWriteStatus.Written, tempPath, total, Convert.ToHexStringLower(hash.GetHashAndReset()));
        }
        catch (IOException ex) when (FreeSpaceGuard.IsOutOfSpace(ex))
        {
            return Discard(tempPath, TempFileWriteStatus.OutOfSpace);
        }
        finally
        {
            if (!completed)
            {
                TryDelete(tempPath);
            }

            ArrayPool<byte>.Shared.Return(buffer);
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

    private static TempFileWriteResult Discard(string tempPath, TempFileWriteStatus status)
    {
        TryDelete(tempPath);
        return new TempFileWriteResult(status, tempPath, 0, string.Empty);
    }
}
