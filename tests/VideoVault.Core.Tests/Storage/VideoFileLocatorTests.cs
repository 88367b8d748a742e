namespace VideoVault.Tests.Storage;

/// <summary><c>LocalVideoStore</c> as <see cref="IVideoFileLocator"/>: where a video's file is, or why there is none.</summary>
public sealed class VideoFileLocatorTests : IAsyncLifetime
{
    private readonly TempDirectory _directory = new();
    private StoreHarness _harness = null!;

    public Task InitializeAsync()
    {
        _harness = new StoreHarness(_directory.Path);
        return Task.CompletedTask;
    }

    public async Task DisposeAsync()
    {
        await _harness.DisposeAsync();
        _directory.Dispose();
    }

    private IVideoFileLocator Locator => _harness.Store;

    [Fact]
    public async Task A_stored_video_is_present_at_its_absolute_path_by_id_and_by_stored_name()
    {
        var video = (await _harness.SaveAsync(TestVideos.Mp4(8192), "talk.mp4")).Video!;

        var byId = await Locator.LocateAsync(video.Id);
        var byName = await Locator.LocateAsync(video.StoredName);

        byId.Availability.Should().Be(VideoFileAvailability.Present);
        byId.Video.Should().Be(video);
        byId.PhysicalPath.Should().Be(_harness.FullPath(video));
        Path.IsPathFullyQualified(byId.PhysicalPath!).Should().BeTrue();
        byName.Should().Be(byId);
    }

    [Fact]
    public async Task An_unknown_video_is_not_found()
    {
        var location = await Locator.LocateAsync("0123456789abcdef0123456789abcdef");

        location.Should().Be(VideoFileLocation.NotFound);
    }

    [Theory]
    [InlineData(LocalCopyState.Removed, VideoFileAvailability.Removed)]
    [InlineData(LocalCopyState.Missing, VideoFileAvailability.Missing)]
    public async Task A_local_copy_the_record_says_is_gone_has_no_path(LocalCopyState state, VideoFileAvailability expected)
    {
        var video = (await _harness.SaveAsync(TestVideos.Mp4(8192))).Video!;
        (await _harness.Manifest.SetLocalStateAsync(video.Id, state, VideoEventKind.FileMissing, "test")).Should().BeTrue();

        var location = await Locator.LocateAsync(video.Id);

        location.Availability.Should().Be(expected);
        location.Video!.Id.Should().Be(video.Id);
        location.PhysicalPath.Should().BeNull();
    }

    [Fact]
    public async Task A_file_deleted_by_hand_is_missing_though_its_record_says_present()
    {
        var video = (await _harness.SaveAsync(TestVideos.Mp4(8192))).Video!;
        File.Delete(_harness.FullPath(video));

        var location = await Locator.LocateAsync(video.StoredName);

        location.Availability.Should().Be(VideoFileAvailability.Missing);
        location.Video!.LocalState.Should().Be(LocalCopyState.Present, "the locator reports; reconcile and verify change records");
        location.PhysicalPath.Should().BeNull();
    }
}
