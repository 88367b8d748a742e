using System.Net;
using System.Net.Http.Headers;
using Microsoft.Extensions.Logging;

namespace VideoVault.Mirroring.GoogleDrive;

/// <summary>
/// Downloads (files.get with <c>alt=media</c>) over the same authenticated client as the other calls: the credential
/// adds and refreshes the token, and 5xx answers or a dropped connection before the headers are retried inside the
/// request. Once the headers are in, the body is the caller's to read; a break there is for the caller to resume with
/// a <c>Range</c> from what it kept.
/// </summary>
internal sealed partial class GoogleApisDriveClient
{
    public async Task<bool> DownloadAsync(
        string fileId, long offset, Func<Stream, DriveDownloadBody, CancellationToken, Task> receive, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(fileId);
        ArgumentOutOfRangeException.ThrowIfNegative(offset);
        ArgumentNullException.ThrowIfNull(receive);
        var uri = new Uri($"{_filesUri.AbsoluteUri}/{Uri.EscapeDataString(fileId)}?alt=media&supportsAllDrives=true");
        using var capture = RetryAfterCapture.Begin();
        HttpResponseMessage response;
        try
        {
            using var request = new HttpRequestMessage(HttpMethod.Get, uri);
            if (offset > 0)
            {
                request.Headers.Range = new RangeHeaderValue(offset, null);
            }

            // Headers only: HttpClient.Timeout covers the wait for them; the body is streamed under an idle timeout below.
            response = await _http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception ex) when (!cancellationToken.IsCancellationRequested)
        {
            var error = Classify(DriveOperation.Metadata, ex, capture);
            Log.DownloadFailed(_logger, fileId, offset, error.Kind, error.Message, ex);
            throw new DriveException(error, ex);
        }

        using (response)
        {
            if (response.StatusCode == HttpStatusCode.NotFound)
            {
                return false;
            }

            if (!response.IsSuccessStatusCode)
            {
                var error = await ReadErrorAsync(response, cancellationToken).ConfigureAwait(false);
                Log.DownloadFailed(_logger, fileId, offset, error.Kind, error.Message, null);
                throw new DriveException(error);
            }

            var body = DescribeBody(response, offset);
            Log.DownloadStarted(_logger, fileId, body.Start, body.Length ?? -1);
            var content = await response.Content.ReadAsStreamAsync(cancellationToken).ConfigureAwait(false);
            var guarded = new IdleTimeoutStream(content, _http.Timeout, _timeProvider);
            await using (guarded.ConfigureAwait(false))
            {
                await receive(guarded, body, cancellationToken).ConfigureAwait(false);
            }

            return true;
        }
    }

    /// <summary>Where the body starts and how long it is: a 206 says so in <c>Content-Range</c>; a 200 is the whole file.</summary>
    private static DriveDownloadBody DescribeBody(HttpResponseMessage response, long offset)
    {
        var length = response.Content.Headers.ContentLength;
        if (response.StatusCode != HttpStatusCode.PartialContent)
        {
            return new DriveDownloadBody(0, length, length);
        }

        if (response.Content.Headers.ContentRange is { HasRange: true, From: { } from } range)
        {
            return new DriveDownloadBody(from, range.To is { } to ? to - from + 1 : length, range.Length);
        }

        // A 206 without a byte range cannot be placed in the file.
        throw new DriveException(new DriveError(DriveErrorKind.Transient,
            $"Drive answered 206 to a download from byte {offset} without a Content-Range.", (int)response.StatusCode));
    }

    private static partial class Log
    {
        [LoggerMessage(EventId = 4076, EventName = "DriveDownloadStarted", Level = LogLevel.Debug,
            Message = "Downloading Drive file {FileId} from byte {Start} ({Length} bytes)")]
        public static partial void DownloadStarted(ILogger logger, string fileId, long start, long length);

        [LoggerMessage(EventId = 4077, EventName = "DriveDownloadFailed", Level = LogLevel.Warning,
            Message = "The download of Drive file {FileId} from byte {Offset} failed ({Kind}): {Reason}")]
        public static partial void DownloadFailed(ILogger logger, string fileId, long offset, DriveErrorKind kind, string reason, Exception? exception);
    }

    /// <summary>
    /// The body of a download, with a limit on how long one read may wait: HttpClient's timeout stops at the headers,
    /// and a connection that goes quiet without closing would otherwise hold a restore forever.
    /// </summary>
    private sealed class IdleTimeoutStream(Stream inner, TimeSpan idleTimeout, TimeProvider timeProvider) : Stream
    {
        public override bool CanRead => true;

        public override bool CanSeek => false;

        public override bool CanWrite => false;

        public override long Length => throw new NotSupportedException();

        public override long Position
        {
            get => throw new NotSupportedException();
            set => throw new NotSupportedException();
        }

        public override async ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default)
        {
            using var idle = new CancellationTokenSource(idleTimeout, timeProvider);
            using var linked = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, idle.Token);
            try
            {
                return await inner.ReadAsync(buffer, linked.Token).ConfigureAwait(false);
            }
            catch (OperationCanceledException) when (idle.IsCancellationRequested && !cancellationToken.IsCancellationRequested)
            {
                throw new TimeoutException($"Drive sent no bytes of the download for {idleTimeout.TotalSeconds:0} s.");
            }
        }

        public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
            ReadAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();

        public override int Read(byte[] buffer, int offset, int count) => ReadAsync(buffer, offset, count).GetAwaiter().GetResult();

        public override void Flush()
        {
        }

        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

        public override void SetLength(long value) => throw new NotSupportedException();

        public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();

        protected override void Dispose(bool disposing)
        {
            if (disposing)
            {
                inner.Dispose();
            }

            base.Dispose(disposing);
        }

        public override async ValueTask DisposeAsync()
        {
            await inner.DisposeAsync().ConfigureAwait(false);
            await base.DisposeAsync().ConfigureAwait(false);
        }
    }
}
