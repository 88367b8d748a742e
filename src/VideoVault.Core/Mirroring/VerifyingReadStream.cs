using System.Security.Cryptography;
using Microsoft.Win32.SafeHandles;

namespace VideoVault.Mirroring;

/// <summary>
/// A seekable, read-only view of a stored video that hashes (MD5 and SHA-256) every byte exactly once, in order, as
/// the uploader reads it. Seeking back (a retried chunk) re-reads without re-hashing; seeking forward (resuming at
/// Drive's offset) hashes the skipped bytes from disk first. When the last byte is reached and the SHA-256 (or the
/// length) differs from the manifest's record, the read throws <see cref="LocalFileCorruptException"/> instead of
/// returning it, so a corrupt local file cannot complete an upload. Never writes to the file.
/// </summary>
internal sealed class VerifyingReadStream : Stream
{
    private const int CatchUpBufferSize = 1 << 16;

    private readonly SafeFileHandle _handle;
    private readonly long _length;
    private readonly long _expectedLength;
    private readonly string _expectedSha256;
#pragma warning disable CA5351 // MD5 is what Drive reports (md5Checksum); it checks transfer integrity, not security.
    private readonly IncrementalHash _md5 = IncrementalHash.CreateHash(HashAlgorithmName.MD5);
#pragma warning restore CA5351
    private readonly IncrementalHash _sha256 = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
    private long _position;
    private long _hashed;
    private LocalContentHashes? _result;

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
            _md5.Dispose();
            _sha256.Dispose();
            throw new LocalFileReadException(ex);
        }
        _expectedLength = expectedLength;
        _expectedSha256 = expectedSha256;
    }

    /// <summary>The digests once every byte was hashed, else <see langword="null"/>.</summary>
    public LocalContentHashes? Result => _result;

    public override bool CanRead => !_handle.IsClosed;

    public override bool CanSeek => !_handle.IsClosed;

    public override bool CanWrite => false;

    public override long Length => _length;

    public override long Position
    {
        get => _position;
        set => Seek(value, SeekOrigin.Begin);
    }

    /// <summary>Hashes whatever the uploader did not read (e.g. Drive already had it) and returns the digests of the whole file.</summary>
    public LocalContentHashes Complete()
    {
        CatchUpTo(_length);
        return _result!;
    }

    public override int Read(byte[] buffer, int offset, int count) => Read(buffer.AsSpan(offset, count));

    public override int Read(Span<byte> buffer)
    {
        CatchUpTo(_position);
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

        return Advance(buffer[..read]);
    }

    public override async ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default)
    {
        CatchUpTo(_position);
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

        return Advance(buffer.Span[..read]);
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
            _handle.Dispose();
            _md5.Dispose();
            _sha256.Dispose();
        }

        base.Dispose(disposing);
    }

    // Bytes appended after the file was opened are not part of the stored video.
    private int Available(int requested) => (int)Math.Min(requested, Math.Max(0, _length - _position));

    private int Advance(ReadOnlySpan<byte> read)
    {
        var start = _position;
        _position += read.Length;
        if (_position > _hashed && start <= _hashed)
        {
            Hash(read[(int)(_hashed - start)..]);
        }

        if (_result is { MatchesManifest: false } corrupt && _position >= _length && read.Length > 0)
        {
            // Withhold the final bytes: without them the upload cannot complete on Drive.
            throw new LocalFileCorruptException(corrupt.Corruption!);
        }

        return read.Length;
    }

    private void CatchUpTo(long target)
    {
        if (_hashed >= target || _result is not null)
        {
            return;
        }

        var buffer = new byte[CatchUpBufferSize];
        while (_hashed < target)
        {
            int read;
            try
            {
                read = RandomAccess.Read(_handle, buffer.AsSpan(0, (int)Math.Min(buffer.Length, target - _hashed)), _hashed);
            }
            catch (Exception ex) when (LocalFileReadException.IsReadFailure(ex))
            {
                throw new LocalFileReadException(ex);
            }

            if (read == 0)
            {
                // The file shrank since it was opened.
                Finish();
                return;
            }

            Hash(buffer.AsSpan(0, read));
        }
    }

    private void Hash(ReadOnlySpan<byte> bytes)
    {
        _md5.AppendData(bytes);
        _sha256.AppendData(bytes);
        _hashed += bytes.Length;
        if (_hashed >= _length)
        {
            Finish();
        }
    }

    private void Finish()
    {
        if (_result is not null)
        {
            return;
        }

        var md5 = Convert.ToHexStringLower(_md5.GetHashAndReset());
        var sha256 = Convert.ToHexStringLower(_sha256.GetHashAndReset());
        string? corruption = null;
        if (_hashed != _expectedLength)
        {
            corruption = $"The local file is corrupt: it has {_hashed} bytes, but {_expectedLength} were stored.";
        }
        else if (!string.Equals(sha256, _expectedSha256, StringComparison.OrdinalIgnoreCase))
        {
            corruption = $"The local file is corrupt: its SHA-256 is {sha256}, but {_expectedSha256} was recorded when it was stored.";
        }

        _result = new LocalContentHashes(_hashed, md5, sha256, corruption);
    }
}
