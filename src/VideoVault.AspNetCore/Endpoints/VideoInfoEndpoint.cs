using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Routing;
using VideoVault.AspNetCore.Json;
using VideoVault.AspNetCore.Problems;

namespace VideoVault.AspNetCore.Endpoints;

/// <summary><c>GET {prefix}/video-info/{filename}</c>: one video by stored name or id.</summary>
internal sealed class VideoInfoEndpoint
{
    public const string Name = "VideoVault_GetVideoInfo";
    public const string RoutePrefix = "/video-info";

    public static RouteHandlerBuilder Map(IEndpointRouteBuilder group) =>
        group.MapGet(RoutePrefix + "/{filename}", ([FromServices] IVideoStore store, string filename, CancellationToken cancellationToken) =>
                HandleAsync(filename, store, cancellationToken))
            .WithName(Name)
            .WithSummary("Describe one video by its stored file name or its id.")
            .Produces<VideoResultJson>(StatusCodes.Status200OK)
            .ProducesProblem(StatusCodes.Status404NotFound);

    internal static async Task<Results<JsonHttpResult<VideoResultJson>, ProblemHttpResult>> HandleAsync(
        string filename, IVideoStore store, CancellationToken cancellationToken)
    {
        var video = await store.FindAsync(filename, cancellationToken).ConfigureAwait(false);
        if (video is null)
        {
            // The name is not echoed: it is client input and the detail may be shown as HTML by a careless page.
            return VideoVaultProblems.NotFound("No video with that file name or id.");
        }

        return TypedResults.Json(VideoJsonMapper.ToResult(video), VideoVaultJsonContext.Default.VideoResultJson);
    }
}
