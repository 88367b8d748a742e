using System.Security.Cryptography;

namespace VideoVault.Tests.Storage;

/// <summary>A store under test, fresh per test, with a small size limit.</summary>
public interface IVideoStoreFixture : IAsyncDisposable
{
    /// <summary>The store.</summary>
    IVideoStore Store { get; }

    /// <summary>The store's <see cref="VideoVaultOptions.MaxFileSizeBytes"/>.</summary>
    long MaxFileSizeBytes { get; }
}

/// <summary>What every <see cref="IVideoStore"/> implementation must do, whatever it stores on.</summary>
public abstract class VideoStoreContractTests<TFixture>
    where TFixture : IVideoStoreFixture, new()
{
    [Fact]
    public async Task Saved_video_can_be_found_by_id_and_by_stored_name()
    {
        await using var fixture = new TFixture();
        var result = await fixture.Store.SaveAsync(Upload(TestVideos.Mp4(), "holiday.mp4", "Family"));

        result.Outcome.Should().Be(SaveVideoOutcome.Stored);
        var video = result.Video!;
        video.Id.Should().MatchRegex("^[0-9a-f]{32}$");
        video.Category.Should().Be("Family");
        video.OriginalFileName.Should().Be("holiday.mp4");
        video.Container.Should().Be(VideoContainer.Mp4);
        video.MimeType.Should().Be("video/mp4");
        (await fixture.Store.FindAsync(video.Id)).Should().BeEquivalentTo(video);
        (await fixture.Store.FindAsync(video.StoredName)).Should().BeEquivalentTo(video);
    }

    [Fact]
    public async Task Saved_video_reads_back_byte_for_byte_with_the_recorded_hash()
    {
        await using var fixture = new TFixture();
        var content = TestVideos.WebM(3 << 20);

        var video = (await fixture.Store.SaveAsync(Upload(content, "talk.webm"))).Video!;

        video.SizeBytes.Should().Be(content.Length);
        video.Sha256.Should().Be(Convert.ToHexStringLower(SHA256.HashData(content)));
        await using var stream = await fixture.Store.OpenReadAsync(video.Id);
        using var copy = new MemoryStream();
        await stream!.CopyToAsync(copy);
        copy.ToArray().Should().Equal(content);
    }

    [Fact]
    public async Task Text_file_named_mp4_is_refused_as_not_a_video()
    {
        await using var fixture = new TFixture();

        var result = await fixture.Store.SaveAsync(Upload(TestVideos.Text(), "notes.mp4"));

        result.Outcome.Should().Be(SaveVideoOutcome.UnsupportedContainer);
        result.Reason.Should().NotBeNullOrWhiteSpace();
        (await fixture.Store.ListAsync(new VideoQuery())).Total.Should().Be(0);
    }

    [Fact]
    public async Task Empty_upload_is_refused()
    {
        await using var fixture = new TFixture();

        var result = await fixture.Store.SaveAsync(Upload([], "empty.mp4"));

        result.Outcome.Should().Be(SaveVideoOutcome.UnsupportedContainer);
    }

    [Fact]
    public async Task Declared_length_over_the_limit_is_refused_before_the_body_is_read()
    {
        await using var fixture = new TFixture();

        var result = await fixture.Store.SaveAsync(new VideoUpload(new UnreadableStream(), "big.mp4") { DeclaredLength = fixture.MaxFileSizeBytes + 1 });

        result.Outcome.Should().Be(SaveVideoOutcome.TooLarge);
    }

    [Fact]
    public async Task Body_longer_than_the_limit_is_refused_while_streaming()
    {
        await using var fixture = new TFixture();

        var result = await fixture.Store.SaveAsync(Upload(TestVideos.Mp4((int)fixture.MaxFileSizeBytes + 1), "big.mp4"));

        result.Outcome.Should().Be(SaveVideoOutcome.TooLarge);
        (await fixture.Store.ListAsync(new VideoQuery())).Total.Should().Be(0);
    }

    [Fact]
    public async Task Body_of_exactly_the_limit_is_stored()
    {
        await using var fixture = new TFixture();

        var result = await fixture.Store.SaveAsync(Upload(TestVideos.Mp4((int)fixture.MaxFileSizeBytes), "edge.mp4"));

        result.Outcome.Should().Be(SaveVideoOutcome.Stored);
    }

    [Fact]
    public async Task Extension_comes_from_the_detected_container_not_the_client()
    {
        await using var fixture = new TFixture();

        var video = (await fixture.Store.SaveAsync(Upload(TestVideos.WebM(), "clip.mp4.exe"))).Video!;

        video.StoredName.Should().EndWith(".webm");
        video.Container.Should().Be(VideoContainer.WebM);
        video.OriginalFileName.Should().Be("clip.mp4.exe");
    }

    [Theory]
    [InlineData("../../x.mp4")]
    [InlineData(@"C:\x\..\a.mp4")]
    [InlineData("a\0b.mp4")]
    [InlineData("evil\u202Egnp.mp4")]
    [InlineData("CON.mp4")]
    [InlineData("e\u0301.mp4")]
    public async Task Upload_with_a_hostile_name_is_stored_under_a_generated_name(string hostile)
    {
        await using var fixture = new TFixture();

        var video = (await fixture.Store.SaveAsync(Upload(TestVideos.Mp4(), hostile))).Video!;

        video.StoredName.Should().MatchRegex(@"^\d{8}_\d{6}_General_[^/\\\0\u202E]+\.mp4$");
        video.RelativePath.Should().StartWith("videos/").And.EndWith("/" + video.StoredName).And.NotContain("..");
        video.OriginalFileName.Should().NotContainAny("/", "\\", "\0", "\u202E");
    }

    [Fact]
    public async Task Upload_with_a_300_character_name_is_stored_under_a_capped_name()
    {
        await using var fixture = new TFixture();

        var video = (await fixture.Store.SaveAsync(Upload(TestVideos.Mp4(), new string('n', 300) + ".mp4"))).Video!;

        System.Text.Encoding.UTF8.GetByteCount(video.StoredName).Should().BeLessThanOrEqualTo(200);
    }

    [Fact]
    public async Task Same_name_saved_twice_gives_two_distinct_videos()
    {
        await using var fixture = new TFixture();

        var first = (await fixture.Store.SaveAsync(Upload(TestVideos.Mp4(), "same.mp4"))).Video!;
        var second = (await fixture.Store.SaveAsync(Upload(TestVideos.Avi(), "same.mp4"))).Video!;

        second.Id.Should().NotBe(first.Id);
        second.StoredName.Should().NotBe(first.StoredName);
        (await fixture.Store.FindAsync(first.Id))!.Container.Should().Be(VideoContainer.Mp4);
    }

    [Fact]
    public async Task List_is_newest_first_and_counts_all_matches()
    {
        await using var fixture = new TFixture();
        var first = (await fixture.Store.SaveAsync(Upload(TestVideos.Mp4(), "one.mp4"))).Video!;
        var second = (await fixture.Store.SaveAsync(Upload(TestVideos.WebM(), "two.webm"))).Video!;

        var page = await fixture.Store.ListAsync(new VideoQuery { Limit = 10 });

        page.Total.Should().Be(2);
        page.Videos.Select(v => v.Id).Should().Equal(second.Id, first.Id);
    }

    [Fact]
    public async Task Statistics_count_videos_bytes_and_report_free_disk()
    {
        await using var fixture = new TFixture();
        await fixture.Store.SaveAsync(Upload(TestVideos.Mp4(1000), "a.mp4", "Tutorial"));
        await fixture.Store.SaveAsync(Upload(TestVideos.Avi(2000), "b.avi", "Tutorial"));

        var stats = await fixture.Store.GetStatisticsAsync();

        stats.TotalVideos.Should().Be(2);
        stats.TotalSizeBytes.Should().Be(3000);
        stats.ByCategory.Should().Contain("Tutorial", 2);
        stats.DiskFreeBytes.Should().BePositive();
    }

    [Fact]
    public async Task Deleted_video_is_gone_from_find_list_and_read()
    {
        await using var fixture = new TFixture();
        var video = (await fixture.Store.SaveAsync(Upload(TestVideos.Mp4(), "bye.mp4"))).Video!;

        var deleted = await fixture.Store.DeleteAsync(video.Id);

        deleted.Found.Should().BeTrue();
        deleted.Video!.Id.Should().Be(video.Id);
        (await fixture.Store.FindAsync(video.Id)).Should().BeNull();
        (await fixture.Store.OpenReadAsync(video.Id)).Should().BeNull();
        (await fixture.Store.ListAsync(new VideoQuery())).Total.Should().Be(0);
    }

    [Fact]
    public async Task Unknown_video_is_not_found_read_or_deleted()
    {
        await using var fixture = new TFixture();

        (await fixture.Store.FindAsync("20250101_000000_General_nope.mp4")).Should().BeNull();
        (await fixture.Store.OpenReadAsync("0123456789abcdef0123456789abcdef")).Should().BeNull();
        (await fixture.Store.DeleteAsync("nope")).Found.Should().BeFalse();
    }

    private static VideoUpload Upload(byte[] content, string name, string? category = null) =>
        new(new MemoryStream(content), name) { Category = category };
}
