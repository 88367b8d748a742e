using Microsoft.Extensions.Logging;
using VideoVault.Storage;

namespace VideoVault.Tests.Storage;

/// <summary>
/// Retries after a lost acknowledgement, on real files and a real SQLite manifest: an upload with an idempotency key
/// is stored once, whatever the number of retries and however they interleave.
/// </summary>
public sealed class LocalVideoStoreIdempotencyTests : IDisposable
{
    private const string ConflictReason = "This idempotency key was already used for a different video.";

    private readonly TempDirectory _root = new();

    public void Dispose() => _root.Dispose();

    [Fact]
    public async Task Retry_with_the_same_key_and_bytes_returns_the_first_video_and_stores_nothing_new()
    {
        var logger = new RecordingLogger<LocalVideoStore>();
        await using var harness = new StoreHarness(_root.Path, storeLogger: logger);
        var content = TestVideos.Mp4(20_000);

        var first = await harness.SaveAsync(content, idempotencyKey: "retry-1");
        var second = await harness.SaveAsync(content, "renamed on retry.mp4", idempotencyKey: "retry-1");

        first.IsStored.Should().BeTrue();
        first.IsReplay.Should().BeFalse();
        first.Video!.IdempotencyKey.Should().Be("retry-1");
        second.Outcome.Should().Be(SaveVideoOutcome.Stored);
        second.IsReplay.Should().BeTrue();
        second.Video.Should().Be(first.Video);
        harness.VideoFiles().Should().ContainSingle().Which.Should().Be(harness.FullPath(first.Video));
        harness.IncomingFiles().Should().BeEmpty();
        (await harness.AllRecordsAsync()).Should().ContainSingle().Which.Should().Be(first.Video);
        (await harness.Manifest.GetEventsAsync(new VideoEventQuery())).Select(e => e.Kind).Should().Equal(VideoEventKind.Stored);
        await harness.AssertIntactAsync(first.Video, content);
        logger.Entries.Should().ContainSingle(e => e.EventName == "UploadReplayed").Which.Level.Should().Be(LogLevel.Information);
    }

    [Fact]
    public async Task Same_key_with_different_bytes_is_refused_as_a_conflict_and_the_first_video_stays_intact()
    {
        var logger = new RecordingLogger<LocalVideoStore>();
        await using var harness = new StoreHarness(_root.Path, storeLogger: logger);
        var content = TestVideos.Mp4(20_000);
        var first = (await harness.SaveAsync(content, idempotencyKey: "reused")).Video!;

        var second = await harness.SaveAsync(TestVideos.Mp4(20_000, seed: 1), idempotencyKey: "reused");

        second.Outcome.Should().Be(SaveVideoOutcome.IdempotencyKeyConflict);
        second.IsStored.Should().BeFalse();
        second.IsReplay.Should().BeFalse();
        second.Video.Should().BeNull();
        second.Reason.Should().Be(ConflictReason);
        harness.VideoFiles().Should().ContainSingle().Which.Should().Be(harness.FullPath(first));
        harness.IncomingFiles().Should().BeEmpty();
        (await harness.AllRecordsAsync()).Should().ContainSingle().Which.Should().Be(first);
        var events = await harness.Manifest.GetEventsAsync(new VideoEventQuery());
        events.Select(e => e.Kind).Should().Equal(VideoEventKind.Stored, VideoEventKind.Refused);
        events[1].Detail.Should().Be("idempotency_key_conflict: " + ConflictReason);
        await harness.AssertIntactAsync(first, content);
        logger.Entries.Should().ContainSingle(e => e.EventName == "UploadIdempotencyKeyConflict");
        logger.Entries.Should().NotContain(e => e.EventName == "UploadReplayed");
    }

    [Fact]
    public async Task Different_keys_with_the_same_bytes_store_two_videos()
    {
        await using var harness = new StoreHarness(_root.Path);
        var content = TestVideos.Mp4();

        var first = await harness.SaveAsync(content, idempotencyKey: "one");
        var second = await harness.SaveAsync(content, idempotencyKey: "two");

        second.IsReplay.Should().BeFalse();
        second.Video!.Id.Should().NotBe(first.Video!.Id);
        second.Video.IdempotencyKey.Should().Be("two");
        harness.VideoFiles().Should().HaveCount(2);
        (await harness.AllRecordsAsync()).Should().HaveCount(2);
    }

    [Fact]
    public async Task Uploads_without_a_key_are_stored_every_time()
    {
        await using var harness = new StoreHarness(_root.Path);
        var content = TestVideos.Mp4();

        var first = await harness.SaveAsync(content);
        var second = await harness.SaveAsync(content);

        first.IsReplay.Should().BeFalse();
        second.IsReplay.Should().BeFalse();
        second.Video!.Id.Should().NotBe(first.Video!.Id);
        second.Video.IdempotencyKey.Should().BeNull();
        harness.VideoFiles().Should().HaveCount(2);
        (await harness.AllRecordsAsync()).Should().HaveCount(2);
    }

    [Fact]
    public async Task Concurrent_uploads_with_the_same_key_and_bytes_store_one_video_and_replay_it_to_the_others()
    {
        await using var harness = new StoreHarness(_root.Path);
        var content = TestVideos.Mp4(64 * 1024);
        var gate = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);

        var uploads = Enumerable.Range(0, 6)
            .Select(_ => harness.Store.SaveAsync(new VideoUpload(new GatedStream(content, gate.Task), "clip.mp4") { IdempotencyKey = "together" }))
            .ToList();
        gate.SetResult();
        var results = await Task.WhenAll(uploads).WaitAsync(TimeSpan.FromSeconds(60));

        results.Should().OnlyContain(r => r.Outcome == SaveVideoOutcome.Stored);
        var original = results.Should().ContainSingle(r => !r.IsReplay).Subject.Video!;
        results.Where(r => r.IsReplay).Should().HaveCount(5).And.OnlyContain(r => r.Video == original);
        harness.VideoFiles().Should().ContainSingle().Which.Should().Be(harness.FullPath(original));
        harness.IncomingFiles().Should().BeEmpty();
        (await harness.AllRecordsAsync()).Should().ContainSingle().Which.Id.Should().Be(original.Id);
        await harness.AssertIntactAsync(original, content);
    }

    [Fact]
    public async Task Uploads_that_lose_the_commit_race_take_their_files_down_and_replay_the_winner()
    {
        // The barrier holds every commit until all uploads have looked the key up and published their files, so
        // every loser meets the key only as the manifest's refusal.
        const int Uploads = 3;
        CommitBarrierManifest? barrier = null;
        var logger = new RecordingLogger<LocalVideoStore>();
        await using var harness = new StoreHarness(_root.Path, decorateManifest: inner => barrier = new CommitBarrierManifest(inner, Uploads), storeLogger: logger);
        var content = TestVideos.Mp4(8192);

        var results = await Task.WhenAll(Enumerable.Range(0, Uploads).Select(_ => Task.Run(() => harness.SaveAsync(content, idempotencyKey: "raced"))))
            .WaitAsync(TimeSpan.FromSeconds(60));

        barrier!.Arrived.Should().Be(Uploads);
        var original = results.Should().ContainSingle(r => !r.IsReplay).Subject.Video!;
        results.Should().OnlyContain(r => r.IsStored && r.Video == original);
        harness.VideoFiles().Should().ContainSingle().Which.Should().Be(harness.FullPath(original));
        harness.IncomingFiles().Should().BeEmpty();
        (await harness.AllRecordsAsync()).Should().ContainSingle();
        (await harness.Manifest.GetEventsAsync(new VideoEventQuery())).Select(e => e.Kind).Should().Equal(VideoEventKind.Stored);
        logger.Entries.Where(e => e.EventName == "UploadReplayed").Should().HaveCount(Uploads - 1);
        logger.Entries.Should().NotContain(e => e.EventName == "UnpublishFailed");
        await harness.AssertIntactAsync(original, content);
    }

    [Fact]
    public async Task Upload_that_loses_the_commit_race_with_other_bytes_is_refused_and_its_file_taken_down()
    {
        CommitBarrierManifest? barrier = null;
        await using var harness = new StoreHarness(_root.Path, decorateManifest: inner => barrier = new CommitBarrierManifest(inner, 2));
        byte[][] contents = [TestVideos.Mp4(8192), TestVideos.Mp4(8192, seed: 1)];

        var results = await Task.WhenAll(contents.Select(content => Task.Run(() => harness.SaveAsync(content, idempotencyKey: "raced"))))
            .WaitAsync(TimeSpan.FromSeconds(60));

        barrier!.Arrived.Should().Be(2);
        var winner = results.Should().ContainSingle(r => r.IsStored).Subject.Video!;
        results.Should().ContainSingle(r => r.Outcome == SaveVideoOutcome.IdempotencyKeyConflict).Which.Reason.Should().Be(ConflictReason);
        harness.VideoFiles().Should().ContainSingle().Which.Should().Be(harness.FullPath(winner));
        harness.IncomingFiles().Should().BeEmpty();
        (await harness.AllRecordsAsync()).Should().ContainSingle().Which.Should().Be(winner);
        await harness.AssertIntactAsync(winner, contents[results[0].IsStored ? 0 : 1]);
    }

    [Theory]
    [InlineData("")]
    [InlineData("tab\tinside")]
    [InlineData("newline\n")]
    [InlineData("delete\u007F")]
    [InlineData("clé")]
    [InlineData("emoji-\U0001F600")]
    [InlineData(null)] // 256 characters, built below
    public async Task Invalid_key_is_a_caller_error_that_reads_and_stores_nothing(string? key)
    {
        await using var harness = new StoreHarness(_root.Path);
        key ??= new string('k', 256);

        var act = () => harness.Store.SaveAsync(new VideoUpload(new UnreadableStream(), "clip.mp4") { IdempotencyKey = key });

        (await act.Should().ThrowAsync<ArgumentException>()).Which.Message.Should().Contain("idempotency key");
        harness.VideoFiles().Should().BeEmpty();
        harness.IncomingFiles().Should().BeEmpty();
        (await harness.AllRecordsAsync()).Should().BeEmpty();
        (await harness.Manifest.GetEventsAsync(new VideoEventQuery())).Should().BeEmpty();
    }

    [Theory]
    [InlineData("a")]
    [InlineData(" !\"#$%&'()*+,-./0123456789:;<=>?@AZ[\\]^_`az{|}~")]
    [InlineData(null)] // 255 characters, built below
    public async Task Key_of_printable_ascii_up_to_255_characters_is_accepted_and_kept_exactly(string? key)
    {
        await using var harness = new StoreHarness(_root.Path);
        key ??= new string('~', 255);

        var result = await harness.SaveAsync(TestVideos.Mp4(), idempotencyKey: key);

        result.IsStored.Should().BeTrue();
        (await harness.Manifest.FindByIdempotencyKeyAsync(key))!.Id.Should().Be(result.Video!.Id);
    }

    [Fact]
    public async Task Key_survives_a_restart_and_a_new_store_over_the_same_root_replays_it()
    {
        var content = TestVideos.Mp4(10_000);
        VideoRecord first;
        await using (var before = new StoreHarness(_root.Path))
        {
            first = (await before.SaveAsync(content, idempotencyKey: "across-restart")).Video!;
        }

        await using var after = new StoreHarness(_root.Path);
        var retry = await after.SaveAsync(content, idempotencyKey: "across-restart");

        retry.IsReplay.Should().BeTrue();
        retry.Video!.Id.Should().Be(first.Id);
        after.VideoFiles().Should().ContainSingle();
        (await after.AllRecordsAsync()).Should().ContainSingle();
    }

    /// <summary>A body that delivers nothing until the gate opens, so several uploads start reading together.</summary>
    private sealed class GatedStream(byte[] content, Task gate) : ReadOnlyTestStream
    {
        private readonly MemoryStream _inner = new(content, writable: false);

        public override int Read(byte[] buffer, int offset, int count)
        {
            gate.GetAwaiter().GetResult();
            return _inner.Read(buffer, offset, count);
        }

        public override async ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default)
        {
            await gate.WaitAsync(cancellationToken);
            return _inner.Read(buffer.Span);
        }

        public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
            ReadAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();
    }
}
