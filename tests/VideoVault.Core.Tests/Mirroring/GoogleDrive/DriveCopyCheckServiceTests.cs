using System.Security.Cryptography;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using VideoVault.Core.Tests.Maintenance;
using VideoVault.FakeDrive;
using VideoVault.Manifest;
using VideoVault.Mirroring;
using VideoVault.Mirroring.GoogleDrive;
using VideoVault.Tests.Mirroring;

namespace VideoVault.Core.Tests.Mirroring.GoogleDrive;

/// <summary>
/// The background check of mirror copies on a fake clock: its pace, its order (least recently checked first), its
/// memory across restarts (the manifest's check times) and how it keeps going past a copy it cannot check. Drive is the
/// fake over loopback, with the real client.
/// </summary>
public sealed class DriveCopyCheckServiceTests : IAsyncLifetime
{
    private static readonly TimeSpan Interval = TimeSpan.FromMinutes(1);
    private static readonly TimeSpan MaxAge = TimeSpan.FromDays(1);

    private readonly MaintenanceTestContext _store = new();
    private readonly MirrorMetrics _metrics = new();
    private DriveTestEnvironment _drive = null!;
    private GoogleApisDriveClient _client = null!;
    private List<(VideoRecord Video, string FileId)> _copies = null!;

    private IMirrorQueue Queue => _store.Manifest;

    public async Task InitializeAsync()
    {
        _drive = await DriveTestEnvironment.StartAsync();
        _client = _drive.CreateClient();

        // Three copies verified a minute apart: the first is the least recently checked.
        _copies = [];
        for (var i = 0; i < 3; i++)
        {
            _copies.Add(await MirrorAsync(await _store.AddVideoAsync(TimeSpan.FromDays(10 - i), MirrorState.Pending)));
            _store.Time.Advance(TimeSpan.FromMinutes(1));
        }
    }

    public async Task DisposeAsync()
    {
        _metrics.Dispose();
        await _store.DisposeAsync();
        await _drive.DisposeAsync();
    }

    [Fact]
    public async Task Copies_are_checked_least_recently_checked_first_once_due_and_the_order_survives_a_restart()
    {
        var first = NewService();

        var notDue = await first.CheckNextAsync(CancellationToken.None);
        _store.Time.Advance(MaxAge);
        var afterFirst = await first.CheckNextAsync(CancellationToken.None);
        var restarted = NewService();
        await restarted.CheckNextAsync(CancellationToken.None);
        await restarted.CheckNextAsync(CancellationToken.None);
        var allChecked = await restarted.CheckNextAsync(CancellationToken.None);

        notDue.Should().Be(DriveCopyCheckService.MaxSleep, "the oldest check is a day minus two minutes from due; the service sleeps at most an hour at a time");
        afterFirst.Should().Be(Interval);
        allChecked.Should().Be(DriveCopyCheckService.MaxSleep, "every copy was just checked");
        GetsOf().Should().Equal(_copies.Select(c => c.FileId), "least recently checked first, each once, and the restarted service went on where the first stopped");
        foreach (var (video, _) in _copies)
        {
            var events = await _store.EventsOfAsync(video);
            events[^1].Kind.Should().Be(VideoEventKind.MirrorCopyVerified);
            events[^1].Detail.Should().StartWith("Intact: size, SHA-256 and MD5 match");
        }
    }

    [Fact]
    public async Task A_copy_that_cannot_be_checked_is_put_aside_and_the_others_are_checked_meanwhile()
    {
        var blocked = _copies[0].FileId;
        _drive.Server.Faults.Add(r => r.Kind == FakeDriveRequestKind.Get && r.Path.EndsWith(blocked, StringComparison.Ordinal), DriveFault.InsufficientFilePermissions(), int.MaxValue);
        var service = NewService();
        _store.Time.Advance(MaxAge);

        await service.CheckNextAsync(CancellationToken.None);
        await service.CheckNextAsync(CancellationToken.None);
        await service.CheckNextAsync(CancellationToken.None);
        var wait = await service.CheckNextAsync(CancellationToken.None);

        GetsOf().Should().Equal(blocked, _copies[1].FileId, _copies[2].FileId);
        wait.Should().Be(2 * Interval, "the failed copy is tried again after twice the interval, before any other copy is due");
        (await Queue.FindMirroredCopyAsync(_copies[0].Video.Id))!.CheckedAt.Should().Be(_copies[0].Video.Mirror.MirroredAt, "a failed check records nothing");

        _drive.Server.Faults.Clear();
        _store.Time.Advance(wait);
        await service.CheckNextAsync(CancellationToken.None);

        GetsOf().Should().HaveCount(4).And.EndWith(blocked);
        (await _store.EventsOfAsync(_copies[0].Video))[^1].Kind.Should().Be(VideoEventKind.MirrorCopyVerified);
    }

    [Fact]
    public async Task The_running_service_checks_no_more_often_than_the_interval_on_the_clock()
    {
        _store.Time.Advance(MaxAge);
        var service = NewService();
        var startedAt = _store.Time.GetUtcNow();

        await service.StartAsync(CancellationToken.None);
        try
        {
            // Time moves only when the test moves it, in steps much smaller than the interval.
            await Poll.UntilAsync(
                async () =>
                {
                    var checks = await VerifiedAtAsync();
                    if (checks.Count < 3)
                    {
                        _store.Time.Advance(TimeSpan.FromSeconds(5));
                    }

                    return checks;
                },
                checks => checks.Count == 3,
                TimeSpan.FromSeconds(30),
                checks => $"{checks.Count} of 3 copies checked");
        }
        finally
        {
            await service.StopAsync(CancellationToken.None);
        }

        var times = await VerifiedAtAsync();
        times[0].Should().BeOnOrAfter(startedAt);
        (times[1] - times[0]).Should().BeGreaterThanOrEqualTo(Interval);
        (times[2] - times[1]).Should().BeGreaterThanOrEqualTo(Interval);
        GetsOf().Should().Equal(_copies.Select(c => c.FileId));
    }

    [Fact]
    public async Task Switched_off_it_checks_nothing()
    {
        _store.Time.Advance(MaxAge);
        var service = NewService(o => o.CheckCopiesInBackground = false);

        await service.StartAsync(CancellationToken.None);
        await service.ExecuteTask!;
        await service.StopAsync(CancellationToken.None);

        GetsOf().Should().BeEmpty();
    }

    private DriveCopyCheckService NewService(Action<GoogleDriveMirrorOptions>? configure = null)
    {
        var options = _drive.Options(o =>
        {
            o.CopyCheckInterval = Interval;
            o.CopyCheckMaxAge = MaxAge;
            configure?.Invoke(o);
        });
        var checker = new DriveCopyChecker(_store.Manifest, _client, _store.Paths, _metrics, new MirrorSignals(), NullLogger<DriveCopyChecker>.Instance);
        return new DriveCopyCheckService(_store.Manifest, checker, _store.Time, Options.Create(options), NullLogger<DriveCopyCheckService>.Instance);
    }

    /// <summary>The Drive file ids the checks asked about, in order.</summary>
    private List<string> GetsOf() =>
        [.. _drive.Server.Requests.Where(r => r.Kind == FakeDriveRequestKind.Get).Select(r => r.Path[(r.Path.LastIndexOf('/') + 1)..])];

    private async Task<List<DateTimeOffset>> VerifiedAtAsync()
    {
        var times = new List<DateTimeOffset>();
        foreach (var (video, _) in _copies)
        {
            times.AddRange((await _store.EventsOfAsync(video)).Where(e => e.Kind == VideoEventKind.MirrorCopyVerified).Select(e => e.At));
        }

        times.Sort();
        return times;
    }

    /// <summary>Puts the video's bytes on the fake Drive and records it mirrored, as the mirror worker does.</summary>
    private async Task<(VideoRecord Video, string FileId)> MirrorAsync(VideoRecord video)
    {
        var bytes = await File.ReadAllBytesAsync(_store.FileOf(video));
        var file = _drive.Server.AddFile(video.StoredName, bytes, DriveTestEnvironment.FolderId, new Dictionary<string, string> { ["videoVaultId"] = video.Id });
        (await Queue.ClaimDueAsync(1)).Should().ContainSingle().Which.Video.Id.Should().Be(video.Id);
        (await Queue.MarkMirroredAsync(video.Id, file.Id, null, Convert.ToHexStringLower(MD5.HashData(bytes)))).Should().BeTrue();
        return ((await _store.Manifest.FindAsync(video.Id))!, file.Id);
    }
}
