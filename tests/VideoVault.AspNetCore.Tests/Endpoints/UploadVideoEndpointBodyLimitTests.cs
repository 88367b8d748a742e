using System.Net;
using System.Security.Cryptography;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using VideoVault.AspNetCore.Tests.TestSupport;

namespace VideoVault.AspNetCore.Tests.Endpoints;

/// <summary>
/// The upload endpoint raises Kestrel's per-request body limit for itself only. These hosts leave Kestrel's limits
/// at their defaults (30,000,000 bytes), as the README tells hosts to, and send bodies just over that.
/// </summary>
public sealed class UploadVideoEndpointBodyLimitTests : IAsyncLifetime
{
    private const long KestrelDefaultMaxRequestBodySize = 30_000_000;
    private const long VideoLength = 31_000_000;

    private readonly TempDirectory _root = new();
    private VideoVaultTestHost _host = null!;

    public async Task InitializeAsync() =>
        _host = await VideoVaultTestHost.StartAsync(
            _root.Path,
            options => options.MaxFileSizeBytes = 64L * 1024 * 1024,
            configureApp: app => app.MapPost("/other", async (HttpRequest request) =>
            {
                await request.Body.CopyToAsync(Stream.Null, request.HttpContext.RequestAborted);
                return Results.Ok();
            }));

    public async Task DisposeAsync()
    {
        await _host.DisposeAsync();
        _root.Dispose();
    }

    [Fact]
    public void The_host_keeps_Kestrels_default_body_limit()
    {
        var limits = _host.Services.GetRequiredService<IOptions<KestrelServerOptions>>().Value.Limits;

        limits.MaxRequestBodySize.Should().Be(KestrelDefaultMaxRequestBodySize);
    }

    [Fact]
    public async Task Upload_larger_than_Kestrels_default_body_limit_is_stored()
    {
        using var content = new GeneratedVideoContent(VideoLength, "long take.mp4");
        content.BodyLength.Should().BeGreaterThan(KestrelDefaultMaxRequestBodySize);

        using var response = await _host.Client.PostAsync("/api/upload-video", content);

        var json = await response.JsonAsync(HttpStatusCode.Created);
        json.GetProperty("size_bytes").GetInt64().Should().Be(VideoLength);
        json.GetProperty("sha256").GetString().Should().Be(content.Sha256);
        json.GetProperty("container").GetString().Should().Be("mp4");
        var stored = Path.Combine(_root.Path, json.GetProperty("local_backup").GetString()!);
        new FileInfo(stored).Length.Should().Be(VideoLength);
        await using (var file = File.OpenRead(stored))
        {
            Convert.ToHexStringLower(await SHA256.HashDataAsync(file)).Should().Be(content.Sha256);
        }

        _root.FilesUnder(".incoming").Should().BeEmpty();
    }

    [Fact]
    public async Task Another_endpoint_still_refuses_a_declared_length_over_Kestrels_default_with_413()
    {
        using var socket = await RawHttp.ConnectAsync(_host.BaseAddress);
        await socket.SendAsync(RawHttp.RequestHead(_host.BaseAddress, "/other", "application/octet-stream", KestrelDefaultMaxRequestBodySize + 1));

        var response = await RawHttp.ReadResponseAsync(socket, TimeSpan.FromSeconds(30));

        RawHttp.StatusOf(response).Should().Be(413, "the response was: {0}", response);
    }

    [Fact]
    public async Task Another_endpoint_still_cuts_off_a_chunked_body_that_grows_over_Kestrels_default_with_413()
    {
        ReadOnlyMemory<byte> chunk = TestVideos.Mp4(1024 * 1024);
        var chunks = Enumerable.Repeat(chunk, (int)Math.Ceiling(VideoLength / (double)chunk.Length));

        var response = await RawHttp.PostChunkedAsync(_host.BaseAddress, "/other", "application/octet-stream", chunks);

        RawHttp.StatusOf(response).Should().Be(413, "the response was: {0}", response);
    }

    [Fact]
    public async Task Another_endpoint_accepts_a_body_within_Kestrels_default()
    {
        using var content = new ByteArrayContent(TestVideos.Mp4(1024 * 1024));

        using var response = await _host.Client.PostAsync("/other", content);

        response.StatusCode.Should().Be(HttpStatusCode.OK);
    }
}
