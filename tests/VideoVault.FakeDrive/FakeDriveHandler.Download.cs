using System.Buffers;
using System.Globalization;
using Microsoft.AspNetCore.Http;
using VideoVault.FakeDrive.Protocol;

namespace VideoVault.FakeDrive;

/// <summary>
/// <c>files.get</c> with <c>alt=media</c>: the file's bytes, whole (200) or one byte range (206, <c>Content-Range</c>),
/// as the Drive guide "Download and export files" and RFC 9110 §14 describe; a range past the end is a 416.
/// </summary>
internal sealed partial class FakeDriveHandler
{
    private const int DownloadSlice = 256 * 1024;

    private async Task DownloadAsync(Exchange exchange)
    {
        var context = exchange.Context;
        if (!await AuthorizeAsync(exchange).ConfigureAwait(false))
        {
            return;
        }

        var query = context.Request.Query;
        foreach (var flag in (string[])["supportsAllDrives", "supportsTeamDrives", "acknowledgeAbuse"])
        {
            if (query[flag].FirstOrDefault() is { } value && !bool.TryParse(value, out _))
            {
                await GoogleErrors.BadRequestAsync(context, $"Invalid value '{value}'. Values must be true or false.", flag).ConfigureAwait(false);
                return;
            }
        }

        var id = FileIdOf(context.Request.Path.Value ?? "")!;
        FakeDriveFile? file;
        lock (state.Gate)
        {
            state.Files.TryGetValue(id, out file);
        }

        if (file is null)
        {
            await GoogleErrors.NotFoundAsync(context, id).ConfigureAwait(false);
            return;
        }

        var size = file.Size;
        var range = ByteRange.Parse(context.Request.Headers.Range.FirstOrDefault(), size);
        var response = context.Response;
        if (range is { Satisfiable: false })
        {
            response.Headers.ContentRange = $"bytes */{size.ToString(CultureInfo.InvariantCulture)}";
            await GoogleErrors.WriteAsync(context, 416, "requestedRangeNotSatisfiable", "Request range not satisfiable").ConfigureAwait(false);
            return;
        }

        var first = range?.First ?? 0;
        var length = range is null ? size : range.Value.Last - first + 1;
        response.StatusCode = range is null ? 200 : 206;
        response.ContentType = file.MimeType;
        response.ContentLength = length;
        response.Headers.AcceptRanges = "bytes";
        if (range is not null)
        {
            response.Headers.ContentRange = string.Create(CultureInfo.InvariantCulture, $"bytes {first}-{range.Value.Last}/{size}");
        }

        var fault = exchange.Fault;
        var send = fault is { Kind: DriveFaultKind.TruncateBody or DriveFaultKind.ResetBody } cut ? Math.Min(cut.Bytes, length) : length;
        await response.StartAsync(context.RequestAborted).ConfigureAwait(false);
        var buffer = ArrayPool<byte>.Shared.Rent(DownloadSlice);
        try
        {
            for (long sent = 0; sent < send;)
            {
                var count = (int)Math.Min(DownloadSlice, send - sent);
                var slice = file.Content.Slice((int)(first + sent), count);
                if (fault is { Kind: DriveFaultKind.CorruptBody } corrupt)
                {
                    slice.CopyTo(buffer);
                    Corrupt(buffer.AsSpan(0, count), first + sent, corrupt.Bytes, corrupt.Count);
                    slice = buffer.AsMemory(0, count);
                }

                await response.Body.WriteAsync(slice, context.RequestAborted).ConfigureAwait(false);
                sent += count;
                exchange.BodyBytesSent = sent;
            }

            await response.Body.FlushAsync(context.RequestAborted).ConfigureAwait(false);
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }

        if (fault is { Kind: DriveFaultKind.ResetBody })
        {
            // A moment for the bytes already written to leave before the reset, as a backend that dies mid-response.
            await Task.Delay(TimeSpan.FromMilliseconds(50), time, CancellationToken.None).ConfigureAwait(false);
            exchange.Abort();
        }

        // A truncated body simply ends here: Kestrel sees fewer bytes than the Content-Length it sent and closes the
        // connection, so the client reads a body that stops short.
    }

    /// <summary>Inverts the bytes of <paramref name="piece"/> (which starts at file offset <paramref name="pieceStart"/>) that fall in the altered span.</summary>
    private static void Corrupt(Span<byte> piece, long pieceStart, long alterFrom, int alterCount)
    {
        var from = Math.Max(pieceStart, alterFrom);
        var to = Math.Min(pieceStart + piece.Length, alterFrom + alterCount);
        for (var offset = from; offset < to; offset++)
        {
            piece[(int)(offset - pieceStart)] ^= 0xFF;
        }
    }
}
