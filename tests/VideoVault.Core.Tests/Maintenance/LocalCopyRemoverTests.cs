using Microsoft.Extensions.Logging.Abstractions;
using VideoVault.Maintenance;

namespace VideoVault.Core.Tests.Maintenance;

public sealed class LocalCopyRemoverTests : IAsyncLifetime
{
    private readonly MaintenanceTestContext _context = new();
    private LocalCopyRemover _remover = null!;

    public Task InitializeAsync()
    {
        _remover = new LocalCopyRemover(_context.Manifest, _context.Paths, _context.Time, NullLogger.Instance);
        return Task.CompletedTask;
    }

    public async Task DisposeAsync() => await _context.DisposeAsync();

    [Fact]
    public async Task The_plan_lists_old_present_copies_split_by_whether_they_are_verified_on_the_mirror()
    {
        var oldMirrored = await _context.AddVideoAsync(TimeSpan.FromDays(40), MirrorState.Mirrored);
        var oldFailed = await _context.AddVideoAsync(TimeSpan.FromDays(35), MirrorState.Failed);
        var oldDisabled = await _context.AddVideoAsync(TimeSpan.FromDays(31), MirrorState.Disabled);
        await _context.AddVideoAsync(TimeSpan.FromDays(2), MirrorState.Mirrored);

        var plan = await _remover.PlanAsync(TimeSpan.FromDays(30), CancellationToken.None);

        plan.Cutoff.Should().Be(MaintenanceTestContext.Now - TimeSpan.FromDays(30));
        plan.Eligible.Select(v => v.Id).Should().Equal(oldMirrored.Id);
        plan.Unmirrored.Select(v => v.Id).Should().Equal(oldFailed.Id, oldDisabled.Id);
        plan.EligibleBytes.Should().Be(oldMirrored.SizeBytes);
        File.Exists(_context.FileOf(oldMirrored)).Should().BeTrue("a plan changes nothing");
    }

    [Fact]
    public async Task Removing_a_mirrored_copy_deletes_the_file_and_keeps_the_record_as_removed()
    {
        var video = await _context.AddVideoAsync(TimeSpan.FromDays(40), MirrorState.Mirrored);

        var result = await _remover.RemoveAsync(video.StoredName, allowUnmirrored: false, CancellationToken.None);

        result.Outcome.Should().Be(RemoveLocalCopyOutcome.Removed);
        result.FreedBytes.Should().Be(video.SizeBytes);
        File.Exists(_context.FileOf(video)).Should().BeFalse();
        var record = await _context.Manifest.FindAsync(video.Id);
        record!.LocalState.Should().Be(LocalCopyState.Removed);
        record.Mirror.State.Should().Be(MirrorState.Mirrored);
        var last = (await _context.EventsOfAsync(video))[^1];
        last.Kind.Should().Be(VideoEventKind.LocalCopyRemoved);
        last.Detail.Should().Contain(video.Mirror.RemoteFileId);
    }

    [Theory]
    [InlineData(MirrorState.Disabled)]
    [InlineData(MirrorState.Pending)]
    [InlineData(MirrorState.Retrying)]
    [InlineData(MirrorState.Failed)]
    public async Task Removing_a_copy_not_verified_on_the_mirror_is_refused_and_the_file_stays(MirrorState state)
    {
        var video = await _context.AddVideoAsync(TimeSpan.FromDays(40), state);

        var result = await _remover.RemoveAsync(video.Id, allowUnmirrored: false, CancellationToken.None);

        result.Outcome.Should().Be(RemoveLocalCopyOutcome.NotMirrored);
        File.Exists(_context.FileOf(video)).Should().BeTrue();
        (await _context.Manifest.FindAsync(video.Id))!.LocalState.Should().Be(LocalCopyState.Present);
    }

    [Fact]
    public async Task The_override_removes_an_unmirrored_copy_and_says_so_in_the_audit_trail()
    {
        var video = await _context.AddVideoAsync(TimeSpan.FromDays(40), MirrorState.Failed);

        var result = await _remover.RemoveAsync(video.Id, allowUnmirrored: true, CancellationToken.None);

        result.Outcome.Should().Be(RemoveLocalCopyOutcome.Removed);
        File.Exists(_context.FileOf(video)).Should().BeFalse();
        (await _context.EventsOfAsync(video))[^1].Detail.Should().Contain("WITHOUT a verified mirror copy");
    }

    [Fact]
    public async Task Removing_twice_reports_that_there_is_no_local_copy_and_an_unknown_video_is_not_found()
    {
        var video = await _context.AddVideoAsync(TimeSpan.FromDays(40), MirrorState.Mirrored);
        await _remover.RemoveAsync(video.Id, allowUnmirrored: false, CancellationToken.None);

        (await _remover.RemoveAsync(video.Id, allowUnmirrored: false, CancellationToken.None)).Outcome.Should().Be(RemoveLocalCopyOutcome.NotPresent);
        (await _remover.RemoveAsync("nothing.mp4", allowUnmirrored: false, CancellationToken.None)).Outcome.Should().Be(RemoveLocalCopyOutcome.NotFound);
    }
}
