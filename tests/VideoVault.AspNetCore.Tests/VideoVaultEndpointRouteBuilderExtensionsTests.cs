using System.Net;
using Microsoft.AspNetCore.Antiforgery;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Metadata;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using VideoVault.AspNetCore.Tests.TestSupport;

namespace VideoVault.AspNetCore.Tests;

public sealed class VideoVaultEndpointRouteBuilderExtensionsTests
{
    [Fact]
    public async Task Mapping_the_endpoints_without_AddVideoVault_fails_with_a_fix_it_message()
    {
        var builder = WebApplication.CreateSlimBuilder();
        await using var app = builder.Build();

        var map = () => app.MapVideoVaultEndpoints();

        map.Should().Throw<InvalidOperationException>().WithMessage("*AddVideoVault*MapVideoVaultEndpoints*");
    }

    [Fact]
    public async Task Every_endpoint_has_a_name_a_summary_and_response_metadata_and_the_upload_skips_antiforgery()
    {
        using var root = new TempDirectory();
        await using var host = await VideoVaultTestHost.StartAsync(root.Path);

        var endpoints = host.Services.GetRequiredService<EndpointDataSource>().Endpoints.OfType<RouteEndpoint>().ToList();

        endpoints.Select(e => e.RoutePattern.RawText).Should().BeEquivalentTo(
        [
            "/api/upload-video", "/api/videos/list", "/api/videos/storage-stats", "/api/video-info/{filename}",
            // The download: GET and HEAD.
            "/api/videos/{filename}/content", "/api/videos/{filename}/content",
            // tus: POST and OPTIONS on the collection; HEAD, PATCH, DELETE, GET, OPTIONS and POST (method override) on an upload.
            "/api/uploads/", "/api/uploads/",
            "/api/uploads/{id}", "/api/uploads/{id}", "/api/uploads/{id}", "/api/uploads/{id}", "/api/uploads/{id}", "/api/uploads/{id}",
        ]);
        endpoints.Select(e => e.Metadata.GetMetadata<IEndpointNameMetadata>()!.EndpointName).Should().OnlyHaveUniqueItems();
        foreach (var endpoint in endpoints)
        {
            endpoint.Metadata.GetMetadata<IEndpointNameMetadata>()!.EndpointName.Should().StartWith("VideoVault_");
            endpoint.Metadata.GetMetadata<IEndpointSummaryMetadata>()!.Summary.Should().NotBeNullOrWhiteSpace();
            endpoint.Metadata.GetOrderedMetadata<IProducesResponseTypeMetadata>().Select(m => m.StatusCode)
                .Should().Contain(status => status == 200 || status == 201 || status == 204).And.Contain(500);
        }

        var upload = endpoints.Single(e => e.RoutePattern.RawText == "/api/upload-video");
        upload.Metadata.GetMetadata<IAntiforgeryMetadata>()!.RequiresValidation.Should().BeFalse();
        upload.Metadata.GetOrderedMetadata<IProducesResponseTypeMetadata>().Select(m => m.StatusCode)
            .Should().Contain([201, 400, 413, 415, 507]);
    }

    [Fact]
    public async Task The_returned_group_builder_applies_host_conventions_to_every_endpoint()
    {
        using var root = new TempDirectory();
        var builder = WebApplication.CreateSlimBuilder(new WebApplicationOptions { ContentRootPath = root.Path });
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Logging.ClearProviders();
        builder.Services.AddVideoVault(options =>
        {
            options.RootPath = root.Path;
            options.MinFreeSpaceBytes = 0;
        });
        await using var app = builder.Build();
        // Stands in for RequireAuthorization or RequireRateLimiting: a host convention on the returned group.
        app.MapVideoVaultEndpoints("/vault").AddEndpointFilter((context, next) =>
            context.HttpContext.Request.Headers.ContainsKey("X-Key")
                ? next(context)
                : ValueTask.FromResult<object?>(Results.StatusCode(StatusCodes.Status429TooManyRequests)));
        await app.StartAsync();
        using var client = new HttpClient
        {
            BaseAddress = VideoVaultTestHost.BaseAddressOf(app.Services),
        };

        using var refused = await client.GetAsync("/vault/videos/list");
        using var request = new HttpRequestMessage(HttpMethod.Get, "/vault/videos/storage-stats") { Headers = { { "X-Key", "1" } } };
        using var allowed = await client.SendAsync(request);
        using var oldPrefix = await client.GetAsync("/api/videos/list");
        using var tusRefused = await client.SendAsync(new HttpRequestMessage(HttpMethod.Options, "/vault/uploads"));

        refused.StatusCode.Should().Be(HttpStatusCode.TooManyRequests);
        allowed.StatusCode.Should().Be(HttpStatusCode.OK);
        oldPrefix.StatusCode.Should().Be(HttpStatusCode.NotFound);
        tusRefused.StatusCode.Should().Be(HttpStatusCode.TooManyRequests, "the tus routes are in the same group");
        await app.StopAsync();
    }

    [Fact]
    public async Task An_exception_in_the_store_is_a_bare_500_problem_without_the_path_and_is_logged()
    {
        using var root = new TempDirectory();
        var logs = new CollectingLoggerProvider();
        var builder = WebApplication.CreateSlimBuilder(new WebApplicationOptions { ContentRootPath = root.Path });
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Logging.ClearProviders();
        builder.Logging.AddProvider(logs);
        builder.Services.AddSingleton<IVideoStore, FailingVideoStore>();
        builder.Services.AddVideoVault(options => options.RootPath = root.Path);
        await using var app = builder.Build();
        app.MapVideoVaultEndpoints();
        await app.StartAsync();
        using var client = new HttpClient
        {
            BaseAddress = VideoVaultTestHost.BaseAddressOf(app.Services),
        };

        using var stats = await client.GetAsync("/api/videos/storage-stats");
        using var upload = await client.PostAsync("/api/upload-video", new MultipartBody().File("video", "a.mp4", TestVideos.Mp4()).ToContent());

        var problem = await stats.ProblemAsync(HttpStatusCode.InternalServerError);
        (await stats.Content.ReadAsStringAsync()).Should().NotContain(FailingVideoStore.SecretPath);
        problem.GetProperty("detail").GetString().Should().Be("An unexpected error occurred.");
        await upload.ProblemAsync(HttpStatusCode.InternalServerError);
        logs.Entries.Where(e => e.Level == LogLevel.Error && e.Exception is IOException).Should().HaveCount(2);
        await app.StopAsync();
    }

    /// <summary>A store whose disk has failed: every call throws an IOException that names a server path.</summary>
    private sealed class FailingVideoStore : IVideoStore
    {
        public const string SecretPath = "/srv/secret/video-vault/manifest.db";

        public async Task<SaveVideoResult> SaveAsync(VideoUpload upload, CancellationToken cancellationToken = default)
        {
            // Reads a little first, as a real store would, so the failure is the store's and not the body's.
            await upload.Content.ReadAtLeastAsync(new byte[16], 16, throwOnEndOfStream: false, cancellationToken);
            throw Failure();
        }

        public Task<VideoRecord?> FindAsync(string idOrStoredName, CancellationToken cancellationToken = default) => throw Failure();

        public Task<VideoPage> ListAsync(VideoQuery query, CancellationToken cancellationToken = default) => throw Failure();

        public Task<StorageStatistics> GetStatisticsAsync(CancellationToken cancellationToken = default) => throw Failure();

        public Task<Stream?> OpenReadAsync(string idOrStoredName, CancellationToken cancellationToken = default) => throw Failure();

        public Task<DeleteVideoResult> DeleteAsync(string idOrStoredName, CancellationToken cancellationToken = default) => throw Failure();

        private static IOException Failure() => new($"Input/output error : '{SecretPath}'", 5);
    }
}
