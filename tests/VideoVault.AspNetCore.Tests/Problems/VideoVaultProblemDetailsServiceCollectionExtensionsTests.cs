using System.Net;
using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using VideoVault.AspNetCore.Tests.TestSupport;

namespace VideoVault.AspNetCore.Tests.Problems;

public sealed class VideoVaultProblemDetailsServiceCollectionExtensionsTests : IAsyncLifetime
{
    private readonly TempDirectory _root = new();
    private VideoVaultTestHost _host = null!;

    public async Task InitializeAsync() =>
        _host = await VideoVaultTestHost.StartAsync(
            _root.Path,
            configureHost: builder =>
            {
                // A customisation the host made first must survive the helper.
                builder.Services.AddProblemDetails(o => o.CustomizeProblemDetails = c => c.ProblemDetails.Extensions["host"] = "kept");
                builder.Services.AddVideoVaultProblemDetails();
                builder.Services.AddVideoVaultProblemDetails();
            },
            configureApp: app =>
            {
                app.UseExceptionHandler();
                app.UseStatusCodePages();
                app.MapGet("/api/boom", string () => throw new InvalidOperationException("secret /srv/path"));
            });

    public async Task DisposeAsync()
    {
        await _host.DisposeAsync();
        _root.Dispose();
    }

    [Fact]
    public async Task Unknown_path_under_the_prefix_is_a_404_problem_with_success_false()
    {
        using var response = await _host.Client.GetAsync("/api/nope");

        var problem = await response.FrameworkProblemAsync(HttpStatusCode.NotFound);
        problem.GetProperty("error").GetString().Should().Be("Not Found");
        problem.GetProperty("host").GetString().Should().Be("kept");
    }

    [Fact]
    public async Task Wrong_method_on_the_upload_endpoint_is_a_405_problem_with_success_false()
    {
        using var response = await _host.Client.GetAsync("/api/upload-video");

        (await response.FrameworkProblemAsync(HttpStatusCode.MethodNotAllowed)).GetProperty("error").GetString().Should().Be("Method Not Allowed");
        response.Content.Headers.Allow.Should().Equal("POST");
    }

    [Fact]
    public async Task Unhandled_exception_in_a_host_endpoint_is_a_500_problem_without_the_exception_text()
    {
        using var response = await _host.Client.GetAsync("/api/boom");

        await response.FrameworkProblemAsync(HttpStatusCode.InternalServerError);
        (await response.Content.ReadAsStringAsync()).Should().NotContain("secret").And.NotContain("/srv/path");
    }

    [Fact]
    public async Task VideoVault_problems_get_no_members_from_the_helper()
    {
        // The host's own customisation still applies to them, as it would without the helper; the service's traceId
        // does not.
        using var notFound = await _host.Client.GetAsync("/api/video-info/nothing-here.mp4");
        using var notMultipart = await _host.Client.PostAsync("/api/upload-video", new StringContent("x"));

        foreach (var (response, status) in new[] { (notFound, HttpStatusCode.NotFound), (notMultipart, HttpStatusCode.BadRequest) })
        {
            var problem = await response.ProblemAsync(status, _root.Path);
            problem.EnumerateObject().Select(member => member.Name)
                .Should().Equal("type", "title", "status", "detail", "success", "error", "host");
        }
    }

    [Fact]
    public void Adding_the_problem_details_registers_the_service()
    {
        var services = new ServiceCollection().AddVideoVaultProblemDetails();

        using var provider = services.BuildServiceProvider();
        provider.GetService<IProblemDetailsService>().Should().NotBeNull();
    }
}
