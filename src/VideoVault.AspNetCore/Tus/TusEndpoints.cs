using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using VideoVault.AspNetCore.Json;

namespace VideoVault.AspNetCore.Tus;

/// <summary>
/// Maps the tus 1.0.0 routes (https://tus.io/protocols/resumable-upload) under the VideoVault group, so the host's
/// authorization, rate limiting and CORS conventions on the group apply to them too:
/// <c>{prefix}/uploads</c> (POST, OPTIONS) and <c>{prefix}/uploads/{id}</c> (HEAD, PATCH, DELETE, GET, OPTIONS, and
/// POST with <c>X-HTTP-Method-Override</c>).
/// </summary>
internal static class TusEndpoints
{
    public const string OptionsName = "VideoVault_TusOptions";
    public const string UploadOptionsName = "VideoVault_TusUploadOptions";
    public const string CreateName = "VideoVault_TusCreateUpload";
    public const string HeadName = "VideoVault_TusGetOffset";
    public const string PatchName = "VideoVault_TusAppend";
    public const string DeleteName = "VideoVault_TusTerminate";
    public const string GetName = "VideoVault_TusGetUpload";
    public const string MethodOverrideName = "VideoVault_TusMethodOverride";

    private const string UploadRoute = "/{id}";

    public static void Map(IEndpointRouteBuilder group, string groupPrefix, PathString videoInfoPath)
    {
        var routes = new TusRoutes(new PathString(groupPrefix + TusRoutes.UploadsSegment), videoInfoPath);
        var tus = group.MapGroup(TusRoutes.UploadsSegment);
        tus.AddEndpointFilter<TusProtocolFilter>();
        tus.ProducesProblem(StatusCodes.Status412PreconditionFailed);

        tus.MapMethods(string.Empty, [HttpMethods.Options], (HttpContext http) => TusOptionsEndpoint.Handle(TusRequest.For(http, routes)))
            .WithName(OptionsName)
            .WithSummary("tus discovery: the protocol version, extensions, maximum size and checksum algorithms.")
            .WithDescription(
                "Answers 204 with Tus-Version: 1.0.0, Tus-Extension (creation, creation-with-upload, creation-defer-length, " +
                "termination, expiration, checksum), Tus-Max-Size (VideoVault:MaxFileSizeBytes) and Tus-Checksum-Algorithm " +
                "(sha1, md5, sha256). Needs no Tus-Resumable header.")
            .Produces(StatusCodes.Status204NoContent);

        tus.MapMethods(UploadRoute, [HttpMethods.Options], (HttpContext http) => TusOptionsEndpoint.Handle(TusRequest.For(http, routes)))
            .WithName(UploadOptionsName)
            .WithSummary("tus discovery on an upload's URL (the same answer as on the uploads collection).")
            .Produces(StatusCodes.Status204NoContent);

        tus.MapPost(string.Empty, (Func<HttpContext, Task<IResult>>)(http => TusCreateEndpoint.HandleAsync(TusRequest.For(http, routes))))
            .WithName(CreateName)
            .WithSummary("tus creation: start a resumable upload.")
            .WithDescription(
                "Send Tus-Resumable: 1.0.0 and Upload-Length (or Upload-Defer-Length: 1 and the length on a later PATCH). " +
                "Upload-Metadata carries Base64 values: 'filename' (or 'name'), 'filetype' (or 'type') and 'content_type' " +
                "(the category). An optional Idempotency-Key header applies to the video the upload becomes. A body sent as " +
                "application/offset+octet-stream is appended at once (creation-with-upload; Upload-Checksum applies to it). " +
                "Answers 201 with Location (the upload's URL), Upload-Expires and, with a body, Upload-Offset.")
            .Accepts<byte[]>(isOptional: true, TusHeaders.OffsetOctetStream)
            .Produces(StatusCodes.Status201Created)
            .ProducesProblem(StatusCodes.Status400BadRequest)
            .ProducesProblem(StatusCodes.Status413PayloadTooLarge)
            .ProducesProblem(StatusCodes.Status415UnsupportedMediaType)
            .ProducesProblem(StatusCodes.Status422UnprocessableEntity)
            .ProducesProblem(460)
            .ProducesProblem(StatusCodes.Status507InsufficientStorage)
            .DisableAntiforgery();

        tus.MapMethods(UploadRoute, [HttpMethods.Head], (HttpContext http, string id) => TusHeadEndpoint.HandleAsync(TusRequest.For(http, routes), id))
            .WithName(HeadName)
            .WithSummary("tus: the upload's durable offset, to resume from.")
            .WithDescription(
                "Answers 200 without a body: Upload-Offset (durable bytes), Upload-Length or Upload-Defer-Length: 1, " +
                "Upload-Metadata, Upload-Expires and Cache-Control: no-store. A completed upload answers its full offset and " +
                "names its video in VideoVault-Video-Id and VideoVault-Video (its video-info URL). 404 unknown, 410 expired.")
            .Produces(StatusCodes.Status200OK)
            .Produces(StatusCodes.Status404NotFound)
            .Produces(StatusCodes.Status410Gone);

        tus.MapPatch(UploadRoute, (HttpContext http, string id) => TusPatchEndpoint.HandleAsync(TusRequest.For(http, routes), id))
            .WithName(PatchName)
            .WithSummary("tus: append bytes at the upload's offset.")
            .WithDescription(
                "Send Content-Type: application/offset+octet-stream, Upload-Offset (the offset HEAD reports) and the bytes; " +
                "optionally Upload-Length (for a deferred length) and Upload-Checksum ('sha1|md5|sha256 <Base64 digest>' of " +
                "this body; on a mismatch 460 and nothing of it is kept). Answers 204 with the new durable Upload-Offset and " +
                "Upload-Expires; with the last byte the video is stored and the answer names it in VideoVault-Video-Id and " +
                "VideoVault-Video. 409 offset mismatch, 423 another PATCH is running, 413 past the length or the size limit, " +
                "415 wrong content type or not a video, 507 disk full (the bytes acknowledged before are kept).")
            .Accepts<byte[]>(TusHeaders.OffsetOctetStream)
            .Produces(StatusCodes.Status204NoContent)
            .ProducesProblem(StatusCodes.Status400BadRequest)
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status409Conflict)
            .ProducesProblem(StatusCodes.Status410Gone)
            .ProducesProblem(StatusCodes.Status413PayloadTooLarge)
            .ProducesProblem(StatusCodes.Status415UnsupportedMediaType)
            .ProducesProblem(StatusCodes.Status422UnprocessableEntity)
            .ProducesProblem(StatusCodes.Status423Locked)
            .ProducesProblem(460)
            .ProducesProblem(StatusCodes.Status507InsufficientStorage)
            .DisableAntiforgery();

        tus.MapDelete(UploadRoute, (HttpContext http, string id) => TusDeleteEndpoint.HandleAsync(TusRequest.For(http, routes), id))
            .WithName(DeleteName)
            .WithSummary("tus termination: cancel an unfinished upload and remove its bytes.")
            .WithDescription("Answers 204. A completed upload is a stored video: 409, delete the video instead.")
            .Produces(StatusCodes.Status204NoContent)
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status409Conflict)
            .ProducesProblem(StatusCodes.Status410Gone)
            .ProducesProblem(StatusCodes.Status423Locked);

        tus.MapGet(UploadRoute, (HttpContext http, string id) => TusGetEndpoint.HandleAsync(TusRequest.For(http, routes), id))
            .WithName(GetName)
            .WithSummary("The upload's state, or once complete the video it became (the video-info JSON).")
            .Produces<VideoResultJson>(StatusCodes.Status200OK)
            .Produces<TusUploadJson>(StatusCodes.Status200OK)
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status410Gone);

        tus.MapPost(UploadRoute, (HttpContext http, string id) => TusMethodOverrideEndpoint.HandleAsync(TusRequest.For(http, routes), id))
            .WithName(MethodOverrideName)
            .WithSummary("tus: PATCH, DELETE or HEAD an upload from a client that can only POST (X-HTTP-Method-Override).")
            .Accepts<byte[]>(isOptional: true, TusHeaders.OffsetOctetStream)
            .Produces(StatusCodes.Status204NoContent)
            .ProducesProblem(StatusCodes.Status405MethodNotAllowed)
            .DisableAntiforgery();
    }
}
