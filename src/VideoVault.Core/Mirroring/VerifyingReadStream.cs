using System.Runtime.ExceptionServices;
using System.Security.Cryptography;
using Microsoft.Win32.SafeHandles;

namespace VideoVault.Mirroring;

/// <summary>
/// A seekable, read-only view of a stored video for the mirror's upload, with the file's MD5 and SHA-256 computed
/// alongside the upload instead of inside it: the first read starts a reader of its own that hashes the whole file
/// once, in order, on another thread, so on two cores hashing overlaps sending instead of adding to it (measured by
/// the mirror benchmark). The read that would return the file's last byte first waits for the digests; when the
/// SHA-256 (or the length) differs from the manifest's record, it throws <see cref="LocalFileCorruptException"/>
/// instead of returning them, so a corrupt local file cannot complete an upload. Never writes to the file.
/// </summary>
/// <remarks>
/// The bytes hashed and the bytes sent are two reads of the same immutable file. They cannot differ unnoticed: the
/// mirror counts a copy as mirrored only when Drive's own checksums of what it received equal these digests.
/// </remarks>
internal sealed class VerifyingReadStream : Stream
{
    private const int HashBufferSize = 1 << 20;

    private readonly SafeFileHandle _handle;
    private readonly long _length;
    private readonly long _expectedLength;
    private readonly string _expectedSha256;
    private readonly CancellationTokenSource _stopHashing = new();
    private Task<LocalContentHashes>? _hashing;
    private long _position;

    public VerifyingReadStream(string path, long expectedLength, string expectedSha256)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        ArgumentException.ThrowIfNullOrEmpty(expectedSha256);
        try
        {
            _handle = File.OpenHandle(path, FileMode.Open, FileAccess.Read, FileShare.Read | FileShare.Delete, FileOptions.SequentialScan);
            _length = RandomAccess.GetLength(_handle);
        }
        catch (Exception ex) when (LocalFileReadException.IsReadFailure(ex))
        {
            _handle?.Dispose();
            _stopHashing.Dispose();
            throw new LocalFileReadException(ex);
        }

        _expectedLength = expectedLength;
        _expectedSha256 = expectedSha256;
    }

    /// <summary>The digests once the whole file was hashed, else <see langword="null"/>.</summary>
    public LocalContentHashes? Result => _hashing is { IsCompletedSuccessfully: true } hashing ? hashing.Result : null;

    public override bool CanRead => !_handle.IsClosed;

    public override bool CanSeek => !_handle.IsClosed;

    public override bool CanWrite => false;

    public override long Length => _length;

    public override long Position
    {
        get => _position;
        set => Seek(value, SeekOrigin.Begin);
    }

    /// <summary>The digests of the whole file, whatever the uploader read (e.g. Drive already had it).</summary>
    public async Task<LocalContentHashes> CompleteAsync(CancellationToken cancellationToken)
    {
        var hashing = StartHashing();
        try
        {
            return await hashing.WaitAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested && hashing.IsCanceled)
        {
            throw new ObjectDisposedException(nameof(VerifyingReadStream));
        }
    }

    public override int Read(byte[] buffer, int offset, int count) => Read(buffer.AsSpan(offset, count));

    public override int Read(Span<byte> buffer)
    {
        var hashing = StartHashing();
        ThrowIfHashingFailed(hashing);
        buffer = buffer[..Available(buffer.Length)];
        int read;
        try
        {
            read = RandomAccess.Read(_handle, buffer, _position);
        }
        catch (Exception ex) when (LocalFileReadException.IsReadFailure(ex))
        {
            throw new LocalFileReadException(ex);
        }

        if (ReachesEnd(read))
        {
            ThrowIfCorrupt(hashing.GetAwaiter().GetResult());
        }

        _position += read;
        return read;
    }

    public override async ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default)
    {
        var hashing = StartHashing();
        ThrowIfHashingFailed(hashing);
        buffer = buffer[..Available(buffer.Length)];
        int read;
        try
        {
            read = await RandomAccess.ReadAsync(_handle, buffer, _position, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception ex) when (LocalFileReadException.IsReadFailure(ex))
        {
            throw new LocalFileReadException(ex);
        }

        if (ReachesEnd(read))
        {
            ThrowIfCorrupt(await hashing.WaitAsync(cancellationToken).ConfigureAwait(false));
        }

        _position += read;
        return read;
    }

    public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
        ReadAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();

    public override long Seek(long offset, SeekOrigin origin)
    {
        var target = origin switch
        {
            SeekOrigin.Begin => offset,
            SeekOrigin.Current => _position + offset,
            SeekOrigin.End => _length + offset,
            _ => throw new ArgumentOutOfRangeException(nameof(origin)),
        };
        ArgumentOutOfRangeException.ThrowIfNegative(target, nameof(offset));
        _position = target;
        return _position;
    }

    public override void Flush()
    {
    }

    public override void SetLength(long value) => throw new NotSupportedException();

    public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();

    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            // The hashing reader uses the handle: stop it and let it finish before the handle goes.
            _stopHashing.Cancel();
            try
            {
                _hashing?.Wait();
            }
            catch (AggregateException)
            {
            }

            _handle.Dispose();
            _stopHashing.Dispose();
        }

        base.Dispose(disposing);
    }

    private static void ThrowIfHashingFailed(Task<LocalContentHashes> hashing)
    {
        if (hashing.IsFaulted)
        {
            ExceptionDispatchInfo.Throw(hashing.Exception!.InnerException!);
        }
    }

    private static void ThrowIfCorrupt(LocalContentHashes hashes)
    {
        if (!hashes.MatchesManifest)
        {
            // Withhold the final bytes: without them the upload cannot complete on Drive.
            throw new LocalFileCorruptException(hashes.Corruption!);
        }
    }

    // Bytes appended after the file was opened are not part of the stored video.
    private int Available(int requested) => (int)Math.Min(requested, Math.Max(0, _length - _position));

    private bool ReachesEnd(int read) => read > 0 && _position + read >= _length;

    private Task<LocalContentHashes> StartHashing()
    {
        ObjectDisposedException.ThrowIf(_handle.IsClosed, this);

        // A whole video takes seconds to hash: its own thread, not a pool thread held that long.
        return _hashing ??= Task.Factory.StartNew(
            () => HashWholeFile(_stopHashing.Token), _stopHashing.Token, TaskCreationOptions.LongRunning, TaskScheduler.Default);
    }

    private LocalContentHashes HashWholeFile(CancellationToken cancellationToken)
    {
#pragma warning disable CA5351 // MD5 is what Drive reports (md5Checksum); it checks transfer integrity, not security.
        using var md5 = IncrementalHash.CreateHash(HashAlgorithmName.MD5);
#pragma warning restore CA5351
        using var sha256 = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        var buffer = new byte[HashBufferSize];
        long hashed = 0;
        while (hashed < _length)
        {
            cancellationToken.ThrowIfCancellationRequested();
            int read;
            try
            {
                read = RandomAccess.Read(_handle, buffer.AsSpan(0, (int)Math.Min(buffer.Length, _length - hashed)), hashed);
            }
            catch (Exception ex) when (LocalFileReadException.IsReadFailure(ex))
            {
                throw new LocalFileReadException(ex);
            }

            if (read == 0)
            {
                // The file shrank since it was opened.
                break;
            }

            md5.AppendData(buffer.AsSpan(0, read));
            sha256.AppendData(buffer.AsSpan(0, read));
            hashed += read;
        }

        var md5Hex = Convert.ToHexStringLower(md5.GetHashAndReset());
        var sha256Hex = Convert.ToHexStringLower(sha256.GetHashAndReset());
        string? corruption = null;
        if (hashed != _expectedLength)
        {
            corruption = $"The local file is corrupt: it has {hashed} bytes, but {_expectedLength} were stored.";
        }
        else if (!string.Equals(sha256Hex, _expectedSha256, StringComparison.OrdinalIgnoreCase))
        {
            corruption = $"The local file is corrupt: its SHA-256 is {sha256Hex}, but {_expectedSha256} was recorded when it was stored.";
        }

        return new LocalContentHashes(hashed, md5Hex, sha256Hex, corruption);
    }
}
