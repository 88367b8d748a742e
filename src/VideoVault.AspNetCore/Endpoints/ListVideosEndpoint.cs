using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Routing;
using VideoVault.AspNetCore.Json;
using VideoVault.AspNetCore.Problems;

namespace VideoVault.AspNetCore.Endpoints;

/// <summary><c>GET {prefix}/videos/list</c>: one page of videos, newest first, filtered.</summary>
internal sealed class ListVideosEndpoint
{
    public const string Name = "VideoVault_ListVideos";

    public static RouteHandlerBuilder Map(IEndpointRouteBuilder group) =>
        group.MapGet("/videos/list", ([FromServices] IVideoStore store, HttpRequest request, CancellationToken cancellationToken) =>
                HandleAsync(request, store, cancellationToken))
            .WithName(Name)
            .WithSummary("List stored videos, newest first.")
            .WithDescription(
                "Query: limit (1..1000, default 50); cursor (from next_cursor) or page (1-based); search; category; " +
                "drive_status (disabled, pending, uploading, mirrored, retrying, failed); since and until (ISO 8601 " +
                "date or instant; a plain 'until' date includes that whole day).")
            .Produces<VideoListJson>(StatusCodes.Status200OK)
            .ProducesProblem(StatusCodes.Status400BadRequest);

    internal static async Task<Results<JsonHttpResult<VideoListJson>, ProblemHttpResult>> HandleAsync(
        HttpRequest request, IVideoStore store, CancellationToken cancellationToken)
    {
        if (!ListVideosRequest.TryParse(request.Query, out var parsed, out var error))
        {
            return VideoVaultProblems.BadRequest(error);
        }

        VideoPage page;
        try
        {
            page = await store.ListAsync(parsed.Query, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception ex) when (parsed.Query.Cursor is not null && ex is ArgumentException or FormatException)
        {
            // Cursors are opaque: a hand-made or stale one is the client's mistake, not a server fault.
            return VideoVaultProblems.BadRequest("'cursor' is not a cursor this server issued.");
        }

        return TypedResults.Json(
            new VideoListJson
            {
                Videos = page.Videos.Select(VideoJsonMapper.ToListItem).ToList(),
                Total = page.Total,
                Limit = parsed.Query.Limit,
                NextCursor = page.NextCursor,
                Page = parsed.Page,
            },
            VideoVaultJsonContext.Default.VideoListJson);
    }
}
