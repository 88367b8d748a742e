using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;

namespace VideoVault.AspNetCore.Endpoints;

/// <summary>Raises Kestrel's request-body limit for one upload request, leaving every other endpoint's limit alone.</summary>
internal static class RequestBodyLimit
{
    /// <summary>
    /// Sets this request's body limit to <paramref name="limit"/>. <see langword="false"/> when something read the body
    /// before the endpoint ran, so the server's limit (<paramref name="current"/>) stays in force.
    /// </summary>
    public static bool TryRaise(HttpContext context, long limit, out long? current)
    {
        var feature = context.Features.Get<IHttpMaxRequestBodySizeFeature>();
        current = feature?.MaxRequestBodySize;
        if (feature is null)
        {
            return true;
        }

        if (feature.IsReadOnly)
        {
            return false;
        }

        feature.MaxRequestBodySize = limit;
        return true;
    }
}
