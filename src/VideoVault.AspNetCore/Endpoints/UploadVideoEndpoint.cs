using System.Globalization;
using System.Text;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Routing;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Microsoft.Net.Http.Headers;
using VideoVault.AspNetCore.Json;
using VideoVault.AspNetCore.Multipart;
using VideoVault.AspNetCore.Problems;

namespace VideoVault.AspNetCore.Endpoints;

/// <summary>
/// <c>POST {prefix}/upload-video</c>: streams the <c>video</c> part of a multipart body straight into
/// <see cref="IVideoStore.SaveAsync"/>. Nothing is buffered: no <c>IFormFile</c>, no form reading, no second temp file.
/// </summary>
/// <remarks>
/// The category comes from a <c>content_type</c> text part, before or after the file part (the last one wins), else
/// from the <c>?category=</c> query value, else the store's default. The parts after the file are read once the file
/// is durable and before the video is published: small text fields only, a bounded number of them.
/// </remarks>
internal sealed partial class UploadVideoEndpoint
{
    public const string Name = "VideoVault_UploadVideo";
    public const string VideoFieldName = "video";
    public const string CategoryFieldName = "content_type";
    public const string CategoryQueryName = "category";

    /// <summary>Room above <see cref="VideoVaultOptions.MaxFileSizeBytes"/> for boundaries, part headers and small fields.</summary>
    public const long MultipartOverheadBytes = 1024 * 1024;

    /// <summary>
    /// The multipart reader hands out at most one buffer per read, so a large one means few reads per GiB; rented
    /// from the shared pool, so memory stays flat whatever the file size.
    /// </summary>
    private const int ReadBufferSize = 1024 * 1024;

    private const int MaxCategoryBytes = 1024;
    private const int MaxSectionsBeforeVideo = 16;
    private const int MaxSectionsAfterVideo = 16;
    private const int MaxPartHeadersBytes = 16 * 1024;

    public static RouteHandlerBuilder Map(IEndpointRouteBuilder group, PathString videoInfoPath) =>
        group.MapPost(
                "/upload-video",
                ([FromServices] IVideoStore store, [FromServices] IOptions<VideoVaultOptions> options,
                    [FromServices] ILogger<UploadVideoEndpoint> logger, HttpContext context) =>
                    HandleAsync(context, store, options.Value, logger, videoInfoPath))
            .WithName(Name)
            .WithSummary("Upload one video (multipart/form-data, streamed).")
            .WithDescription(
                "Send the file in the form field 'video'. The category comes from a 'content_type' field, before or after " +
                "the file (at most 16 small text fields may follow it), else the 'category' query value. The body is streamed into the store; the response is " +
                "sent only once the video is durable on disk and committed to the manifest. The request content type " +
                "is not declared as route metadata on purpose: routing would then answer a wrong one with a bare 415, " +
                "which clients would confuse with 'not a video'; the handler answers it with a 400 problem instead. " +
                "An optional 'Idempotency-Key' header (1 to 255 printable ASCII characters, quoted or bare) makes a retry " +
                "safe: the same key with the same bytes answers 201 with the video stored the first time and " +
                "'Idempotent-Replayed: true'; the same key with other bytes is a 422 problem.")
            .AddOpenApiOperationTransformer(UploadVideoOpenApi.DescribeAsync)
            .Produces<VideoResultJson>(StatusCodes.Status201Created)
            .ProducesProblem(StatusCodes.Status400BadRequest)
            .ProducesProblem(StatusCodes.Status413PayloadTooLarge)
            .ProducesProblem(StatusCodes.Status415UnsupportedMediaType)
            .ProducesProblem(StatusCodes.Status422UnprocessableEntity)
            .ProducesProblem(StatusCodes.Status507InsufficientStorage)
            // A JSON API for bearer-token or same-origin tools: the handler never reads the form, so the antiforgery
            // middleware would have nothing to validate against. Hosts that authenticate with cookies add their own
            // antiforgery check (see the README's embedding section).
            .DisableAntiforgery();

    internal static async Task<Results<JsonHttpResult<VideoResultJson>, ProblemHttpResult, EmptyHttpResult>> HandleAsync(
        HttpContext context, IVideoStore store, VideoVaultOptions options, ILogger<UploadVideoEndpoint> logger, PathString videoInfoPath)
    {
        var request = context.Request;
        var aborted = context.RequestAborted;
        var bodyLimit = options.MaxFileSizeBytes > long.MaxValue - MultipartOverheadBytes
            ? long.MaxValue
            : options.MaxFileSizeBytes + MultipartOverheadBytes;

        // Before the body: a client with a broken key learns it without sending gigabytes first.
        if (!IdempotencyKeyHeader.TryRead(request, out var idempotencyKey, out var keyError))
        {
            return Refuse(context, VideoVaultProblems.BadRequest(keyError!));
        }

        if (!RequestBodyLimit.TryRaise(context, bodyLimit, out var serverLimit))
        {
            Log.BodySizeLimitReadOnly(logger, serverLimit);
        }

        if (request.ContentLength > bodyLimit)
        {
            Log.RefusedByContentLength(logger, request.ContentLength.Value, bodyLimit);
            return Refuse(context, VideoVaultProblems.TooLarge(TooLargeText(options)));
        }

        if (!MultipartBoundary.TryGet(request.ContentType, out var boundary, out var boundaryError))
        {
            return Refuse(context, VideoVaultProblems.BadRequest(boundaryError));
        }

        var reader = new MultipartReader(boundary, request.Body, ReadBufferSize)
        {
            HeadersLengthLimit = MaxPartHeadersBytes,
            // The file part is bounded by the store's own limit and by Kestrel's per-request limit raised above.
            BodyLengthLimit = null,
        };

        string? category = null;
        ObservedReadStream? videoBody = null;
        Exception? trailingFailure = null;
        try
        {
            for (var sections = 0; ; sections++)
            {
                var section = await reader.ReadNextSectionAsync(aborted).ConfigureAwait(false);
                if (section is null)
                {
                    return VideoVaultProblems.BadRequest($"The form has no '{VideoFieldName}' file part.");
                }

                if (sections >= MaxSectionsBeforeVideo)
                {
                    return Refuse(context, VideoVaultProblems.BadRequest($"The '{VideoFieldName}' part must come within the first {MaxSectionsBeforeVideo} parts."));
                }

                if (!ContentDispositionHeaderValue.TryParse(section.ContentDisposition, out var disposition) ||
                    !disposition.DispositionType.Equals("form-data", StringComparison.OrdinalIgnoreCase))
                {
                    await section.Body.DrainAsync(aborted).ConfigureAwait(false);
                    continue;
                }

                if (IsCategoryField(disposition))
                {
                    var value = await ReadSmallFieldAsync(section.Body, aborted).ConfigureAwait(false);
                    if (value is null)
                    {
                        return Refuse(context, VideoVaultProblems.BadRequest($"The '{CategoryFieldName}' field is longer than {MaxCategoryBytes} bytes."));
                    }

                    category = value.Trim() is { Length: > 0 } trimmed ? trimmed : null;
                    continue;
                }

                if (!HeaderUtilities.RemoveQuotes(disposition.Name).Equals(VideoFieldName, StringComparison.OrdinalIgnoreCase))
                {
                    await section.Body.DrainAsync(aborted).ConfigureAwait(false);
                    continue;
                }

                var fileName = FileNameOf(disposition);
                if (string.IsNullOrWhiteSpace(fileName))
                {
                    return Refuse(context, VideoVaultProblems.BadRequest($"The '{VideoFieldName}' part has no file name."));
                }

                category ??= request.Query[CategoryQueryName].ToString() is { Length: > 0 } fromQuery ? fromQuery.Trim() : null;
                videoBody = new ObservedReadStream(section.Body);
                var upload = new VideoUpload(videoBody, fileName)
                {
                    Category = category,
                    DeclaredMimeType = section.ContentType,
                    DeclaredLength = DeclaredFileLength(request, options),
                    IdempotencyKey = idempotencyKey,

                    // The file is durable by now; the fields after it are read before the video is published, so a
                    // category sent after the file (as most FormData code sends it) still names it.
                    AfterContent = async cancellationToken =>
                    {
                        try
                        {
                            var late = await ReadTrailingFieldsAsync(reader, cancellationToken).ConfigureAwait(false);
                            return late is null ? null : new StagedUploadCompletion { Category = late };
                        }
                        catch (Exception ex) when (ex is IOException or InvalidDataException or OperationCanceledException or BadHttpRequestException)
                        {
                            trailingFailure = ex;
                            throw;
                        }
                    },
                };

                var result = await store.SaveAsync(upload, aborted).ConfigureAwait(false);
                return await RespondAsync(context, result, options, logger, videoInfoPath).ConfigureAwait(false);
            }
        }
        catch (TrailingFormException ex)
        {
            Log.TrailingFormRefused(logger, ex.Message);
            return Refuse(context, VideoVaultProblems.BadRequest(ex.Message));
        }
        catch (Exception ex) when (IsBodyFailure(ex, context, videoBody) || trailingFailure is not null)
        {
            return BodyFailed(context, videoBody?.ReadFailure ?? trailingFailure ?? ex, logger);
        }
    }

    /// <summary>
    /// Reads the parts after the file: small text fields only, a bounded number. Returns the last <c>content_type</c>
    /// field's value, or <see langword="null"/> when none came.
    /// </summary>
    private static async Task<string?> ReadTrailingFieldsAsync(MultipartReader reader, CancellationToken cancellationToken)
    {
        string? category = null;
        for (var sections = 0; await reader.ReadNextSectionAsync(cancellationToken).ConfigureAwait(false) is { } section; sections++)
        {
            if (sections >= MaxSectionsAfterVideo)
            {
                throw new TrailingFormException($"At most {MaxSectionsAfterVideo} fields may follow the '{VideoFieldName}' file part.");
            }

            var value = await ReadSmallFieldAsync(section.Body, cancellationToken).ConfigureAwait(false)
                ?? throw new TrailingFormException($"Only small text fields (up to {MaxCategoryBytes} bytes) may follow the '{VideoFieldName}' file part; send one file per upload.");
            if (ContentDispositionHeaderValue.TryParse(section.ContentDisposition, out var disposition) && IsCategoryField(disposition))
            {
                category = value.Trim() is { Length: > 0 } trimmed ? trimmed : category;
            }
        }

        return category;
    }

    private static async Task<Results<JsonHttpResult<VideoResultJson>, ProblemHttpResult, EmptyHttpResult>> RespondAsync(
        HttpContext context, SaveVideoResult result, VideoVaultOptions options, ILogger logger, PathString videoInfoPath)
    {
        switch (result.Outcome)
        {
            case SaveVideoOutcome.Stored when result.Video is { } stored:
                if (result.IsReplay)
                {
                    // The store already logged the replay (its event 1013); logging it here too would count it twice.
                    context.Response.Headers[IdempotencyKeyHeader.ReplayedName] = "true";
                }
                else
                {
                    Log.Stored(logger, stored.Id, stored.StoredName, stored.SizeBytes);
                }

                var video = await WaitForMirrorAsync(context, stored).ConfigureAwait(false);
                context.Response.Headers.Location =
                    (context.Request.PathBase + videoInfoPath).Value + "/" + Uri.EscapeDataString(video.StoredName);
                var body = VideoJsonMapper.ToResult(video);
                return TypedResults.Json(
                    body,
                    VideoVaultJsonContext.Default.VideoResultJson,
                    contentType: null,
                    statusCode: StatusCodes.Status201Created);
            case SaveVideoOutcome.TooLarge:
                return Refuse(context, VideoVaultProblems.TooLarge(result.Reason ?? TooLargeText(options)));
            case SaveVideoOutcome.UnsupportedContainer:
                return Refuse(context, VideoVaultProblems.NotAVideo(result.Reason ?? "The file is not a supported video container."));
            case SaveVideoOutcome.InsufficientStorage:
                return Refuse(context, VideoVaultProblems.InsufficientStorage(result.Reason ?? "The server does not have enough free space for this upload."));
            case SaveVideoOutcome.IdempotencyKeyConflict:
                return Refuse(context, VideoVaultProblems.IdempotencyKeyConflict(result.Reason ?? IdempotencyKeyConflictText));
            default:
                throw new InvalidOperationException($"The store returned an unknown outcome '{result.Outcome}'.");
        }
    }

    /// <summary>
    /// With <c>VideoVault:Drive:WaitForMirrorSeconds</c> above zero, waits that long for the mirror so the answer can
    /// carry <c>drive_link</c>; the video is already durable, so a timeout or a disconnect only means the answer shows
    /// the state at that moment.
    /// </summary>
    private static async Task<VideoRecord> WaitForMirrorAsync(HttpContext context, VideoRecord stored)
    {
        if (context.RequestServices.GetService(typeof(IVideoMirrorAwaiter)) is not IVideoMirrorAwaiter { UploadWait: var wait } awaiter || wait <= TimeSpan.Zero)
        {
            return stored;
        }

        try
        {
            return await awaiter.WaitForMirrorAsync(stored.Id, wait, context.RequestAborted).ConfigureAwait(false) ?? stored;
        }
        catch (OperationCanceledException) when (context.RequestAborted.IsCancellationRequested)
        {
            return stored;
        }
    }

    /// <summary>
    /// Answers a refusal while (possibly) most of the body is still unread. Closing the connection afterwards stops the
    /// client from pushing gigabytes nobody reads; Kestrel still sends the response first.
    /// </summary>
    private static ProblemHttpResult Refuse(HttpContext context, ProblemHttpResult problem)
    {
        context.Response.Headers.Connection = "close";
        return problem;
    }

    private static bool IsBodyFailure(Exception ex, HttpContext context, ObservedReadStream? videoBody) =>
        videoBody?.ReadFailure is not null ||
        context.RequestAborted.IsCancellationRequested ||
        (videoBody is null && ex is IOException or InvalidDataException or OperationCanceledException);

    private static Results<JsonHttpResult<VideoResultJson>, ProblemHttpResult, EmptyHttpResult> BodyFailed(
        HttpContext context, Exception failure, ILogger logger)
    {
        if (context.RequestAborted.IsCancellationRequested || failure is OperationCanceledException)
        {
            // The client went away: there is nobody to answer, and the store has already removed its temp file.
            Log.ClientAborted(logger);
            return TypedResults.Empty;
        }

        if (failure is BadHttpRequestException bad)
        {
            Log.BodyRejected(logger, bad.StatusCode);
            return Refuse(context, bad.StatusCode switch
            {
                StatusCodes.Status413PayloadTooLarge => VideoVaultProblems.TooLarge("The request body is larger than the upload limit."),
                StatusCodes.Status408RequestTimeout => VideoVaultProblems.Create(bad.StatusCode, "Request timeout", "The request body arrived too slowly."),
                _ => VideoVaultProblems.Create(bad.StatusCode, "Bad request", "The request body could not be read to its end."),
            });
        }

        Log.MalformedMultipart(logger, failure.GetType().Name);
        return Refuse(context, VideoVaultProblems.BadRequest("The multipart body is malformed or incomplete."));
    }

    /// <summary>
    /// An upper bound of the file part, so the store checks the free-space floor before reading a byte: the whole
    /// Content-Length (boundaries and headers included), capped at the size limit because a request of up to
    /// <see cref="MultipartOverheadBytes"/> more is accepted above and its file may still be exactly at the limit.
    /// </summary>
    private static long? DeclaredFileLength(HttpRequest request, VideoVaultOptions options) =>
        request.ContentLength is { } length ? Math.Min(length, options.MaxFileSizeBytes) : null;

    /// <summary>A <c>content_type</c> text part; one with a file name is a file, whatever its field name.</summary>
    private static bool IsCategoryField(ContentDispositionHeaderValue disposition) =>
        HeaderUtilities.RemoveQuotes(disposition.Name).Equals(CategoryFieldName, StringComparison.OrdinalIgnoreCase) &&
        !disposition.FileName.HasValue && !disposition.FileNameStar.HasValue;

    private static string? FileNameOf(ContentDispositionHeaderValue disposition)
    {
        // filename* (RFC 5987, UTF-8) wins over the legacy filename, as RFC 7578 §4.2 allows.
        if (disposition.FileNameStar.HasValue && disposition.FileNameStar.Length > 0)
        {
            return disposition.FileNameStar.Value;
        }

        return disposition.FileName.HasValue ? HeaderUtilities.RemoveQuotes(disposition.FileName).Value : null;
    }

    /// <summary>Reads a small text field, or returns <see langword="null"/> when it exceeds the limit.</summary>
    private static async Task<string?> ReadSmallFieldAsync(Stream body, CancellationToken cancellationToken)
    {
        var buffer = new byte[MaxCategoryBytes + 1];
        var length = 0;
        while (length < buffer.Length)
        {
            var read = await body.ReadAsync(buffer.AsMemory(length), cancellationToken).ConfigureAwait(false);
            if (read == 0)
            {
                return Encoding.UTF8.GetString(buffer, 0, length);
            }

            length += read;
        }

        return null;
    }

    private const string IdempotencyKeyConflictText =
        "The idempotency key was already used for a different video; use a new key for every different video.";

    private static string TooLargeText(VideoVaultOptions options) =>
        string.Create(CultureInfo.InvariantCulture, $"The upload is larger than the limit of {options.MaxFileSizeBytes} bytes.");
}
