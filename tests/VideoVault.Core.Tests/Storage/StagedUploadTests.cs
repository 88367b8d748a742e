using System.Security.Cryptography;
using FluentAssertions;
using Microsoft.Extensions.Time.Testing;
using VideoVault.Storage;
using VideoVault.Tests;
using Xunit;

namespace VideoVault.Core.Tests.Storage;

/// <summary>The staged (resumable) upload primitive on a real store root and a real SQLite manifest.</summary>
public sealed class StagedUploadTests : IAsyncLifetime
{
    private readonly TempDirectory _root = new();
    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2026, 12, 7, 10, 0, 0, TimeSpan.Zero));
    private StoreHarness _harness = null!;

    private LocalVideoStore Store => _harness.Store;

    public Task InitializeAsync()
    {
        _harness = NewHarness();
        return Task.CompletedTask;
    }

    public async Task DisposeAsync()
    {
        await _harness.DisposeAsync();
        _root.Dispose();
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task An_upload_sent_in_unaligned_pieces_is_published_with_the_hash_of_all_its_bytes(bool directIo)
    {
        await _harness.DisposeAsync();
        _harness = NewHarness(new AtomicFileWriter(directIo));
        var content = TestVideos.Mp4(3 * 1024 * 1024 + 777, seed: 1);

        var created = await Store.CreateAsync(new StagedUploadRequest("lecture.mp4") { Length = content.Length, Category = "Tutorial" });
        created.Outcome.Should().Be(StagedUploadOutcome.Accepted);
        var id = created.Upload!.Id;

        long offset = 0;
        foreach (var size in new[] { 1000, 5000, 1_048_576 + 13, 2_000_000, 200_000 })
        {
            var piece = content.AsSpan((int)offset, (int)Math.Min(size, content.Length - offset)).ToArray();
            var appended = await Store.AppendAsync(id, offset, new MemoryStream(piece));
            appended.Outcome.Should().Be(StagedUploadOutcome.Accepted);
            appended.Upload!.Offset.Should().Be(offset + piece.Length);
            offset += piece.Length;
        }

        offset.Should().Be(content.Length);
        var completed = await Store.CompleteAsync(id);

        completed.Outcome.Should().Be(StagedUploadOutcome.Accepted);
        completed.Upload!.State.Should().Be(StagedUploadState.Completed);
        completed.Upload.VideoId.Should().Be(completed.Video!.Id);
        completed.Video.Category.Should().Be("Tutorial");
        await _harness.AssertIntactAsync(completed.Video, content);
        Directory.GetFiles(_harness.Paths.Resumable).Should().BeEmpty("the file was renamed into videos/");

        var events = await _harness.Manifest.GetEventsAsync(new VideoEventQuery());
        events.Select(e => e.Kind).Should().ContainInOrder(VideoEventKind.UploadStarted, VideoEventKind.Stored, VideoEventKind.UploadCompleted);
    }

    [Fact]
    public async Task A_piece_at_the_wrong_offset_is_refused_and_writes_nothing()
    {
        var content = TestVideos.Mp4(10_000);
        var id = await CreateAsync(content.Length);
        await AppendAsync(id, content, 0, 5000);

        var result = await Store.AppendAsync(id, 4000, new MemoryStream(content[4000..]));

        result.Outcome.Should().Be(StagedUploadOutcome.OffsetMismatch);
        result.Upload!.Offset.Should().Be(5000);
        new FileInfo(_harness.Paths.ResumableFile(id)).Length.Should().Be(5000);
    }

    [Fact]
    public async Task Content_that_is_not_a_video_is_refused_once_its_first_4_KiB_are_in_and_the_upload_is_removed()
    {
        var text = TestVideos.Text(20_000);
        var id = await CreateAsync(text.Length);

        var first = await Store.AppendAsync(id, 0, new MemoryStream(text[..1000]));
        first.Outcome.Should().Be(StagedUploadOutcome.Accepted, "1000 bytes are not enough to tell");

        var second = await Store.AppendAsync(id, 1000, new MemoryStream(text[1000..]));

        second.Outcome.Should().Be(StagedUploadOutcome.UnsupportedContainer);
        (await Store.GetAsync(id)).Outcome.Should().Be(StagedUploadOutcome.Unknown);
        File.Exists(_harness.Paths.ResumableFile(id)).Should().BeFalse();
    }

    [Fact]
    public async Task A_second_append_while_one_runs_is_refused_as_busy_and_never_interleaved()
    {
        var content = TestVideos.Mp4(200_000, seed: 3);
        var id = await CreateAsync(content.Length);
        var slow = new GatedStream(content[..100_000]);

        var running = Store.AppendAsync(id, 0, slow);
        await slow.Started.Task.WaitAsync(TimeSpan.FromSeconds(10));
        var second = await Store.AppendAsync(id, 0, new MemoryStream(content));
        slow.Release.SetResult();
        var first = await running;

        second.Outcome.Should().Be(StagedUploadOutcome.Busy);
        first.Outcome.Should().Be(StagedUploadOutcome.Accepted);
        await AppendAsync(id, content, 100_000, content.Length - 100_000);
        var completed = await Store.CompleteAsync(id);
        await _harness.AssertIntactAsync(completed.Video!, content);
    }

    [Fact]
    public async Task An_interrupted_piece_keeps_its_durable_bytes_and_the_upload_resumes_from_them_with_the_right_hash()
    {
        var content = TestVideos.Mp4(3 * 1024 * 1024, seed: 4);
        var id = await CreateAsync(content.Length);

        var cut = () => Store.AppendAsync(id, 0, new FailingStream(content, failAfter: 2_500_000, new IOException("connection reset")));
        await cut.Should().ThrowAsync<IOException>();

        var state = (await Store.GetAsync(id)).Upload!;
        state.Offset.Should().BeGreaterThan(0).And.BeLessThanOrEqualTo(2_500_000);
        (await File.ReadAllBytesAsync(_harness.Paths.ResumableFile(id))).Should().Equal(content[..(int)state.Offset]);

        await AppendAsync(id, content, state.Offset, content.Length - (int)state.Offset);
        var completed = await Store.CompleteAsync(id);

        await _harness.AssertIntactAsync(completed.Video!, content);
        var events = await _harness.Manifest.GetEventsAsync(new VideoEventQuery());
        events.Should().Contain(e => e.Kind == VideoEventKind.UploadResumed);
    }

    [Theory]
    [InlineData(UploadChecksumAlgorithm.Sha1)]
    [InlineData(UploadChecksumAlgorithm.Md5)]
    [InlineData(UploadChecksumAlgorithm.Sha256)]
    public async Task A_piece_with_a_wrong_checksum_is_not_kept_and_one_with_the_right_checksum_is(UploadChecksumAlgorithm algorithm)
    {
        var content = TestVideos.Mp4(50_000, seed: 5);
        var id = await CreateAsync(content.Length);
        await AppendAsync(id, content, 0, 10_000);
        var piece = content[10_000..];
        var digest = algorithm switch
        {
            UploadChecksumAlgorithm.Sha1 => SHA1.HashData(piece),
            UploadChecksumAlgorithm.Md5 => MD5.HashData(piece),
            _ => SHA256.HashData(piece),
        };
        var wrong = (byte[])digest.Clone();
        wrong[0] ^= 0xFF;

        var refused = await Store.AppendAsync(id, 10_000, new MemoryStream(piece), new StagedAppendOptions { Checksum = new UploadChecksum(algorithm, wrong) });
        refused.Outcome.Should().Be(StagedUploadOutcome.ChecksumMismatch);
        refused.Upload!.Offset.Should().Be(10_000);
        new FileInfo(_harness.Paths.ResumableFile(id)).Length.Should().Be(10_000);

        var accepted = await Store.AppendAsync(id, 10_000, new MemoryStream(piece), new StagedAppendOptions { Checksum = new UploadChecksum(algorithm, digest) });
        accepted.Outcome.Should().Be(StagedUploadOutcome.Accepted);
        var completed = await Store.CompleteAsync(id);
        await _harness.AssertIntactAsync(completed.Video!, content);
    }

    [Fact]
    public async Task After_a_restart_the_upload_resumes_its_bytes_past_the_durable_offset_are_discarded_and_the_hash_is_rebuilt()
    {
        var content = TestVideos.Mp4(2 * 1024 * 1024 + 100, seed: 6);
        var id = await CreateAsync(content.Length);
        await AppendAsync(id, content, 0, 1_500_000);

        // A crash after a piece was written but before its offset was committed: bytes past the offset, never acknowledged.
        await _harness.DisposeAsync();
        await using (var file = new FileStream(_harness.Paths.ResumableFile(id), FileMode.Append))
        {
            await file.WriteAsync(new byte[4321]);
        }

        _harness = NewHarness();
        var state = await Store.GetAsync(id);
        state.Upload!.Offset.Should().Be(1_500_000);

        await AppendAsync(id, content, 1_500_000, content.Length - 1_500_000);
        var completed = await Store.CompleteAsync(id);

        await _harness.AssertIntactAsync(completed.Video!, content);
    }

    [Fact]
    public async Task A_finished_upload_whose_completion_a_crash_interrupted_is_published_at_start_up()
    {
        var content = TestVideos.Mp4(30_000, seed: 7);
        var id = await CreateAsync(content.Length);
        await AppendAsync(id, content, 0, content.Length);

        await _harness.DisposeAsync();
        _harness = NewHarness();
        var recovered = await Store.RecoverUploadsAsync(CancellationToken.None);

        recovered.Should().Be(1);
        var state = (await Store.GetAsync(id)).Upload!;
        state.State.Should().Be(StagedUploadState.Completed);
        var video = await Store.FindAsync(state.VideoId!);
        await _harness.AssertIntactAsync(video!, content);
    }

    [Fact]
    public async Task Completing_twice_returns_the_same_video_and_a_completed_upload_takes_no_more_bytes()
    {
        var content = TestVideos.Mp4(8000, seed: 8);
        var id = await CreateAsync(content.Length);
        await AppendAsync(id, content, 0, content.Length);

        var first = await Store.CompleteAsync(id);
        var again = await Store.CompleteAsync(id);
        var append = await Store.AppendAsync(id, content.Length, new MemoryStream([1, 2, 3]));

        again.Video!.Id.Should().Be(first.Video!.Id);
        append.Outcome.Should().Be(StagedUploadOutcome.AlreadyCompleted);
        append.Upload!.VideoId.Should().Be(first.Video.Id);
        (await _harness.AllRecordsAsync()).Should().ContainSingle();
    }

    [Fact]
    public async Task A_deferred_length_is_declared_later_and_completion_waits_for_every_byte()
    {
        var content = TestVideos.Mp4(20_000, seed: 9);
        var created = await Store.CreateAsync(new StagedUploadRequest("later.mp4"));
        var id = created.Upload!.Id;
        created.Upload.Length.Should().BeNull();

        await AppendAsync(id, content, 0, 12_000);
        var early = await Store.CompleteAsync(id, null);
        early.Outcome.Should().Be(StagedUploadOutcome.Accepted, "with no declared length, completing means 'that was all'");

        var other = await Store.CreateAsync(new StagedUploadRequest("later2.mp4"));
        await AppendAsync(other.Upload!.Id, content, 0, 12_000);
        var declared = await Store.AppendAsync(other.Upload.Id, 12_000, new MemoryStream(content[12_000..15_000]), new StagedAppendOptions { DeclareLength = content.Length });
        declared.Upload!.Length.Should().Be(content.Length);
        (await Store.CompleteAsync(other.Upload.Id)).Outcome.Should().Be(StagedUploadOutcome.Incomplete);
        (await Store.DeclareLengthAsync(other.Upload.Id, 99_999)).Outcome.Should().Be(StagedUploadOutcome.LengthConflict);

        await AppendAsync(other.Upload.Id, content, 15_000, content.Length - 15_000);
        var completed = await Store.CompleteAsync(other.Upload.Id);
        await _harness.AssertIntactAsync(completed.Video!, content);
    }

    [Fact]
    public async Task A_piece_that_would_pass_the_declared_length_is_refused_whole()
    {
        var content = TestVideos.Mp4(10_000, seed: 10);
        var id = await CreateAsync(6000);

        var result = await Store.AppendAsync(id, 0, new MemoryStream(content));

        result.Outcome.Should().Be(StagedUploadOutcome.TooLarge);
        result.Upload!.Offset.Should().Be(0);
        new FileInfo(_harness.Paths.ResumableFile(id)).Length.Should().Be(0);
    }

    [Fact]
    public async Task Declared_but_unsent_bytes_of_other_uploads_count_as_used_space()
    {
        var available = new DriveInfo(_root.Path).AvailableFreeSpace;
        await _harness.DisposeAsync();

        // Leave room for about 1 GiB above the floor: one 600 MiB upload fits, a second does not while the first is unsent.
        _harness = NewHarness(configure: o =>
        {
            o.MaxFileSizeBytes = 1L << 40;
            o.MinFreeSpaceBytes = Math.Max(0, available - (1L << 30));
        });

        var first = await Store.CreateAsync(new StagedUploadRequest("a.mp4") { Length = 600L << 20 });
        var second = await Store.CreateAsync(new StagedUploadRequest("b.mp4") { Length = 600L << 20 });

        first.Outcome.Should().Be(StagedUploadOutcome.Accepted);
        second.Outcome.Should().Be(StagedUploadOutcome.InsufficientStorage);
        (await Store.CancelAsync(first.Upload!.Id)).Outcome.Should().Be(StagedUploadOutcome.Accepted);
        (await Store.CreateAsync(new StagedUploadRequest("b.mp4") { Length = 600L << 20 })).Outcome.Should().Be(StagedUploadOutcome.Accepted,
            "the cancelled upload no longer holds its space");
    }

    [Fact]
    public async Task An_idle_upload_expires_with_its_bytes_and_the_audit_trail_says_so()
    {
        var content = TestVideos.Mp4(10_000, seed: 11);
        var id = await CreateAsync(content.Length);
        await AppendAsync(id, content, 0, 5000);

        _time.Advance(TimeSpan.FromHours(23));
        (await Store.ExpireAsync()).Should().BeEmpty();
        await AppendAsync(id, content, 5000, 1000);
        _time.Advance(TimeSpan.FromHours(23));
        (await Store.ExpireAsync()).Should().BeEmpty("the last piece renewed it");

        _time.Advance(TimeSpan.FromHours(2));
        (await Store.GetAsync(id)).Outcome.Should().Be(StagedUploadOutcome.Expired);
        (await Store.ExpireAsync(dryRun: true)).Should().ContainSingle(u => u.Id == id);
        File.Exists(_harness.Paths.ResumableFile(id)).Should().BeTrue("a dry run removes nothing");

        var expired = await Store.ExpireAsync();

        expired.Should().ContainSingle(u => u.Id == id);
        File.Exists(_harness.Paths.ResumableFile(id)).Should().BeFalse();
        (await Store.GetAsync(id)).Outcome.Should().Be(StagedUploadOutcome.Unknown);
        var events = await _harness.Manifest.GetEventsAsync(new VideoEventQuery());
        events.Should().Contain(e => e.Kind == VideoEventKind.UploadExpired && e.Detail!.Contains(id));
    }

    [Fact]
    public async Task A_cancelled_upload_is_gone_with_its_bytes()
    {
        var content = TestVideos.Mp4(10_000, seed: 12);
        var id = await CreateAsync(content.Length);
        await AppendAsync(id, content, 0, 5000);

        var cancelled = await Store.CancelAsync(id);

        cancelled.Outcome.Should().Be(StagedUploadOutcome.Accepted);
        File.Exists(_harness.Paths.ResumableFile(id)).Should().BeFalse();
        (await Store.AppendAsync(id, 5000, new MemoryStream(content[5000..]))).Outcome.Should().Be(StagedUploadOutcome.Unknown);
        var events = await _harness.Manifest.GetEventsAsync(new VideoEventQuery());
        events.Should().Contain(e => e.Kind == VideoEventKind.UploadTerminated);
    }

    [Fact]
    public async Task Two_uploads_with_one_idempotency_key_and_the_same_bytes_store_one_video()
    {
        var content = TestVideos.Mp4(9000, seed: 13);
        var first = await Store.CreateAsync(new StagedUploadRequest("a.mp4") { Length = content.Length, IdempotencyKey = "key-1" });
        var second = await Store.CreateAsync(new StagedUploadRequest("a.mp4") { Length = content.Length, IdempotencyKey = "key-1" });
        await AppendAsync(first.Upload!.Id, content, 0, content.Length);
        await AppendAsync(second.Upload!.Id, content, 0, content.Length);

        var stored = await Store.CompleteAsync(first.Upload.Id);
        var replayed = await Store.CompleteAsync(second.Upload.Id);

        replayed.IsReplay.Should().BeTrue();
        replayed.Video!.Id.Should().Be(stored.Video!.Id);
        (await _harness.AllRecordsAsync()).Should().ContainSingle();
        File.Exists(_harness.Paths.ResumableFile(second.Upload.Id)).Should().BeFalse();
    }

    [Fact]
    public async Task Uploads_are_listed_with_their_progress()
    {
        var content = TestVideos.Mp4(10_000, seed: 14);
        var id = await CreateAsync(content.Length);
        await AppendAsync(id, content, 0, 4096);

        var listed = new List<StagedUpload>();
        await foreach (var upload in Store.ListAsync())
        {
            listed.Add(upload);
        }

        listed.Should().ContainSingle().Which.Should().BeEquivalentTo(new
        {
            Id = id,
            Offset = 4096L,
            Length = (long?)content.Length,
            Container = (VideoContainer?)VideoContainer.Mp4,
            State = StagedUploadState.InProgress,
            ExpiresAt = _time.GetUtcNow() + TimeSpan.FromHours(24),
        });
    }

    private StoreHarness NewHarness(AtomicFileWriter? writer = null, Action<VideoVaultOptions>? configure = null) =>
        new(_root.Path, configure ?? (o => o.MaxFileSizeBytes = 64L << 20), _time, writer: writer);

    private async Task<string> CreateAsync(long length)
    {
        var created = await Store.CreateAsync(new StagedUploadRequest("clip.mp4") { Length = length });
        created.Outcome.Should().Be(StagedUploadOutcome.Accepted);
        return created.Upload!.Id;
    }

    private async Task AppendAsync(string id, byte[] content, long offset, int count)
    {
        var result = await Store.AppendAsync(id, offset, new MemoryStream(content, (int)offset, count));
        result.Outcome.Should().Be(StagedUploadOutcome.Accepted, result.Reason);
        result.Upload!.Offset.Should().Be(offset + count);
    }

    /// <summary>A body that hands out its bytes only once the test lets it, so a second request can arrive meanwhile.</summary>
    private sealed class GatedStream(byte[] content) : ReadOnlyTestStream
    {
        private int _position;

        public TaskCompletionSource Started { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public TaskCompletionSource Release { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public override long Position { get => _position; set => throw new NotSupportedException(); }

        public override int Read(byte[] buffer, int offset, int count) => throw new NotSupportedException();

        public override async ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default)
        {
            Started.TrySetResult();
            await Release.Task.WaitAsync(cancellationToken);
            var n = Math.Min(buffer.Length, content.Length - _position);
            content.AsMemory(_position, n).CopyTo(buffer);
            _position += n;
            return n;
        }
    }
}
