namespace VideoVault.Storage;

/// <summary>
/// A read-only pass-through over an upload's body that remembers the exception a read threw. The store uses it to
/// tell a client that went away (Kestrel's exception for a truncated body is an IOException, like a disk error) from
/// a failure of its own, without referencing ASP.NET. It neither owns nor disposes the body.
/// </summary>
internal sealed class ObservedBodyStream(Stream body) : Stream
{
    private Exception? _readError;

    /// <summary>The exception the first failed read threw, if any.</summary>
    public Exception? ReadError => Volatile.Read(ref _readError);

    /// <summary>Whether <paramref name="exception"/> is the one a read of the body threw.</summary>
    public bool Threw(Exception exception) => ReferenceEquals(ReadError, exception);

    public override bool CanRead => true;

    public override bool CanSeek => false;

    public override bool CanWrite => false;

    public override long Length => throw new NotSupportedException();

    public override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }

    public override int Read(byte[] buffer, int offset, int count) => Read(buffer.AsSpan(offset, count));

    public override int Read(Span<byte> buffer)
    {
        try
        {
            return body.Read(buffer);
        }
        catch (Exception ex)
        {
            Remember(ex);
            throw;
        }
    }

    public override async ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default)
    {
        try
        {
            return await body.ReadAsync(buffer, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception ex)
        {
            Remember(ex);
            throw;
        }
    }

    public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
        ReadAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();

    public override void Flush()
    {
    }

    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

    public override void SetLength(long value) => throw new NotSupportedException();

    public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();

    private void Remember(Exception exception) => Interlocked.CompareExchange(ref _readError, exception, null);
}
