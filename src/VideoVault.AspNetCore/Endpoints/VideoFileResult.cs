using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.Logging;
using Microsoft.Net.Http.Headers;
using VideoVault.AspNetCore.Problems;

namespace VideoVault.AspNetCore.Endpoints;

/// <summary>
/// Sends one video's local file with ASP.NET Core's <see cref="PhysicalFileHttpResult"/>: ranges, <c>If-Range</c>,
/// <c>If-None-Match</c>, <c>If-Modified-Since</c>, <c>If-Match</c>, <c>If-Unmodified-Since</c> and <c>HEAD</c> are
/// the framework's. Its bytes go out through <see cref="VideoFileSender"/>, which reads the file into the response pipe
/// in 256 KiB blocks (Kestrel's own <c>SendFileAsync</c> is a 16 KiB copy loop, not <c>sendfile(2)</c>); memory stays
/// flat whatever the size. What this adds: the validators from the record (strong ETag = the SHA-256, Last-Modified =
/// when it was stored), the recorded MIME type, <c>Content-Disposition</c> with the original name, and a file that
/// vanished after the lookup answered as the 410 it is, never as a 500 naming the path.
/// </summary>
internal sealed partial class VideoFileResult : IResult
{
    private readonly VideoRecord _video;
    private readonly string _physicalPath;
    private readonly bool _attachment;
    private readonly ILogger _logger;

    public VideoFileResult(VideoRecord video, string physicalPath, bool attachment, ILogger logger)
    {
        _video = video;
        _physicalPath = physicalPath;
        _attachment = attachment;
        _logger = logger;
    }

    public VideoRecord Video => _video;

    public bool IsAttachment => _attachment;

    public async Task ExecuteAsync(HttpContext httpContext)
    {
        ArgumentNullException.ThrowIfNull(httpContext);
        var response = httpContext.Response;
        response.Headers.ContentDisposition = ContentDispositionValue.Format(
            _attachment ? ContentDispositionValue.Attachment : ContentDispositionValue.Inline, _video.OriginalFileName);
        // The bytes are a client's upload: a browser must take them as the recorded type, never sniff them as HTML.
        response.Headers.XContentTypeOptions = "nosniff";
        var file = TypedResults.PhysicalFile(
            _physicalPath,
            string.IsNullOrEmpty(_video.MimeType) ? "application/octet-stream" : _video.MimeType,
            fileDownloadName: null,
            lastModified: _video.CreatedAt,
            entityTag: string.IsNullOrEmpty(_video.Sha256) ? null : new EntityTagHeaderValue($"\"{_video.Sha256}\""),
            enableRangeProcessing: true);
        var features = httpContext.Features;
        var server = features.GetRequiredFeature<IHttpResponseBodyFeature>();
        features.Set<IHttpResponseBodyFeature>(new VideoFileSender(server));
        try
        {
            await file.ExecuteAsync(httpContext).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is FileNotFoundException or DirectoryNotFoundException && !response.HasStarted)
        {
            // Deleted between the lookup and the open (cleanup, an admin): the same answer as a missing copy.
            Log.FileVanished(_logger, _video.Id, _video.RelativePath);
            response.Clear();
            await VideoContentEndpoint.LocalCopyGone(_video, VideoFileAvailability.Missing).ExecuteAsync(httpContext).ConfigureAwait(false);
        }
        catch (Exception ex) when (httpContext.RequestAborted.IsCancellationRequested && ex is OperationCanceledException or IOException)
        {
            Log.ClientGone(_logger, _video.Id);
        }
        catch (Exception ex) when (!response.HasStarted)
        {
            Log.SendFailed(_logger, ex, _video.Id);
            response.Clear();
            await VideoVaultProblems.Unexpected().ExecuteAsync(httpContext).ConfigureAwait(false);
        }
        catch (Exception ex)
        {
            // The status and length are out: the client sees a cut connection and can resume with a range.
            Log.SendFailed(_logger, ex, _video.Id);
            httpContext.Abort();
        }
        finally
        {
            features.Set(server);
        }
    }
}
