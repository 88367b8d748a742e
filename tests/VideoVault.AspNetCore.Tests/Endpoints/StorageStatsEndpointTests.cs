using System.Net;
using System.Text.Json;
using VideoVault.AspNetCore.Tests.TestSupport;

namespace VideoVault.AspNetCore.Tests.Endpoints;

public sealed class StorageStatsEndpointTests : IAsyncLifetime
{
    private readonly TempDirectory _root = new();
    private VideoVaultTestHost _host = null!;

    public async Task InitializeAsync() => _host = await VideoVaultTestHost.StartAsync(_root.Path);

    public async Task DisposeAsync()
    {
        await _host.DisposeAsync();
        _root.Dispose();
    }

    [Fact]
    public async Task Stats_of_an_empty_store_are_zero_with_every_mirror_state_listed()
    {
        var json = await StatsAsync();

        json.GetProperty("success").GetBoolean().Should().BeTrue();
        json.GetProperty("total_videos").GetInt64().Should().Be(0);
        json.GetProperty("total_size_bytes").GetInt64().Should().Be(0);
        json.GetProperty("oldest").ValueKind.Should().Be(JsonValueKind.Null);
        json.GetProperty("newest").ValueKind.Should().Be(JsonValueKind.Null);
        json.GetProperty("by_drive_status").EnumerateObject().Select(p => p.Name)
            .Should().BeEquivalentTo("disabled", "pending", "uploading", "mirrored", "retrying", "failed");
        json.GetProperty("by_category").EnumerateObject().Should().BeEmpty();
        json.GetProperty("disk_free_bytes").GetInt64().Should().BePositive();
    }

    [Fact]
    public async Task Stats_count_videos_bytes_categories_and_mirror_states()
    {
        var sizes = new[] { 300 * 1024, 500 * 1024, 250 * 1024 };
        await _host.Client.UploadAsync("a.mp4", TestVideos.Mp4(sizes[0], seed: 1), "Tutorial");
        await _host.Client.UploadAsync("b.webm", TestVideos.WebM(sizes[1], seed: 2), "Lecture");
        await _host.Client.UploadAsync("c.avi", TestVideos.Avi(sizes[2], seed: 3), "Tutorial");

        var json = await StatsAsync();

        json.GetProperty("total_videos").GetInt64().Should().Be(3);
        json.GetProperty("total_size_bytes").GetInt64().Should().Be(sizes.Sum());
        json.GetProperty("total_size_mb").GetDouble().Should().Be(Math.Round(sizes.Sum() / 1048576.0, 2));
        json.GetProperty("by_drive_status").GetProperty("disabled").GetInt64().Should().Be(3);
        json.GetProperty("by_drive_status").GetProperty("pending").GetInt64().Should().Be(0);
        json.GetProperty("by_category").GetProperty("Tutorial").GetInt64().Should().Be(2);
        json.GetProperty("by_category").GetProperty("Lecture").GetInt64().Should().Be(1);
        json.GetProperty("mirror_backlog").GetInt64().Should().Be(0);
        json.GetProperty("oldest").GetDateTimeOffset().Should().BeOnOrBefore(json.GetProperty("newest").GetDateTimeOffset());
    }

    private async Task<JsonElement> StatsAsync()
    {
        using var response = await _host.Client.GetAsync("/api/videos/storage-stats");
        return await response.JsonAsync(HttpStatusCode.OK);
    }
}
