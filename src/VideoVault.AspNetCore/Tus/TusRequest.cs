using System.Globalization;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Microsoft.Net.Http.Headers;
using VideoVault.AspNetCore.Endpoints;
using VideoVault.AspNetCore.Multipart;
using VideoVault.AspNetCore.Problems;

namespace VideoVault.AspNetCore.Tus;

/// <summary>
/// One tus request: the services it needs, the method it stands for (after <c>X-HTTP-Method-Override</c>), and the
/// steps the handlers share: streaming a body into <see cref="IStagedUploadStore.AppendAsync"/>, publishing a finished
/// upload, writing the upload's headers and mapping the store's refusals to tus's status codes.
/// </summary>
internal sealed partial class TusRequest
{
    private TusRequest(HttpContext http, string method, TusRoutes routes)
    {
        Http = http;
        Method = method;
        Routes = routes;
        Uploads = http.RequestServices.GetRequiredService<IStagedUploadStore>();
        Videos = http.RequestServices.GetRequiredService<IVideoStore>();
        Options = http.RequestServices.GetRequiredService<IOptions<VideoVaultOptions>>().Value;
        Logger = http.RequestServices.GetRequiredService<ILogger<TusRequest>>();
    }

    public HttpContext Http { get; }

    /// <summary>The method the request stands for: its own, or on a POST the one <c>X-HTTP-Method-Override</c> names.</summary>
    public string Method { get; }

    public TusRoutes Routes { get; }

    public IStagedUploadStore Uploads { get; }

    public IVideoStore Videos { get; }

    public VideoVaultOptions Options { get; }

    public ILogger Logger { get; }

    public CancellationToken Aborted => Http.RequestAborted;

    public bool IsHead => HttpMethods.IsHead(Method);

    public static TusRequest For(HttpContext http, TusRoutes routes, string? method = null) =>
        new(http, method ?? EffectiveMethod(http.Request), routes);

    /// <summary>A POST's <c>X-HTTP-Method-Override</c> (tus: the server MUST treat the request as that method), else the request's own method.</summary>
    public static string EffectiveMethod(HttpRequest request)
    {
        // Only on an upload's URL: the creation URL stays a creation, whatever the header says.
        if (HttpMethods.IsPost(request.Method) &&
            request.RouteValues.ContainsKey("id") &&
            request.Headers[TusHeaders.MethodOverride] is { Count: 1 } values &&
            values[0]?.Trim() is { Length: > 0 } overridden)
        {
            return overridden.ToUpperInvariant();
        }

        return request.Method;
    }

    /// <summary>An upload id as the store makes them (32 lower-case hex characters); anything else is unknown without asking.</summary>
    public static bool IsUploadId(string id) =>
        id.Length == 32 && id.All(c => c is (>= '0' and <= '9') or (>= 'a' and <= 'f'));

    /// <summary>A HEAD answer has no body (RFC 9110 §9.3.2): a problem becomes its bare status code, headers kept.</summary>
    public static IResult WithoutBodyFor(string method, ProblemHttpResult problem) =>
        HttpMethods.IsHead(method) ? TypedResults.StatusCode(problem.StatusCode) : problem;

    public IResult Problem(ProblemHttpResult problem) => WithoutBodyFor(Method, problem);

    /// <summary>
    /// A refusal answered before the body was read: the connection is closed after the answer, so a client does not
    /// push gigabytes nobody reads (Kestrel still sends the answer first).
    /// </summary>
    public IResult RefuseUnread(ProblemHttpResult problem)
    {
        if (HasBody(Http.Request))
        {
            Http.Response.Headers.Connection = "close";
        }

        return Problem(problem);
    }

    public static bool HasBody(HttpRequest request) =>
        request.ContentLength > 0 || (request.ContentLength is null && request.Headers.TransferEncoding.Count > 0);

    public static bool IsOffsetOctetStream(string? contentType) =>
        MediaTypeHeaderValue.TryParse(contentType, out var parsed) &&
        parsed.MediaType.Equals(TusHeaders.OffsetOctetStream, StringComparison.OrdinalIgnoreCase);

    public string UploadUrl(string uploadId) => (Http.Request.PathBase + Routes.Uploads).Value + "/" + uploadId;

    /// <summary>The video-info URL exactly as the multipart endpoint's <c>Location</c> builds it (by stored name).</summary>
    public string VideoUrl(string storedName) =>
        (Http.Request.PathBase + Routes.VideoInfo).Value + "/" + Uri.EscapeDataString(storedName);

    /// <summary><c>Upload-Offset</c>, <c>Upload-Length</c> (or <c>Upload-Defer-Length: 1</c>) and <c>Upload-Expires</c>.</summary>
    public void WriteUpload(StagedUpload upload)
    {
        var headers = Http.Response.Headers;
        var offset = upload.State == StagedUploadState.Completed && upload.Length is { } length ? length : upload.Offset;
        headers[TusHeaders.UploadOffset] = offset.ToString(CultureInfo.InvariantCulture);
        if (upload.Length is { } declared)
        {
            headers[TusHeaders.UploadLength] = declared.ToString(CultureInfo.InvariantCulture);
        }
        else
        {
            headers[TusHeaders.UploadDeferLength] = "1";
        }

        // RFC 9110's IMF-fixdate, as the expiration extension asks for.
        headers[TusHeaders.UploadExpires] = upload.ExpiresAt.UtcDateTime.ToString("R", CultureInfo.InvariantCulture);
    }

    /// <summary>The headers that name the video a completed upload became.</summary>
    public void WriteVideo(VideoRecord video)
    {
        Http.Response.Headers[TusHeaders.VideoId] = video.Id;
        Http.Response.Headers[TusHeaders.Video] = VideoUrl(video.StoredName);
    }

    /// <summary>As <see cref="WriteVideo(VideoRecord)"/> for a completed upload's state: the video is looked up for its stored name.</summary>
    public async Task<VideoRecord?> WriteVideoAsync(StagedUpload upload)
    {
        if (upload.VideoId is not { } videoId)
        {
            return null;
        }

        var video = await Videos.FindAsync(videoId, Aborted).ConfigureAwait(false);
        if (video is null)
        {
            // Deleted since: the id still tells the client what its upload became.
            Http.Response.Headers[TusHeaders.VideoId] = videoId;
            return null;
        }

        WriteVideo(video);
        return video;
    }

    /// <summary>Raises Kestrel's body limit for this request only, to the largest upload a PATCH or POST may carry.</summary>
    public void RaiseBodySizeLimit()
    {
        if (!RequestBodyLimit.TryRaise(Http, Options.MaxFileSizeBytes, out var serverLimit))
        {
            Log.BodySizeLimitReadOnly(Logger, serverLimit);
        }
    }

    /// <summary>
    /// Streams the request body into the upload at <paramref name="offset"/>, never buffered. Returns the store's
    /// result, or the answer for a body that failed (a client gone gets no answer; the store keeps what arrived).
    /// </summary>
    public async Task<(StagedUploadResult? Result, IResult? Failure)> AppendBodyAsync(string uploadId, long offset, StagedAppendOptions options)
    {
        var request = Http.Request;
        RaiseBodySizeLimit();
        if (request.ContentLength > Options.MaxFileSizeBytes)
        {
            Log.RefusedByContentLength(Logger, uploadId, request.ContentLength.Value, Options.MaxFileSizeBytes);
            return (null, RefuseUnread(VideoVaultProblems.TooLarge(TooLargeText)));
        }

        var body = new ObservedReadStream(request.Body);
        try
        {
            var result = await Uploads.AppendAsync(uploadId, offset, body, options, Aborted).ConfigureAwait(false);
            return (result, null);
        }
        catch (Exception ex) when (body.ReadFailure is not null || Aborted.IsCancellationRequested)
        {
            return (null, BodyFailed(uploadId, body.ReadFailure ?? ex));
        }
    }

    private IResult BodyFailed(string uploadId, Exception failure)
    {
        if (Aborted.IsCancellationRequested || failure is OperationCanceledException)
        {
            // Nobody is left to answer; the store made the bytes that did arrive durable, HEAD reports them.
            Log.ClientGone(Logger, uploadId);
            return TypedResults.Empty;
        }

        Http.Response.Headers.Connection = "close";
        if (failure is BadHttpRequestException bad)
        {
            Log.BodyRejected(Logger, uploadId, bad.StatusCode);
            return Problem(bad.StatusCode switch
            {
                StatusCodes.Status413PayloadTooLarge => VideoVaultProblems.TooLarge(TooLargeText),
                StatusCodes.Status408RequestTimeout => VideoVaultProblems.Create(bad.StatusCode, "Request timeout", "The request body arrived too slowly; HEAD the upload and resume at the offset it reports."),
                _ => VideoVaultProblems.BadRequest("The request body ended before its declared length; HEAD the upload and resume at the offset it reports."),
            });
        }

        Log.BodyRejected(Logger, uploadId, StatusCodes.Status400BadRequest);
        return Problem(VideoVaultProblems.BadRequest("The request body could not be read to its end; HEAD the upload and resume at the offset it reports."));
    }

    /// <summary>
    /// Publishes an upload whose last byte is in and writes the headers naming its video; returns the answer for a
    /// refusal, or <see langword="null"/> when the video is stored.
    /// </summary>
    public async Task<(StagedUpload Upload, IResult? Failure)> CompleteAsync(StagedUpload upload)
    {
        var completed = await Uploads.CompleteAsync(upload.Id, completion: null, Aborted).ConfigureAwait(false);
        if (!completed.IsAccepted || completed.Video is not { } video)
        {
            return (completed.Upload ?? upload, Refusal(completed));
        }

        if (completed.IsReplay)
        {
            Http.Response.Headers[IdempotencyKeyHeader.ReplayedName] = "true";
        }

        Log.Completed(Logger, upload.Id, video.Id, video.StoredName, video.SizeBytes);
        WriteVideo(video);
        return (completed.Upload ?? upload, null);
    }

    /// <summary>The answer tus (and VideoVault) give to one of the store's refusals (no body on HEAD).</summary>
    public IResult Refusal(StagedUploadResult result) => Problem(ProblemFor(result));

    /// <summary>The problem tus (and VideoVault) give for each of the store's refusals.</summary>
    public ProblemHttpResult ProblemFor(StagedUploadResult result)
    {
        var reason = result.Reason;
        return result.Outcome switch
        {
            StagedUploadOutcome.Unknown => VideoVaultProblems.NotFound(UnknownText),
            StagedUploadOutcome.Expired => VideoVaultProblems.Gone("The upload expired for lack of progress and its bytes are removed; start a new upload."),
            StagedUploadOutcome.OffsetMismatch => VideoVaultProblems.Conflict(
                "Offset mismatch",
                "Upload-Offset is not the upload's offset; HEAD the upload and resume at the offset it reports."),
            StagedUploadOutcome.Busy => VideoVaultProblems.Locked("Another request is appending to this upload; wait for it to end, then HEAD the upload and resume."),
            StagedUploadOutcome.TooLarge => VideoVaultProblems.TooLarge(reason ?? TooLargeText),
            StagedUploadOutcome.UnsupportedContainer => VideoVaultProblems.NotAVideo(reason ?? "The file is not a supported video container."),
            StagedUploadOutcome.InsufficientStorage => VideoVaultProblems.InsufficientStorage(
                reason ?? "The server does not have enough free space for this upload; the bytes it acknowledged are kept, resume later."),
            StagedUploadOutcome.ChecksumMismatch => VideoVaultProblems.ChecksumMismatch(
                "The body does not match its Upload-Checksum; nothing of it was kept, send it again from the same offset."),
            StagedUploadOutcome.LengthConflict => VideoVaultProblems.BadRequest(reason ?? "Upload-Length conflicts with the upload's length, which cannot change once set."),
            StagedUploadOutcome.Incomplete => VideoVaultProblems.Conflict("Upload incomplete", reason ?? "The upload's last byte has not arrived yet."),
            StagedUploadOutcome.IdempotencyKeyConflict => VideoVaultProblems.IdempotencyKeyConflict(
                reason ?? "The idempotency key was already used for a different video; use a new key for every different video."),
            StagedUploadOutcome.AlreadyCompleted => VideoVaultProblems.Conflict(
                "Upload complete",
                "The upload is complete and takes no more bytes; HEAD it for its offset and the video it became."),
            _ => throw new InvalidOperationException($"The store returned an unexpected outcome '{result.Outcome}'."),
        };
    }

    public const string UnknownText = "No upload with that id: it never existed, was terminated, or expired and was removed.";

    public string TooLargeText =>
        string.Create(CultureInfo.InvariantCulture, $"The upload is larger than the limit of {Options.MaxFileSizeBytes} bytes (Tus-Max-Size).");
}
