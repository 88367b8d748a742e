using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;
using VideoVault.AspNetCore.Problems;

namespace VideoVault.AspNetCore.Endpoints;

/// <summary>
/// Turns an exception escaping a VideoVault handler into a bare 500 problem (the exception is logged, never sent: its
/// message may hold a server path). A client that went away gets no response and no error log.
/// </summary>
internal sealed partial class UnexpectedErrorFilter(ILogger<UnexpectedErrorFilter> logger) : IEndpointFilter
{
    public async ValueTask<object?> InvokeAsync(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(next);
        var httpContext = context.HttpContext;
        try
        {
            return await next(context).ConfigureAwait(false);
        }
        catch (Exception ex) when (httpContext.RequestAborted.IsCancellationRequested && ex is OperationCanceledException or IOException)
        {
            Log.ClientGone(logger, httpContext.Request.Path);
            return TypedResults.Empty;
        }
        catch (Exception ex) when (!httpContext.Response.HasStarted)
        {
            Log.Unexpected(logger, ex, httpContext.Request.Method, httpContext.Request.Path);
            return VideoVaultProblems.Unexpected();
        }
    }
}
