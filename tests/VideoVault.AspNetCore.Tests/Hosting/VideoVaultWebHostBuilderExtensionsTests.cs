using System.Buffers;
using System.Net;
using System.Security.Cryptography;
using Microsoft.AspNetCore.Connections;
using Microsoft.Extensions.DependencyInjection;
using VideoVault.AspNetCore.Hosting;
using VideoVault.AspNetCore.Tests.TestSupport;

namespace VideoVault.AspNetCore.Tests.Hosting;

public sealed class VideoVaultWebHostBuilderExtensionsTests : IDisposable
{
    private readonly TempDirectory _root = new();

    public void Dispose() => _root.Dispose();

    [Fact]
    public async Task Tuned_Kestrel_reads_uploads_through_the_large_block_pool_and_stores_them_intact()
    {
        await using var host = await VideoVaultTestHost.StartAsync(_root.Path, tuneKestrel: true);
        var video = TestVideos.Mp4(3 << 20);

        var stored = await host.Client.UploadAsync("tuned.mp4", video);

        var factory = host.Services.GetRequiredService<IMemoryPoolFactory<byte>>();
        factory.Should().BeOfType<LargeBlockMemoryPoolFactory>();
        ((LargeBlockMemoryPoolFactory)factory).BlocksRented.Should().BePositive("Kestrel's socket transport must have used the pool");
        stored.GetProperty("sha256").GetString().Should().Be(Convert.ToHexStringLower(SHA256.HashData(video)));
        using var info = await host.Client.GetAsync("/api/video-info/" + stored.GetProperty("video_id").GetString());
        info.StatusCode.Should().Be(HttpStatusCode.OK);
    }

    [Fact]
    public async Task Untuned_hosts_keep_Kestrels_own_pool()
    {
        await using var host = await VideoVaultTestHost.StartAsync(_root.Path);

        host.Services.GetService<IMemoryPoolFactory<byte>>().Should().NotBeOfType<LargeBlockMemoryPoolFactory>();
    }
}
