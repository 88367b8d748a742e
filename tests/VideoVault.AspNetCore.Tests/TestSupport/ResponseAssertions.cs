using System.Net;
using System.Text.Json;

namespace VideoVault.AspNetCore.Tests.TestSupport;

/// <summary>Reads responses and checks the shapes every client relies on.</summary>
internal static class ResponseAssertions
{
    public static async Task<JsonElement> JsonAsync(this HttpResponseMessage response, HttpStatusCode expected)
    {
        var text = await response.Content.ReadAsStringAsync();
        response.StatusCode.Should().Be(expected, "the body was: {0}", text);
        response.Content.Headers.ContentType?.MediaType.Should().Be("application/json");
        return JsonDocument.Parse(text).RootElement.Clone();
    }

    /// <summary>
    /// Asserts an RFC 9457 problem with <c>success: false</c> and <c>error</c>, that leaks neither a server path
    /// nor a stack trace, and returns it.
    /// </summary>
    public static async Task<JsonElement> ProblemAsync(this HttpResponseMessage response, HttpStatusCode expected, string? root = null)
    {
        var text = await response.Content.ReadAsStringAsync();
        response.StatusCode.Should().Be(expected, "the body was: {0}", text);
        return AssertProblem(text, response.Content.Headers.ContentType?.MediaType, (int)expected, root);
    }

    /// <summary>
    /// Asserts a problem the framework wrote for a host that called <c>AddVideoVaultProblemDetails</c>: it has no
    /// detail, so <c>error</c> carries the title.
    /// </summary>
    public static async Task<JsonElement> FrameworkProblemAsync(this HttpResponseMessage response, HttpStatusCode expected)
    {
        var text = await response.Content.ReadAsStringAsync();
        response.StatusCode.Should().Be(expected, "the body was: {0}", text);
        (response.Content.Headers.ContentType?.MediaType).Should().Be("application/problem+json", "the body was: {0}", text);
        var problem = JsonDocument.Parse(text).RootElement.Clone();
        problem.GetProperty("status").GetInt32().Should().Be((int)expected);
        var title = problem.GetProperty("title").GetString();
        title.Should().NotBeNullOrEmpty();
        problem.GetProperty("success").GetBoolean().Should().BeFalse();
        problem.GetProperty("error").GetString().Should().Be(problem.TryGetProperty("detail", out var detail) ? detail.GetString() : title);
        text.Should().NotContain("   at ").And.NotContain("Exception").And.NotContain(Path.GetTempPath());
        return problem;
    }

    public static JsonElement AssertProblem(string body, string? mediaType, int status, string? root)
    {
        mediaType.Should().Be("application/problem+json");
        var problem = JsonDocument.Parse(body).RootElement.Clone();
        problem.GetProperty("status").GetInt32().Should().Be(status);
        problem.GetProperty("type").GetString().Should().NotBeNullOrEmpty();
        problem.GetProperty("title").GetString().Should().NotBeNullOrEmpty();
        var detail = problem.GetProperty("detail").GetString();
        detail.Should().NotBeNullOrEmpty();
        problem.GetProperty("success").GetBoolean().Should().BeFalse();
        problem.GetProperty("error").GetString().Should().Be(detail);
        body.Should().NotContain("   at ").And.NotContain("Exception").And.NotContain(Path.GetTempPath());
        if (root is not null)
        {
            body.Should().NotContain(root);
        }

        return problem;
    }
}
