using System.Diagnostics.CodeAnalysis;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using VideoVault;
using VideoVault.AspNetCore.Endpoints;
using VideoVault.AspNetCore.Tus;

namespace Microsoft.AspNetCore.Builder;

/// <summary>Maps the VideoVault HTTP API into an ASP.NET Core host.</summary>
public static class VideoVaultEndpointRouteBuilderExtensions
{
    /// <summary>
    /// Maps the VideoVault endpoints as one route group under <paramref name="prefix"/>:
    /// <c>POST {prefix}/upload-video</c>, <c>GET {prefix}/videos/list</c>, <c>GET {prefix}/videos/storage-stats</c>,
    /// <c>GET {prefix}/video-info/{filename}</c>, <c>GET</c> and <c>HEAD {prefix}/videos/{filename}/content</c> (the
    /// video's bytes, with ranges), and the tus 1.0.0 resumable-upload routes <c>{prefix}/uploads</c>
    /// (POST, OPTIONS) and <c>{prefix}/uploads/{id}</c> (HEAD, PATCH, DELETE, GET).
    /// </summary>
    /// <param name="endpoints">The application or another route builder.</param>
    /// <param name="prefix">The route prefix of the group. Default: <c>/api</c>.</param>
    /// <returns>
    /// The group's builder, so the host can add conventions to every VideoVault endpoint at once, e.g.
    /// <c>.RequireAuthorization()</c>, <c>.RequireRateLimiting("uploads")</c> or <c>.RequireCors(...)</c>.
    /// </returns>
    /// <exception cref="InvalidOperationException">The VideoVault services were not added with <c>AddVideoVault</c>.</exception>
    public static RouteGroupBuilder MapVideoVaultEndpoints(
        this IEndpointRouteBuilder endpoints,
        [StringSyntax("Route")] string prefix = "/api")
    {
        ArgumentNullException.ThrowIfNull(endpoints);
        ArgumentNullException.ThrowIfNull(prefix);

        var isService = endpoints.ServiceProvider.GetService<IServiceProviderIsService>();
        if (isService is null || !isService.IsService(typeof(IVideoStore)))
        {
            throw new InvalidOperationException(
                "The VideoVault services are not registered. Call builder.Services.AddVideoVault() (or " +
                "AddVideoVault(builder.Configuration)) before building the app, then app.MapVideoVaultEndpoints().");
        }

        var trimmed = prefix.Trim().Trim('/');
        var groupPrefix = trimmed.Length == 0 ? string.Empty : "/" + trimmed;
        var group = endpoints.MapGroup(groupPrefix)
            .WithTags("VideoVault");
        group.AddEndpointFilter<UnexpectedErrorFilter>();
        group.ProducesProblem(StatusCodes.Status500InternalServerError);

        UploadVideoEndpoint.Map(group, new PathString(groupPrefix + VideoInfoEndpoint.RoutePrefix));
        ListVideosEndpoint.Map(group);
        StorageStatsEndpoint.Map(group);
        VideoInfoEndpoint.Map(group);
        VideoContentEndpoint.Map(group);
        TusEndpoints.Map(group, groupPrefix, new PathString(groupPrefix + VideoInfoEndpoint.RoutePrefix));
        return group;
    }
}
