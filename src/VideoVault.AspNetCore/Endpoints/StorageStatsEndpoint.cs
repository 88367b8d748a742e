using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Routing;
using VideoVault.AspNetCore.Json;

namespace VideoVault.AspNetCore.Endpoints;

/// <summary><c>GET {prefix}/videos/storage-stats</c>: totals, counts by mirror state and category, free disk.</summary>
internal sealed class StorageStatsEndpoint
{
    public const string Name = "VideoVault_GetStorageStats";

    public static RouteHandlerBuilder Map(IEndpointRouteBuilder group) =>
        group.MapGet("/videos/storage-stats", ([FromServices] IVideoStore store, CancellationToken cancellationToken) =>
                HandleAsync(store, cancellationToken))
            .WithName(Name)
            .WithSummary("Storage statistics: totals, counts by mirror state and category, free disk space.")
            .Produces<StorageStatsJson>(StatusCodes.Status200OK);

    internal static async Task<JsonHttpResult<StorageStatsJson>> HandleAsync(IVideoStore store, CancellationToken cancellationToken)
    {
        var statistics = await store.GetStatisticsAsync(cancellationToken).ConfigureAwait(false);
        return TypedResults.Json(VideoJsonMapper.ToJson(statistics), VideoVaultJsonContext.Default.StorageStatsJson);
    }
}
