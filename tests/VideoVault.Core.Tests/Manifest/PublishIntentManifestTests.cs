using VideoVault.Manifest;

namespace VideoVault.Core.Tests.Manifest;

/// <summary>Publish intents in the manifest: they end in the very transaction that inserts their video, and only then.</summary>
public sealed class PublishIntentManifestTests : IAsyncLifetime
{
    private readonly ManifestTestContext _context = new();

    private SqliteVideoManifest Manifest => _context.Manifest;

    public Task InitializeAsync() => Task.CompletedTask;

    public Task DisposeAsync() => _context.DisposeAsync().AsTask();

    [Fact]
    public async Task An_intent_reads_back_exactly_as_it_was_written_and_names_the_record_it_announces()
    {
        var intent = IntentFor(TestRecords.Create(ManifestTestContext.Start)) with { UploadId = "0195f0a1b2c3d4e5f60718293a4b5c6d", IdempotencyKey = "k" };

        await Manifest.AddPublishIntentAsync(intent);

        var read = (await _context.Open().ReadPublishIntentsAsync()).Should().ContainSingle().Subject;
        read.Should().Be(intent);
        read.StoredName(1).Should().Be("20250314_092653_General_clip.mp4");
        read.StoredName(3).Should().Be("20250314_092653_General_clip_3.mp4");
        read.ToRecord(read.StoredName(2), MirrorStatus.Pending).Should().BeEquivalentTo(new
        {
            Id = intent.VideoId,
            StoredName = "20250314_092653_General_clip_2.mp4",
            RelativePath = "videos/2025/03/20250314_092653_General_clip_2.mp4",
            IdempotencyKey = "k",
            intent.Sha256,
            intent.SizeBytes,
            CreatedAt = ManifestTestContext.Start,
            LocalState = LocalCopyState.Present,
        });
    }

    [Fact]
    public async Task Adding_the_video_ends_its_intent_in_the_same_commit()
    {
        var video = TestRecords.Create(ManifestTestContext.Start);
        var other = IntentFor(TestRecords.Create(ManifestTestContext.Start.AddSeconds(1)));
        await Manifest.AddPublishIntentAsync(IntentFor(video));
        await Manifest.AddPublishIntentAsync(other);

        (await Manifest.AddAsync(video, VideoEventKind.Stored, null)).Should().BeTrue();

        (await Manifest.ReadPublishIntentsAsync()).Should().Equal(other);
    }

    [Fact]
    public async Task A_refused_insert_rolls_back_and_keeps_the_intent()
    {
        var existing = TestRecords.Create(ManifestTestContext.Start);
        await Manifest.AddAsync(existing, VideoEventKind.Stored, null);
        var clash = TestRecords.Create(ManifestTestContext.Start) with { StoredName = existing.StoredName };
        await Manifest.AddPublishIntentAsync(IntentFor(clash));

        (await Manifest.AddAsync(clash, VideoEventKind.Stored, null)).Should().BeFalse();

        (await Manifest.ReadPublishIntentsAsync()).Should().ContainSingle().Which.VideoId.Should().Be(clash.Id);
    }

    [Fact]
    public async Task Completing_an_upload_with_its_video_ends_the_intent_with_it()
    {
        var video = TestRecords.Create(ManifestTestContext.Start);
        await Manifest.AddUploadAsync(
            new UploadRow { Id = video.Id, OriginalFileName = "clip.mp4", Length = video.SizeBytes, Offset = video.SizeBytes, CreatedAt = ManifestTestContext.Start, UpdatedAt = ManifestTestContext.Start },
            "started");
        await Manifest.AddPublishIntentAsync(IntentFor(video) with { UploadId = video.Id });

        (await Manifest.AddVideoFromUploadAsync(video, video.Id, "stored")).Should().BeTrue();

        (await Manifest.ReadPublishIntentsAsync()).Should().BeEmpty();
        (await Manifest.FindUploadAsync(video.Id))!.VideoId.Should().Be(video.Id);
    }

    [Fact]
    public async Task An_intent_written_again_for_the_same_video_replaces_the_first_and_removing_it_twice_finds_nothing_the_second_time()
    {
        var video = TestRecords.Create(ManifestTestContext.Start);
        await Manifest.AddPublishIntentAsync(IntentFor(video));
        var retried = IntentFor(video) with { Category = "Later" };

        await Manifest.AddPublishIntentAsync(retried);

        (await Manifest.ReadPublishIntentsAsync()).Should().Equal(retried);
        (await Manifest.RemovePublishIntentAsync(video.Id)).Should().BeTrue();
        (await Manifest.RemovePublishIntentAsync(video.Id)).Should().BeFalse();
        (await Manifest.ReadPublishIntentsAsync()).Should().BeEmpty();
    }

    private static PublishIntent IntentFor(VideoRecord video) => new()
    {
        VideoId = video.Id,
        Folder = $"videos/{video.CreatedAt:yyyy}/{video.CreatedAt:MM}",
        Category = video.Category,
        Stem = Path.GetFileNameWithoutExtension(video.OriginalFileName),
        Extension = "mp4",
        OriginalFileName = video.OriginalFileName,
        IdempotencyKey = video.IdempotencyKey,
        MimeType = video.MimeType,
        Container = video.Container,
        SizeBytes = video.SizeBytes,
        Sha256 = video.Sha256,
        CreatedAt = video.CreatedAt,
    };
}
