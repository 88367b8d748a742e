using System.Globalization;
using System.Net;
using VideoVault.AspNetCore.Tests.Samples;
using VideoVault.AspNetCore.Tests.TestSupport;

namespace VideoVault.AspNetCore.Tests.Tus;

/// <summary>A real ENOSPC under a tus PATCH: the sample host in its own mount namespace over a 24 MiB tmpfs.</summary>
public sealed class TusFullDiskTests
{
    [Fact]
    public async Task A_disk_that_fills_up_mid_PATCH_is_a_507_problem_and_the_bytes_acknowledged_before_are_kept()
    {
        using var root = new TempDirectory();
        var store = Path.Combine(root.Path, "store");
        Directory.CreateDirectory(store);
        await using var host = await SampleHostProcess.StartAsync(
            new Dictionary<string, string>
            {
                ["VideoVault__RootPath"] = store,
                ["VideoVault__MaxFileSizeBytes"] = (100L << 20).ToString(CultureInfo.InvariantCulture),
                ["VideoVault__MinFreeSpaceBytes"] = "0",
            },
            tmpfsRoot: (store, 24L << 20));
        var uploads = new Uri(host.BaseAddress, "/api/uploads");
        using var client = TusClient.Create();
        var video = TestVideos.Mp4(40 << 20, seed: 40);

        // A deferred length, so the free-space check at creation has nothing to refuse: only the writes can fail.
        var upload = await client.CreateUploadAsync(uploads, length: null, TusClient.Metadata(("filename", "huge.mp4")));
        using (var first = await client.PatchAsync(upload, 0, video.AsMemory(0, 1 << 20)))
        {
            first.StatusCode.Should().Be(HttpStatusCode.NoContent, "the body was: {0}", await first.Content.ReadAsStringAsync());
        }

        using var full = await client.PatchAsync(upload, 1 << 20, video.AsMemory(1 << 20));
        var offset = await client.OffsetAsync(upload);

        await full.ProblemAsync(HttpStatusCode.InsufficientStorage, store);
        TusClient.Header(full, "Tus-Resumable").Should().Be("1.0.0");
        offset.Should().BeGreaterThanOrEqualTo(1 << 20, "the bytes acknowledged before the disk filled up stay durable")
            .And.BeLessThan(24L << 20);

        // Terminating the stuck upload frees its space, and the next upload goes through.
        using var deleted = await client.DeleteAsync(upload);
        deleted.StatusCode.Should().Be(HttpStatusCode.NoContent);
        var small = TestVideos.Mp4(1 << 20, seed: 41);
        var next = await client.CreateUploadAsync(uploads, small.Length, TusClient.Metadata(("filename", "after.mp4")));
        using var stored = await client.PatchAsync(next, 0, small);
        stored.StatusCode.Should().Be(HttpStatusCode.NoContent, "the body was: {0}", await stored.Content.ReadAsStringAsync());
        TusClient.Header(stored, "VideoVault-Video-Id").Should().NotBeNull();
    }
}
