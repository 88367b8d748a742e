using System.Net;
using VideoVault.AspNetCore.Tests.TestSupport;

namespace VideoVault.AspNetCore.Tests.Endpoints;

public sealed class VideoInfoEndpointTests : IAsyncLifetime
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
    public async Task Info_by_stored_name_and_by_id_describe_the_same_video()
    {
        var uploaded = await _host.Client.UploadAsync("my talk.mp4", TestVideos.Mp4(), "Talk");
        var name = uploaded.GetProperty("filename").GetString()!;
        var id = uploaded.GetProperty("video_id").GetString()!;

        using var byName = await _host.Client.GetAsync("/api/video-info/" + Uri.EscapeDataString(name));
        using var byId = await _host.Client.GetAsync("/api/video-info/" + id);

        var fromName = await byName.JsonAsync(HttpStatusCode.OK);
        var fromId = await byId.JsonAsync(HttpStatusCode.OK);
        fromName.GetProperty("success").GetBoolean().Should().BeTrue();
        fromName.GetProperty("video_id").GetString().Should().Be(id);
        fromId.GetProperty("filename").GetString().Should().Be(name);
        fromId.GetRawText().Should().Be(fromName.GetRawText());
    }

    [Theory]
    [InlineData("nothing-here.mp4")]
    [InlineData("0123456789abcdef0123456789abcdef")]
    [InlineData("..%2F..%2Fmanifest.db")]
    public async Task Info_of_an_unknown_video_is_a_404_problem(string name)
    {
        using var response = await _host.Client.GetAsync("/api/video-info/" + name);

        await response.ProblemAsync(HttpStatusCode.NotFound, _root.Path);
    }
}
