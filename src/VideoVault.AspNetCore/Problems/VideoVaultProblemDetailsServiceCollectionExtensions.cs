using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;

namespace Microsoft.Extensions.DependencyInjection;

/// <summary>Makes the host's own error responses look like VideoVault's.</summary>
public static class VideoVaultProblemDetailsServiceCollectionExtensions
{
    private const string SuccessMember = "success";
    private const string ErrorMember = "error";
    private const string TraceIdMember = "traceId";

    /// <summary>
    /// Adds ASP.NET Core's problem details service with <c>"success": false</c> and <c>"error"</c> (the detail, else
    /// the title) on every problem it writes, the two members VideoVault's own problems carry and its clients read.
    /// With <c>app.UseExceptionHandler()</c> and <c>app.UseStatusCodePages()</c> this turns the empty responses the
    /// framework produces (a 404 for an unknown path under your prefix, a 405 for a wrong method, a 500 from an
    /// unhandled exception) into RFC 9457 problems. VideoVault's own problems go out exactly as without it (the
    /// service adds no <c>traceId</c> to them).
    /// </summary>
    /// <param name="services">The host's services.</param>
    /// <returns>The same services.</returns>
    /// <remarks>
    /// A customisation the host set earlier with <c>AddProblemDetails(o =&gt; o.CustomizeProblemDetails = ...)</c>
    /// still runs first; one set after this call replaces it.
    /// </remarks>
    public static IServiceCollection AddVideoVaultProblemDetails(this IServiceCollection services)
    {
        ArgumentNullException.ThrowIfNull(services);
        return services.AddProblemDetails(options =>
        {
            var previous = options.CustomizeProblemDetails;
            options.CustomizeProblemDetails = context =>
            {
                // Only VideoVault's own problems (and any shaped like them) arrive already carrying "success".
                var complete = context.ProblemDetails.Extensions.ContainsKey(SuccessMember);
                previous?.Invoke(context);
                AddVideoVaultMembers(context.ProblemDetails, complete);
            };
        });
    }

    private static void AddVideoVaultMembers(ProblemDetails problem, bool complete)
    {
        if (complete)
        {
            // The service's defaults add a traceId to every problem it writes; without it VideoVault's problems went
            // out with exactly their own members, and clients may compare them whole.
            problem.Extensions.Remove(TraceIdMember);
            return;
        }

        problem.Extensions[SuccessMember] = false;
        problem.Extensions[ErrorMember] = problem.Detail ?? problem.Title;
    }
}
