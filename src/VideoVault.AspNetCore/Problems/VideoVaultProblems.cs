using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;

namespace VideoVault.AspNetCore.Problems;

/// <summary>
/// RFC 9457 problem details for every refusal and failure. They also carry <c>"success": false</c> and
/// <c>"error"</c> (the detail) so the seed's frontend, which reads those two members, keeps working. The detail is
/// always one of our own client-safe texts, never exception text (which may hold a server path).
/// </summary>
internal static class VideoVaultProblems
{
    public static ProblemHttpResult BadRequest(string detail) =>
        Create(StatusCodes.Status400BadRequest, "Bad request", detail);

    public static ProblemHttpResult NotFound(string detail) =>
        Create(StatusCodes.Status404NotFound, "Not found", detail);

    public static ProblemHttpResult TooLarge(string detail) =>
        Create(StatusCodes.Status413PayloadTooLarge, "Upload too large", detail);

    public static ProblemHttpResult NotAVideo(string detail) =>
        Create(StatusCodes.Status415UnsupportedMediaType, "Not a supported video", detail);

    /// <summary>RFC 9110 §15.5.21 and the idempotency-key draft: the request is understood, but its key belongs to other bytes.</summary>
    public static ProblemHttpResult IdempotencyKeyConflict(string detail) =>
        Create(StatusCodes.Status422UnprocessableEntity, "Idempotency key reused", detail);

    public static ProblemHttpResult InsufficientStorage(string detail) =>
        Create(StatusCodes.Status507InsufficientStorage, "Insufficient storage", detail);

    public static ProblemHttpResult Unexpected() =>
        Create(StatusCodes.Status500InternalServerError, "Internal server error", "An unexpected error occurred.");

    public static ProblemHttpResult Create(int status, string title, string detail)
    {
        var problem = new ProblemDetails
        {
            Type = TypeOf(status),
            Title = title,
            Status = status,
            Detail = detail,
        };
        problem.Extensions["success"] = false;
        problem.Extensions["error"] = detail;
        return TypedResults.Problem(problem);
    }

    private static string TypeOf(int status) => status switch
    {
        StatusCodes.Status400BadRequest => "https://tools.ietf.org/html/rfc9110#section-15.5.1",
        StatusCodes.Status404NotFound => "https://tools.ietf.org/html/rfc9110#section-15.5.5",
        StatusCodes.Status408RequestTimeout => "https://tools.ietf.org/html/rfc9110#section-15.5.9",
        StatusCodes.Status413PayloadTooLarge => "https://tools.ietf.org/html/rfc9110#section-15.5.14",
        StatusCodes.Status415UnsupportedMediaType => "https://tools.ietf.org/html/rfc9110#section-15.5.16",
        StatusCodes.Status422UnprocessableEntity => "https://tools.ietf.org/html/rfc9110#section-15.5.21",
        StatusCodes.Status507InsufficientStorage => "https://tools.ietf.org/html/rfc4918#section-11.5",
        StatusCodes.Status500InternalServerError => "https://tools.ietf.org/html/rfc9110#section-15.6.1",
        _ => "about:blank",
    };
}
