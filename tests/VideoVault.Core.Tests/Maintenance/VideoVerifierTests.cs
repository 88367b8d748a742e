using Microsoft.Extensions.Logging.Abstractions;
using VideoVault.Maintenance;

namespace VideoVault.Core.Tests.Maintenance;

public sealed class VideoVerifierTests : IAsyncLifetime
{
    private readonly MaintenanceTestContext _context = new();
    private VideoVerifier _verifier = null!;

    public Task InitializeAsync()
    {
        _verifier = new VideoVerifier(_context.Manifest, _context.Paths, NullLogger.Instance);
        return Task.CompletedTask;
    }

    public async Task DisposeAsync() => await _context.DisposeAsync();

    [Fact]
    public async Task An_intact_file_is_reported_intact_and_a_verified_event_is_recorded()
    {
        var video = await _context.AddVideoAsync(TimeSpan.FromDays(1));

        var result = await _verifier.VerifyAsync(video.Id, null, CancellationToken.None);

        result!.Outcome.Should().Be(VerificationOutcome.Intact);
        result.ActualSha256.Should().Be(video.Sha256);
        result.IsProblem.Should().BeFalse();
        (await _context.EventsOfAsync(video)).Select(e => e.Kind).Should().EndWith(VideoEventKind.Verified);
    }

    [Fact]
    public async Task A_flipped_byte_is_reported_corrupt_and_recorded_in_the_audit_trail()
    {
        var video = await _context.AddVideoAsync(TimeSpan.FromDays(1));
        var path = _context.FileOf(video);
        var bytes = await File.ReadAllBytesAsync(path);
        bytes[100] ^= 0x01;
        await File.WriteAllBytesAsync(path, bytes);

        var result = await _verifier.VerifyAsync(video.StoredName, null, CancellationToken.None);

        result!.Outcome.Should().Be(VerificationOutcome.Corrupt);
        result.ActualSha256.Should().NotBe(video.Sha256);
        result.ActualSizeBytes.Should().Be(video.SizeBytes);
        var last = (await _context.EventsOfAsync(video))[^1];
        last.Kind.Should().Be(VideoEventKind.Corrupt);
        last.Detail.Should().Contain(video.Sha256);
    }

    [Fact]
    public async Task A_truncated_file_is_corrupt_even_before_the_hash_is_compared()
    {
        var video = await _context.AddVideoAsync(TimeSpan.FromDays(1));
        await using (var stream = new FileStream(_context.FileOf(video), FileMode.Open))
        {
            stream.SetLength(video.SizeBytes - 1);
        }

        var result = await _verifier.VerifyAsync(video.Id, null, CancellationToken.None);

        result!.Outcome.Should().Be(VerificationOutcome.Corrupt);
        result.ActualSizeBytes.Should().Be(video.SizeBytes - 1);
    }

    [Fact]
    public async Task A_deleted_file_is_reported_missing_and_flagged_in_the_manifest()
    {
        var video = await _context.AddVideoAsync(TimeSpan.FromDays(1));
        File.Delete(_context.FileOf(video));

        var result = await _verifier.VerifyAsync(video.Id, null, CancellationToken.None);

        result!.Outcome.Should().Be(VerificationOutcome.Missing);
        (await _context.Manifest.FindAsync(video.Id))!.LocalState.Should().Be(LocalCopyState.Missing);
        (await _context.EventsOfAsync(video))[^1].Kind.Should().Be(VideoEventKind.FileMissing);
    }

    [Fact]
    public async Task A_missing_file_that_is_back_intact_is_marked_present_again()
    {
        var video = await _context.AddVideoAsync(TimeSpan.FromDays(1));
        var path = _context.FileOf(video);
        var bytes = await File.ReadAllBytesAsync(path);
        File.Delete(path);
        await _verifier.VerifyAsync(video.Id, null, CancellationToken.None);
        await File.WriteAllBytesAsync(path, bytes);

        var result = await _verifier.VerifyAsync(video.Id, null, CancellationToken.None);

        result!.Outcome.Should().Be(VerificationOutcome.Intact);
        (await _context.Manifest.FindAsync(video.Id))!.LocalState.Should().Be(LocalCopyState.Present);
        (await _context.EventsOfAsync(video)).Select(e => e.Kind).Should().ContainInOrder(VideoEventKind.FileMissing, VideoEventKind.FileRestored, VideoEventKind.Verified);
    }

    [Fact]
    public async Task A_local_copy_removed_by_cleanup_is_not_a_problem()
    {
        var video = await _context.AddVideoAsync(TimeSpan.FromDays(1), MirrorState.Mirrored);
        File.Delete(_context.FileOf(video));
        await _context.Manifest.SetLocalStateAsync(video.Id, LocalCopyState.Removed, VideoEventKind.LocalCopyRemoved, "test");

        var result = await _verifier.VerifyAsync(video.Id, null, CancellationToken.None);

        result!.Outcome.Should().Be(VerificationOutcome.NotLocal);
        result.IsProblem.Should().BeFalse();
    }

    [Fact]
    public async Task An_unknown_video_gives_null()
    {
        (await _verifier.VerifyAsync("no-such-video.mp4", null, CancellationToken.None)).Should().BeNull();
    }

    [Fact]
    public async Task Verifying_all_reports_every_video_and_every_byte_hashed()
    {
        var intact = await _context.AddVideoAsync(TimeSpan.FromDays(3), payloadBytes: 5000);
        var missing = await _context.AddVideoAsync(TimeSpan.FromDays(2), payloadBytes: 7000);
        File.Delete(_context.FileOf(missing));
        var progress = new CountingProgress();

        var results = await _verifier.VerifyAllAsync(progress, CancellationToken.None);

        results.Should().HaveCount(2);
        results.Single(r => r.Video.Id == intact.Id).Outcome.Should().Be(VerificationOutcome.Intact);
        results.Single(r => r.Video.Id == missing.Id).Outcome.Should().Be(VerificationOutcome.Missing);
        progress.Bytes.Should().Be(intact.SizeBytes);
    }

    private sealed class CountingProgress : IProgress<VerificationProgress>
    {
        public long Bytes { get; private set; }

        public void Report(VerificationProgress value) => Bytes += value.BytesHashed;
    }
}
