using System.Text.Json;
using Microsoft.AspNetCore.Http;

namespace VideoVault.FakeDrive.Protocol;

/// <summary>Writes the error bodies Google APIs answer with.</summary>
internal static class GoogleErrors
{
    public static Task WriteAsync(HttpContext context, int statusCode, string reason, string message, string domain = "global",
        TimeSpan? retryAfter = null, string? location = null, string? locationType = null)
    {
        context.Response.StatusCode = statusCode;
        if (retryAfter is { } delay)
        {
            context.Response.Headers.RetryAfter = ((long)Math.Ceiling(delay.TotalSeconds)).ToString(System.Globalization.CultureInfo.InvariantCulture);
        }

        if (statusCode == 401)
        {
            context.Response.Headers.WWWAuthenticate = "Bearer realm=\"https://accounts.google.com/\"";
        }

        var item = new Dictionary<string, string> { ["domain"] = domain, ["reason"] = reason, ["message"] = message };
        if (location is not null)
        {
            item["location"] = location;
            item["locationType"] = locationType ?? "parameter";
        }

        var body = new { error = new { code = statusCode, message, errors = new[] { item } } };
        context.Response.ContentType = "application/json; charset=UTF-8";
        return context.Response.WriteAsync(JsonSerializer.Serialize(body), context.RequestAborted);
    }

    public static Task WriteOAuthAsync(HttpContext context, string error, string description)
    {
        context.Response.StatusCode = 400;
        context.Response.ContentType = "application/json; charset=UTF-8";
        return context.Response.WriteAsync(
            JsonSerializer.Serialize(new Dictionary<string, string> { ["error"] = error, ["error_description"] = description }),
            context.RequestAborted);
    }

    public static Task BadRequestAsync(HttpContext context, string message, string? location = null) =>
        WriteAsync(context, 400, location is null ? "badRequest" : "invalid", message, location: location);

    public static Task NotFoundAsync(HttpContext context, string fileId) =>
        WriteAsync(context, 404, "notFound", $"File not found: {fileId}.", location: "fileId");

    /// <summary>The 404 of a session URI Drive no longer knows (expired, or never issued).</summary>
    public static Task SessionNotFoundAsync(HttpContext context) =>
        WriteAsync(context, 404, "notFound", "Upload session not found or expired.");

    /// <summary>The 409 of a create with an id some file already has.</summary>
    public static Task DuplicateIdAsync(HttpContext context) =>
        WriteAsync(context, 409, "duplicate", "A file already exists with the provided ID.");

    /// <summary>The 401 of a bearer token Drive does not (or no longer) accept.</summary>
    public static Task InvalidCredentialsAsync(HttpContext context) =>
        WriteAsync(context, 401, "authError", "Invalid Credentials", location: "Authorization", locationType: "header");
}
