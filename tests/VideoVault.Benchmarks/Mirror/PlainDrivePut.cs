using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using VideoVault.FakeDrive;

namespace VideoVault.Benchmarks.Mirror;

/// <summary>
/// The peer of the mirror: the same bytes sent to the same fake Drive by a plain HTTP client, with none of the
/// mirror's work around them (no queue, no id reservation, no lookup of an earlier copy, no hashing, no verification).
/// A resumable session is opened with one POST, then the file goes in one PUT, or in PUTs of a chunk size.
/// </summary>
internal sealed class PlainDrivePut(FakeDriveServer drive, string folderId) : IDisposable
{
    private readonly HttpClient _http = new(new SocketsHttpHandler { AllowAutoRedirect = false }) { Timeout = TimeSpan.FromMinutes(10) };

    /// <summary>Sends <paramref name="file"/>; returns the time from the session's POST to the last PUT's answer.</summary>
    public async Task<TimeSpan> PutAsync(string file, long? chunkBytes, CancellationToken cancellationToken)
    {
        var token = new AuthenticationHeaderValue("Bearer", drive.IssueAccessToken());
        var size = new FileInfo(file).Length;
        var stopwatch = Stopwatch.StartNew();
        using var initiate = new HttpRequestMessage(HttpMethod.Post, new Uri(drive.BaseUri, "upload/drive/v3/files?uploadType=resumable&supportsAllDrives=true"))
        {
            Content = JsonContent.Create(new Dictionary<string, object> { ["name"] = Path.GetFileName(file), ["parents"] = new[] { folderId } }),
        };
        initiate.Headers.Authorization = token;
        initiate.Headers.Add("X-Upload-Content-Length", size.ToString(CultureInfo.InvariantCulture));
        using var created = await _http.SendAsync(initiate, cancellationToken).ConfigureAwait(false);
        var session = created.StatusCode == HttpStatusCode.OK && created.Headers.Location is { } location
            ? location
            : throw new BenchmarkException($"the fake Drive answered the session POST with {(int)created.StatusCode}");

        var stream = new FileStream(file, FileMode.Open, FileAccess.Read, FileShare.Read, 1 << 20, FileOptions.SequentialScan);
        await using (stream.ConfigureAwait(false))
        {
            var piece = chunkBytes ?? size;
            var buffer = chunkBytes is null ? null : new byte[piece];
            for (long offset = 0; offset < size;)
            {
                var length = Math.Min(piece, size - offset);
                using var put = new HttpRequestMessage(HttpMethod.Put, session);
                if (buffer is null)
                {
                    put.Content = new StreamContent(stream, 1 << 20);
                }
                else
                {
                    await stream.ReadExactlyAsync(buffer.AsMemory(0, (int)length), cancellationToken).ConfigureAwait(false);
                    put.Content = new ByteArrayContent(buffer, 0, (int)length);
                }

                put.Content.Headers.ContentLength = length;
                put.Content.Headers.ContentRange = new ContentRangeHeaderValue(offset, offset + length - 1, size);
                put.Headers.Authorization = token;
                using var answer = await _http.SendAsync(put, cancellationToken).ConfigureAwait(false);
                offset += length;
                var expected = offset == size ? HttpStatusCode.OK : HttpStatusCode.PermanentRedirect;
                if (answer.StatusCode != expected)
                {
                    throw new BenchmarkException($"the fake Drive answered a PUT of bytes {offset - length}-{offset - 1}/{size} with {(int)answer.StatusCode}, not {(int)expected}");
                }
            }
        }

        return stopwatch.Elapsed;
    }

    /// <summary>
    /// Deletes every file the fake holds and forgets every upload session it saw, so the fake (which keeps files and
    /// sessions in memory) does not grow by a video's size with every measurement.
    /// </summary>
    public async Task ClearDriveAsync(CancellationToken cancellationToken)
    {
        var token = new AuthenticationHeaderValue("Bearer", drive.IssueAccessToken());
        foreach (var file in drive.Files)
        {
            using var delete = new HttpRequestMessage(HttpMethod.Delete, new Uri(drive.BaseUri, $"drive/v3/files/{Uri.EscapeDataString(file.Id)}"));
            delete.Headers.Authorization = token;
            using var answer = await _http.SendAsync(delete, cancellationToken).ConfigureAwait(false);
        }

        foreach (var uploadId in drive.Requests.Select(r => r.UploadId).OfType<string>().Distinct())
        {
            drive.ExpireSession(new Uri(drive.BaseUri, $"upload/drive/v3/files?uploadType=resumable&upload_id={Uri.EscapeDataString(uploadId)}"));
        }
    }

    public void Dispose() => _http.Dispose();
}
