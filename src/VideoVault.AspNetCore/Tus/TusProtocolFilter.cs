using Microsoft.AspNetCore.Http;
using VideoVault.AspNetCore.Problems;

namespace VideoVault.AspNetCore.Tus;

/// <summary>
/// tus's version negotiation for every route under <c>{prefix}/uploads</c>: <c>Tus-Resumable: 1.0.0</c> on every
/// response, and every request but OPTIONS must carry it with that value, else 412 with <c>Tus-Version</c> and nothing
/// else done (the specification says MUST, for a missing header as for another version).
/// </summary>
internal sealed class TusProtocolFilter : IEndpointFilter
{
    public ValueTask<object?> InvokeAsync(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(next);
        var http = context.HttpContext;
        http.Response.Headers[TusHeaders.TusResumable] = TusHeaders.Version;

        var method = TusRequest.EffectiveMethod(http.Request);
        if (HttpMethods.IsOptions(method))
        {
            return next(context);
        }

        var version = http.Request.Headers[TusHeaders.TusResumable];
        if (version.Count == 1 && string.Equals(version[0]?.Trim(), TusHeaders.Version, StringComparison.Ordinal))
        {
            return next(context);
        }

        http.Response.Headers[TusHeaders.TusVersion] = TusHeaders.Version;
        var problem = VideoVaultProblems.PreconditionFailed(
            version.Count == 0
                ? $"Send the header {TusHeaders.TusResumable}: {TusHeaders.Version} (tus 1.0.0) with every request but OPTIONS."
                : $"This server speaks tus {TusHeaders.Version} only; send {TusHeaders.TusResumable}: {TusHeaders.Version}.");
        return ValueTask.FromResult<object?>(TusRequest.WithoutBodyFor(method, problem));
    }
}
