using System.IO.Pipelines;
using Microsoft.AspNetCore.Http.Features;

namespace VideoVault.AspNetCore.Endpoints;

/// <summary>
/// The response body feature while a video is sent: everything is the server's own, except
/// <see cref="SendFileAsync"/>, which reads the file straight into the response's <see cref="PipeWriter"/> in 256 KiB
/// blocks. The framework's file result still does everything around the bytes: status, ranges, preconditions, headers.
/// </summary>
/// <remarks>
/// Kestrel has no <c>sendfile(2)</c>: its <c>SendFileAsync</c> is a copy loop through a 16 KiB <see cref="FileStream"/>
/// and the response <see cref="Stream"/> (under strace: a 16 KiB <c>pread64</c> per 16 KiB, and the bytes copied once
/// more between the two buffers). Reading into the pipe's own memory drops that copy and most of the system calls:
/// the host's CPU per GiB sent fell by about a third (see the README's Performance section). The read is synchronous:
/// on Linux an asynchronous file read is the same read on a thread-pool thread, one hop later. On a server whose own
/// <c>SendFileAsync</c> is done by the kernel (IIS, HTTP.sys) this loop is used all the same: VideoVault's durability
/// guarantees are for Linux, where Kestrel is the server.
/// </remarks>
internal sealed class VideoFileSender(IHttpResponseBodyFeature server) : IHttpResponseBodyFeature
{
    /// <summary>Bytes read per block: 4096 reads per GiB, and small enough that the socket never waits long for the next.</summary>
    internal const int BlockSize = 256 * 1024;

    public Stream Stream => server.Stream;

    public PipeWriter Writer => server.Writer;

    public void DisableBuffering() => server.DisableBuffering();

    public Task StartAsync(CancellationToken cancellationToken = default) => server.StartAsync(cancellationToken);

    public Task CompleteAsync() => server.CompleteAsync();

    public async Task SendFileAsync(string path, long offset, long? count, CancellationToken cancellationToken = default)
    {
        cancellationToken.ThrowIfCancellationRequested();

        // ReadWrite | Delete: no advisory lock, so the store and its maintenance are never held up by a download; a file
        // unlinked while it is sent stays readable through this handle until the end.
        using var handle = File.OpenHandle(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete, FileOptions.SequentialScan);
        var remaining = count ?? (RandomAccess.GetLength(handle) - offset);
        var writer = server.Writer;
        while (remaining > 0)
        {
            var memory = writer.GetMemory((int)Math.Min(BlockSize, remaining));
            var read = RandomAccess.Read(handle, memory.Span[..(int)Math.Min(memory.Length, remaining)], offset);
            if (read == 0)
            {
                // The file is shorter than the length already sent in Content-Length: the connection must be cut.
                throw new EndOfStreamException("The video file ended before the length that was announced.");
            }

            writer.Advance(read);
            offset += read;
            remaining -= read;
            var flushed = await writer.FlushAsync(cancellationToken).ConfigureAwait(false);
            if (flushed.IsCompleted || flushed.IsCanceled)
            {
                return;
            }
        }
    }
}
