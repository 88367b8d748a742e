using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Logging;
using VideoVault.AspNetCore.Json;
using VideoVault.AspNetCore.Problems;

namespace VideoVault.AspNetCore.Endpoints;

/// <summary>
/// <c>GET</c> and <c>HEAD {prefix}/videos/{filename}/content</c>: a video's bytes by stored name or id, sent from its
/// local file by the web server's file sender (<see cref="VideoFileResult"/>) with ranges and conditional requests,
/// <c>inline</c> so a <c>&lt;video&gt;</c> element plays it, or <c>attachment</c> with <c>?download=true</c>. A video
/// whose local copy is gone answers a 410 problem that says whether Drive has a copy and what to do.
/// </summary>
internal sealed partial class VideoContentEndpoint
{
    public const string GetName = "VideoVault_DownloadVideo";
    public const string HeadName = "VideoVault_DownloadVideoHead";
    public const string Route = "/videos/{filename}/content";
    public const string DownloadQueryName = "download";

    /// <summary>What the 200 and 206 answers may carry: the MIME type recorded for the video's container.</summary>
    private static readonly string[] ContentTypes =
    [
        "video/mp4", "video/x-m4v", "video/quicktime", "video/3gpp", "video/3gpp2", "video/x-matroska", "video/webm",
        "video/x-msvideo", "video/mp2t", "video/mpeg", "video/x-flv", "video/x-ms-asf", "application/octet-stream",
    ];

    private const string Description =
        "Answers the bytes of the video with the stored file name or id, from the server's local copy. Range and If-Range " +
        "give 206 (one range; an unsatisfiable one is 416 with Content-Range: bytes */size) and Accept-Ranges: bytes; " +
        "ETag is strong (the SHA-256), so If-None-Match and If-Modified-Since give 304, If-Match and If-Unmodified-Since " +
        "412. Content-Type is the recorded container's; Content-Disposition is inline (a <video> element plays it) or, " +
        "with download=true, attachment, with the original file name (filename and RFC 8187 filename*). 404 for an unknown " +
        "video; 410 when the local copy was removed by cleanup or is missing, saying whether a verified Google Drive copy " +
        "exists (drive_status, drive_file_id) and how an administrator restores it.";

    public static void Map(IEndpointRouteBuilder group)
    {
        Describe(group.MapGet(Route, Handle), GetName, "Download or stream one video's bytes (ranges, conditional requests).");
        Describe(
            group.MapMethods(Route, [HttpMethods.Head], Handle),
            HeadName,
            "The headers of a video's download (length, type, ETag, Last-Modified) without its bytes.");
    }

    private static Task<IResult> Handle(
        [FromServices] IVideoFileLocator locator,
        [FromServices] ILogger<VideoContentEndpoint> logger,
        string filename,
        [FromQuery(Name = DownloadQueryName)] string? download,
        CancellationToken cancellationToken) =>
        HandleAsync(filename, download, locator, logger, cancellationToken);

    private static void Describe(RouteHandlerBuilder endpoint, string name, string summary) =>
        endpoint
            .WithName(name)
            .WithSummary(summary)
            .WithDescription(Description)
            .AddOpenApiOperationTransformer(VideoContentOpenApi.DescribeAsync)
            .Produces(StatusCodes.Status200OK, typeof(Stream), ContentTypes[0], ContentTypes[1..])
            .Produces(StatusCodes.Status206PartialContent, typeof(Stream), ContentTypes[0], ContentTypes[1..])
            .Produces(StatusCodes.Status304NotModified)
            .ProducesProblem(StatusCodes.Status400BadRequest)
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status410Gone)
            .Produces(StatusCodes.Status412PreconditionFailed)
            .Produces(StatusCodes.Status416RangeNotSatisfiable);

    internal static async Task<IResult> HandleAsync(
        string filename, string? download, IVideoFileLocator locator, ILogger logger, CancellationToken cancellationToken)
    {
        if (!TryParseDownload(download, out var attachment))
        {
            return VideoVaultProblems.BadRequest($"'{DownloadQueryName}' must be true or false.");
        }

        var location = string.IsNullOrWhiteSpace(filename)
            ? VideoFileLocation.NotFound
            : await locator.LocateAsync(filename, cancellationToken).ConfigureAwait(false);
        switch (location.Availability)
        {
            case VideoFileAvailability.Present when location.Video is not null && location.PhysicalPath is not null:
                return new VideoFileResult(location.Video, location.PhysicalPath, attachment, logger);
            case VideoFileAvailability.Removed or VideoFileAvailability.Missing when location.Video is not null:
                Log.LocalCopyGone(logger, location.Video.Id, location.Availability);
                return LocalCopyGone(location.Video, location.Availability);
            default:
                // The name is not echoed: it is client input and the detail may be shown as HTML by a careless page.
                return VideoVaultProblems.NotFound("No video with that file name or id.");
        }
    }

    /// <summary>
    /// The 410 for a video whose bytes are not here: what happened to the local copy, whether a verified Drive copy
    /// exists, and what an administrator does about it. Never a path.
    /// </summary>
    internal static ProblemHttpResult LocalCopyGone(VideoRecord video, VideoFileAvailability availability)
    {
        var mirror = video.Mirror;
        var onDrive = mirror.State == MirrorState.Mirrored && !string.IsNullOrEmpty(mirror.RemoteFileId);
        var what = availability == VideoFileAvailability.Removed
            ? "The local copy of this video was removed from the server by cleanup"
            : "The local copy of this video is missing from the server's store";
        string detail;
        if (onDrive)
        {
            detail = $"{what}. A verified copy is on Google Drive (file id {mirror.RemoteFileId}). An administrator can " +
                $"bring it back with 'videovault restore {video.Id}'; the download works again once it is restored.";
        }
        else if (availability == VideoFileAvailability.Missing)
        {
            detail = $"{what}, and no verified copy is on Google Drive (Drive copy: {WireNames.Of(mirror.State)}), so it " +
                "cannot be restored from there. An administrator can put the original file back where it was and run " +
                "'videovault reconcile', which marks it present again if its size and SHA-256 match the record.";
        }
        else
        {
            detail = $"{what}, and no verified copy is on Google Drive (Drive copy: {WireNames.Of(mirror.State)}), so it " +
                "cannot be restored from there. Ask an administrator.";
        }

        var problem = VideoVaultProblems.Create(StatusCodes.Status410Gone, "Video not available on this server", detail);
        var extensions = problem.ProblemDetails.Extensions;
        extensions["video_id"] = video.Id;
        extensions["filename"] = video.StoredName;
        extensions["local_state"] = availability == VideoFileAvailability.Removed ? WireNames.Of(LocalCopyState.Removed) : WireNames.Of(LocalCopyState.Missing);
        extensions["drive_status"] = WireNames.Of(mirror.State);
        extensions["drive_file_id"] = onDrive ? mirror.RemoteFileId : null;
        return problem;
    }

    /// <summary>Absent, <c>false</c> or <c>0</c>: inline; <c>true</c> or <c>1</c>: attachment; anything else is refused.</summary>
    private static bool TryParseDownload(string? value, out bool attachment)
    {
        switch (value)
        {
            case null or "0":
                attachment = false;
                return true;
            case "1":
                attachment = true;
                return true;
            default:
                return bool.TryParse(value, out attachment);
        }
    }
}
