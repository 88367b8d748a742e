using Microsoft.Extensions.Logging.Abstractions;
using VideoVault.Maintenance;

namespace VideoVault.Core.Tests.Maintenance;

public sealed class MirrorRequeuerTests : IAsyncLifetime
{
    private readonly MaintenanceTestContext _context = new();
    private MirrorRequeuer _requeuer = null!;

    public Task InitializeAsync()
    {
        _requeuer = new MirrorRequeuer(_context.Manifest, _context.Manifest, NullLogger.Instance);
        return Task.CompletedTask;
    }

    public async Task DisposeAsync() => await _context.DisposeAsync();

    [Fact]
    public async Task A_video_that_failed_through_the_queue_is_pending_again_after_a_retry()
    {
        var video = await _context.AddVideoAsync(TimeSpan.FromDays(1), MirrorState.Pending);
        (await _context.Manifest.ClaimDueAsync(1)).Should().ContainSingle();
        (await _context.Manifest.MarkFailedAsync(video.Id, "quota exceeded")).Should().BeTrue();

        var result = await _requeuer.RequeueAsync(video.StoredName, CancellationToken.None);

        result.Outcome.Should().Be(RequeueMirrorOutcome.Requeued);
        result.Video!.Mirror.State.Should().Be(MirrorState.Failed, "the result shows the record as it was");
        (await _context.Manifest.FindAsync(video.Id))!.Mirror.State.Should().Be(MirrorState.Pending);
        (await _context.EventsOfAsync(video))[^1].Kind.Should().Be(VideoEventKind.MirrorRequeued);
    }

    [Theory]
    [InlineData(MirrorState.Mirrored)]
    [InlineData(MirrorState.Disabled)]
    [InlineData(MirrorState.Pending)]
    public async Task A_video_whose_mirror_has_not_failed_is_not_requeued(MirrorState state)
    {
        var video = await _context.AddVideoAsync(TimeSpan.FromDays(1), state);

        var result = await _requeuer.RequeueAsync(video.Id, CancellationToken.None);

        result.Outcome.Should().Be(RequeueMirrorOutcome.NotFailed);
        (await _context.Manifest.FindAsync(video.Id))!.Mirror.State.Should().Be(state);
    }

    [Fact]
    public async Task An_unknown_video_is_not_found()
    {
        (await _requeuer.RequeueAsync("missing.mp4", CancellationToken.None)).Outcome.Should().Be(RequeueMirrorOutcome.NotFound);
    }

    [Fact]
    public async Task Requeuing_all_failed_names_exactly_the_failed_videos()
    {
        var failed1 = await _context.AddVideoAsync(TimeSpan.FromDays(3), MirrorState.Failed);
        var failed2 = await _context.AddVideoAsync(TimeSpan.FromDays(2), MirrorState.Failed);
        var mirrored = await _context.AddVideoAsync(TimeSpan.FromDays(1), MirrorState.Mirrored);

        var requeued = await _requeuer.RequeueAllFailedAsync(CancellationToken.None);

        requeued.Select(v => v.Id).Should().BeEquivalentTo([failed1.Id, failed2.Id]);
        (await _context.Manifest.FindAsync(failed2.Id))!.Mirror.State.Should().Be(MirrorState.Pending);
        (await _context.Manifest.FindAsync(mirrored.Id))!.Mirror.State.Should().Be(MirrorState.Mirrored);
    }
}
