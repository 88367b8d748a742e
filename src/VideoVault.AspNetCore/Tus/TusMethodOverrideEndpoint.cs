using Microsoft.AspNetCore.Http;
using VideoVault.AspNetCore.Problems;

namespace VideoVault.AspNetCore.Tus;

/// <summary>
/// <c>POST {prefix}/uploads/{id}</c> with <c>X-HTTP-Method-Override</c>: tus says the server MUST treat the request as
/// the method the header names, for clients whose environment cannot send PATCH, DELETE or HEAD.
/// </summary>
internal static class TusMethodOverrideEndpoint
{
    public static Task<IResult> HandleAsync(TusRequest r, string id)
    {
        if (HttpMethods.IsPatch(r.Method))
        {
            return TusPatchEndpoint.HandleAsync(r, id);
        }

        if (HttpMethods.IsDelete(r.Method))
        {
            return TusDeleteEndpoint.HandleAsync(r, id);
        }

        if (HttpMethods.IsHead(r.Method))
        {
            return TusHeadEndpoint.HandleAsync(r, id);
        }

        if (HttpMethods.IsGet(r.Method))
        {
            return TusGetEndpoint.HandleAsync(r, id);
        }

        if (HttpMethods.IsOptions(r.Method))
        {
            return Task.FromResult(TusOptionsEndpoint.Handle(r));
        }

        r.Http.Response.Headers.Allow = "HEAD, GET, PATCH, DELETE, OPTIONS";
        return Task.FromResult(r.RefuseUnread(VideoVaultProblems.MethodNotAllowed(
            $"An upload takes HEAD, GET, PATCH, DELETE and OPTIONS; a POST to it must name one of them in {TusHeaders.MethodOverride}. Create uploads with a POST to the uploads collection.")));
    }
}
