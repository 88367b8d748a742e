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

    /// <summary>405: the method is not one this route takes (tus's <c>X-HTTP-Method-Override</c> names another).</summary>
    public static ProblemHttpResult MethodNotAllowed(string detail) =>
        Create(StatusCodes.Status405MethodNotAllowed, "Method not allowed", detail);

    /// <summary>409: the request does not fit the resource's state (tus: the offset is not the upload's offset).</summary>
    public static ProblemHttpResult Conflict(string title, string detail) =>
        Create(StatusCodes.Status409Conflict, title, detail);

    /// <summary>410: the resource existed and is gone for good (tus: the upload expired).</summary>
    public static ProblemHttpResult Gone(string detail) =>
        Create(StatusCodes.Status410Gone, "Gone", detail);

    /// <summary>412: a precondition the client set does not hold (tus: a protocol version this server does not speak).</summary>
    public static ProblemHttpResult PreconditionFailed(string detail) =>
        Create(StatusCodes.Status412PreconditionFailed, "Precondition failed", detail);

    /// <summary>415 for a request body of the wrong media type (as opposed to <see cref="NotAVideo"/>, a body that is not a video).</summary>
    public static ProblemHttpResult UnsupportedContentType(string detail) =>
        Create(StatusCodes.Status415UnsupportedMediaType, "Unsupported content type", detail);

    /// <summary>423 (RFC 4918): the resource is locked by another request that is still running.</summary>
    public static ProblemHttpResult Locked(string detail) =>
        Create(StatusCodes.Status423Locked, "Locked", detail);

    /// <summary>460, tus's checksum extension: the body does not match its <c>Upload-Checksum</c>.</summary>
    public static ProblemHttpResult ChecksumMismatch(string detail) =>
        Create(ChecksumMismatchStatus, "Checksum mismatch", detail);

    /// <summary>The status tus's checksum extension defines for a mismatch (not registered with IANA).</summary>
    public const int ChecksumMismatchStatus = 460;

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
        StatusCodes.Status405MethodNotAllowed => "https://tools.ietf.org/html/rfc9110#section-15.5.6",
        StatusCodes.Status409Conflict => "https://tools.ietf.org/html/rfc9110#section-15.5.10",
        StatusCodes.Status410Gone => "https://tools.ietf.org/html/rfc9110#section-15.5.11",
        StatusCodes.Status412PreconditionFailed => "https://tools.ietf.org/html/rfc9110#section-15.5.13",
        StatusCodes.Status413PayloadTooLarge => "https://tools.ietf.org/html/rfc9110#section-15.5.14",
        StatusCodes.Status415UnsupportedMediaType => "https://tools.ietf.org/html/rfc9110#section-15.5.16",
        StatusCodes.Status422UnprocessableEntity => "https://tools.ietf.org/html/rfc9110#section-15.5.21",
        StatusCodes.Status423Locked => "https://tools.ietf.org/html/rfc4918#section-11.3",
        ChecksumMismatchStatus => "https://tus.io/protocols/resumable-upload#checksum",
        StatusCodes.Status507InsufficientStorage => "https://tools.ietf.org/html/rfc4918#section-11.5",
        StatusCodes.Status500InternalServerError => "https://tools.ietf.org/html/rfc9110#section-15.6.1",
        _ => "about:blank",
    };
}
