using System.Collections.Concurrent;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;
using VideoVault.Events;
using VideoVault.FakeDrive;
using VideoVault.Mirroring.GoogleDrive;
using VideoVault.Storage;
using VideoVault.Tests.Mirroring;
using VideoVault.Tests.Storage;

namespace VideoVault.Core.Tests.Maintenance;

/// <summary>
/// Restore from Drive through a real host: the real store, manifest, credential flow and client against the fake
/// Drive on loopback, through each of its download faults. Nothing wrong is ever published.
/// </summary>
public sealed class VideoRestorerTests : IAsyncLifetime
{
    // Three 1 MiB blocks and a bit: an interrupted download keeps whole blocks, so a resume has somewhere to start.
    private const int Size = (3 << 20) + 12_345;
    private const int OneMiB = 1 << 20;

    private MirrorTestContext _context = null!;

    public async Task InitializeAsync() => _context = await MirrorTestContext.StartAsync();

    public async Task DisposeAsync() => await _context.DisposeAsync();

    [Fact]
    public async Task A_missing_copy_is_restored_byte_identical_listed_present_with_a_restored_audit_event_and_host_event()
    {
        var recorder = new EventRecorder();
        var (host, video, content) = await MirroredVideoAsync(vault: v =>
        {
            v.Services.AddSingleton(recorder);
            v.AddEventHandler<RecordingHandler>();
        });
        await LoseLocalCopyAsync(host, video);

        var result = await Maintenance(host).RestoreAsync(video.StoredName);

        result.Outcome.Should().Be(RestoreOutcome.Restored, result.Done);
        result.Found.Should().Contain("marked missing").And.Contain(video.Mirror.RemoteFileId!);
        result.Done.Should().Contain("SHA-256 matches").And.Contain(video.RelativePath);
        result.Video!.LocalState.Should().Be(LocalCopyState.Present);
        result.BytesDownloaded.Should().Be(Size);
        result.DownloadRequests.Should().Be(1);
        (await File.ReadAllBytesAsync(PathOf(video))).Should().Equal(content);
        (await Store(host).FindAsync(video.Id))!.LocalState.Should().Be(LocalCopyState.Present);
        var listed = await Store(host).ListAsync(new VideoQuery { Search = video.StoredName });
        listed.Videos.Should().ContainSingle().Which.LocalState.Should().Be(LocalCopyState.Present);
        (await EventsAsync(host, video)).Should().EndWith(VideoEventKind.Restored);
        var delivered = await recorder.WaitForAsync(e => e.Kind == VideoVaultEventKind.Restored && e.VideoId == video.Id);
        delivered.Detail.Should().Contain(video.Mirror.RemoteFileId!);
        IncomingLeftovers().Should().BeEmpty();
        (await Maintenance(host).VerifyAsync(video.Id))!.Outcome.Should().Be(VerificationOutcome.Intact);
    }

    [Fact]
    public async Task A_copy_cleanup_removed_is_restored()
    {
        var (host, video, content) = await MirroredVideoAsync();
        (await Maintenance(host).RemoveLocalCopyAsync(video.Id)).Outcome.Should().Be(RemoveLocalCopyOutcome.Removed);
        File.Exists(PathOf(video)).Should().BeFalse();

        var result = await Maintenance(host).RestoreAsync(video.Id);

        result.Outcome.Should().Be(RestoreOutcome.Restored, result.Done);
        result.Found.Should().Contain("removed by cleanup");
        (await File.ReadAllBytesAsync(PathOf(video))).Should().Equal(content);
        (await Store(host).FindAsync(video.Id))!.LocalState.Should().Be(LocalCopyState.Present);
        (await EventsAsync(host, video)).Should().ContainInOrder(VideoEventKind.LocalCopyRemoved, VideoEventKind.Restored);
    }

    [Fact]
    public async Task A_download_cut_short_resumes_with_a_range_from_the_last_durable_block_and_finishes()
    {
        var (host, video, content) = await MirroredVideoAsync();
        await LoseLocalCopyAsync(host, video);
        _context.Drive.Faults.Enqueue(FakeDriveRequestKind.Download, DriveFault.TruncatedDownload((2 * OneMiB) + 500_000));

        var result = await Maintenance(host).RestoreAsync(video.Id);

        result.Outcome.Should().Be(RestoreOutcome.Restored, result.Done);
        result.DownloadRequests.Should().Be(2);
        var downloads = DownloadRequests();
        downloads.Select(r => r.DownloadRange).Should().Equal(null, $"bytes={2 * OneMiB}-");
        downloads[0].Fault.Should().StartWith("truncate");
        (await File.ReadAllBytesAsync(PathOf(video))).Should().Equal(content);
        IncomingLeftovers().Should().BeEmpty();
    }

    [Fact]
    public async Task A_connection_reset_mid_download_resumes_and_finishes()
    {
        var (host, video, content) = await MirroredVideoAsync();
        await LoseLocalCopyAsync(host, video);
        _context.Drive.Faults.Enqueue(FakeDriveRequestKind.Download, DriveFault.ResetDownload((2 * OneMiB) + 500_000));

        var result = await Maintenance(host).RestoreAsync(video.Id);

        result.Outcome.Should().Be(RestoreOutcome.Restored, result.Done);
        var downloads = DownloadRequests();
        downloads.Should().HaveCount(2);
        downloads[0].Aborted.Should().BeTrue();
        downloads[1].DownloadRange.Should().Match(range => range == null || range.StartsWith("bytes=", StringComparison.Ordinal));
        (await File.ReadAllBytesAsync(PathOf(video))).Should().Equal(content);
    }

    [Fact]
    public async Task Repeated_breaks_that_each_bring_more_bytes_do_not_use_up_the_retries()
    {
        var (host, video, content) = await MirroredVideoAsync(drive: o => o.RestoreMaxAttempts = 2);
        await LoseLocalCopyAsync(host, video);
        _context.Drive.Faults.Add(r => r.Kind == FakeDriveRequestKind.Download, DriveFault.TruncatedDownload(OneMiB + 100), times: 3);

        var result = await Maintenance(host).RestoreAsync(video.Id);

        result.Outcome.Should().Be(RestoreOutcome.Restored, result.Done);
        DownloadRequests().Select(r => r.DownloadRange).Should().Equal(null, $"bytes={OneMiB}-", $"bytes={2 * OneMiB}-", $"bytes={3 * OneMiB}-");
        (await File.ReadAllBytesAsync(PathOf(video))).Should().Equal(content);
    }

    [Fact]
    public async Task A_download_with_wrong_bytes_is_never_published_and_the_audit_trail_says_so()
    {
        var (host, video, content) = await MirroredVideoAsync();
        await LoseLocalCopyAsync(host, video);
        _context.Drive.Faults.Enqueue(FakeDriveRequestKind.Download, DriveFault.CorruptDownload(Size / 2, count: 4));

        var refused = await Maintenance(host).RestoreAsync(video.Id);

        refused.Outcome.Should().Be(RestoreOutcome.MirrorCopyCorrupt);
        refused.Done.Should().Contain("differs from the recorded").And.Contain("nothing published");
        File.Exists(PathOf(video)).Should().BeFalse();
        IncomingLeftovers().Should().BeEmpty();
        (await Store(host).FindAsync(video.Id))!.LocalState.Should().Be(LocalCopyState.Missing);
        (await EventsAsync(host, video)).Should().EndWith(VideoEventKind.RestoreFailed);

        // The transfer was wrong, not the copy: the next restore gets the right bytes.
        var retried = await Maintenance(host).RestoreAsync(video.Id);

        retried.Outcome.Should().Be(RestoreOutcome.Restored);
        (await File.ReadAllBytesAsync(PathOf(video))).Should().Equal(content);
    }

    [Fact]
    public async Task A_copy_whose_bytes_went_bad_on_Drive_is_refused_from_its_reported_checksum_without_downloading()
    {
        var (host, video, _) = await MirroredVideoAsync();
        await LoseLocalCopyAsync(host, video);
        _context.Drive.CorruptContent(video.Mirror.RemoteFileId!, 1000);

        var result = await Maintenance(host).RestoreAsync(video.Id);

        result.Outcome.Should().Be(RestoreOutcome.MirrorCopyCorrupt);
        result.Done.Should().Contain("nothing downloaded or published");
        DownloadRequests().Should().BeEmpty();
        File.Exists(PathOf(video)).Should().BeFalse();
        (await EventsAsync(host, video)).Should().EndWith(VideoEventKind.RestoreFailed);
    }

    [Fact]
    public async Task A_copy_deleted_on_Drive_is_not_on_the_mirror()
    {
        var (host, video, _) = await MirroredVideoAsync();
        await LoseLocalCopyAsync(host, video);
        _context.Drive.RemoveFile(video.Mirror.RemoteFileId!).Should().BeTrue();

        var result = await Maintenance(host).RestoreAsync(video.Id);

        result.Outcome.Should().Be(RestoreOutcome.NotOnMirror);
        result.Done.Should().Contain("does not exist");
        (await EventsAsync(host, video)).Should().EndWith(VideoEventKind.RestoreFailed);
        File.Exists(PathOf(video)).Should().BeFalse();
    }

    [Fact]
    public async Task A_404_on_the_download_itself_is_not_on_the_mirror_and_publishes_nothing()
    {
        var (host, video, _) = await MirroredVideoAsync();
        await LoseLocalCopyAsync(host, video);
        _context.Drive.Faults.Enqueue(FakeDriveRequestKind.Download, DriveFault.FileNotFound());

        var result = await Maintenance(host).RestoreAsync(video.Id);

        result.Outcome.Should().Be(RestoreOutcome.NotOnMirror);
        File.Exists(PathOf(video)).Should().BeFalse();
        IncomingLeftovers().Should().BeEmpty();
    }

    [Fact]
    public async Task A_403_rate_limit_is_retried_with_backoff_and_the_restore_finishes()
    {
        var (host, video, content) = await MirroredVideoAsync();
        await LoseLocalCopyAsync(host, video);
        _context.Drive.Faults.Add(r => r.Kind == FakeDriveRequestKind.Download, DriveFault.UserRateLimitExceeded(), times: 2);

        var result = await Maintenance(host).RestoreAsync(video.Id);

        result.Outcome.Should().Be(RestoreOutcome.Restored, result.Done);
        DownloadRequests().Select(r => r.StatusCode).Should().Equal(403, 403, 200);
        (await File.ReadAllBytesAsync(PathOf(video))).Should().Equal(content);
    }

    [Fact]
    public async Task A_rate_limit_that_never_lifts_gives_up_after_RestoreMaxAttempts_and_publishes_nothing()
    {
        var (host, video, _) = await MirroredVideoAsync(drive: o => o.RestoreMaxAttempts = 3);
        await LoseLocalCopyAsync(host, video);
        _context.Drive.Faults.Add(r => r.Kind == FakeDriveRequestKind.Download, DriveFault.RateLimitExceeded(), times: int.MaxValue);

        var result = await Maintenance(host).RestoreAsync(video.Id);

        result.Outcome.Should().Be(RestoreOutcome.MirrorFailed);
        result.Done.Should().Contain("3 tries in a row").And.Contain("Rate Limit");
        DownloadRequests().Should().HaveCount(3);
        File.Exists(PathOf(video)).Should().BeFalse();
        IncomingLeftovers().Should().BeEmpty();
    }

    [Fact]
    public async Task A_Retry_After_longer_than_MaxBackoff_ends_the_restore_instead_of_waiting()
    {
        var (host, video, _) = await MirroredVideoAsync();
        await LoseLocalCopyAsync(host, video);
        _context.Drive.Faults.Enqueue(FakeDriveRequestKind.Download, DriveFault.TooManyRequests(TimeSpan.FromSeconds(30)));

        var result = await Maintenance(host).RestoreAsync(video.Id);

        result.Outcome.Should().Be(RestoreOutcome.MirrorFailed);
        result.Done.Should().Contain("asked to wait 30 s");
    }

    [Fact]
    public async Task A_corrupt_local_copy_is_moved_to_quarantine_never_overwritten_and_the_right_bytes_take_its_place()
    {
        var (host, video, content) = await MirroredVideoAsync();
        var corrupt = content.ToArray();
        corrupt[5000] ^= 0xFF;
        await File.WriteAllBytesAsync(PathOf(video), corrupt);

        var result = await Maintenance(host).RestoreAsync(video.Id);

        result.Outcome.Should().Be(RestoreOutcome.Restored, result.Done);
        result.Found.Should().Contain("is corrupt");
        result.QuarantinedPath.Should().StartWith("quarantine/" + video.StoredName);
        (await File.ReadAllBytesAsync(PathOf(video))).Should().Equal(content);
        (await File.ReadAllBytesAsync(Path.Combine(_context.RootPath, result.QuarantinedPath!))).Should().Equal(corrupt);
        var events = await host.Services.GetRequiredService<IVideoManifest>().GetEventsAsync(new VideoEventQuery { VideoId = video.Id });
        events[^1].Kind.Should().Be(VideoEventKind.Restored);
        events[^1].Detail.Should().Contain(result.QuarantinedPath!);
    }

    [Fact]
    public async Task A_file_of_another_size_at_a_missing_videos_path_is_moved_aside_too()
    {
        var (host, video, content) = await MirroredVideoAsync();
        await LoseLocalCopyAsync(host, video);
        await File.WriteAllBytesAsync(PathOf(video), [1, 2, 3]);

        var result = await Maintenance(host).RestoreAsync(video.Id);

        result.Outcome.Should().Be(RestoreOutcome.Restored, result.Done);
        result.Found.Should().Contain("has 3 bytes");
        (await File.ReadAllBytesAsync(Path.Combine(_context.RootPath, result.QuarantinedPath!))).Should().Equal([1, 2, 3]);
        (await File.ReadAllBytesAsync(PathOf(video))).Should().Equal(content);
    }

    [Fact]
    public async Task An_intact_local_copy_is_already_present_and_nothing_is_downloaded()
    {
        var (host, video, _) = await MirroredVideoAsync();

        var result = await Maintenance(host).RestoreAsync(video.Id);

        result.Outcome.Should().Be(RestoreOutcome.AlreadyPresent);
        result.IsPresent.Should().BeTrue();
        DownloadRequests().Should().BeEmpty();
        _context.Drive.Requests.Should().NotContain(r => r.Kind == FakeDriveRequestKind.Get);
    }

    [Fact]
    public async Task A_file_put_back_by_hand_is_marked_present_without_a_download()
    {
        var (host, video, content) = await MirroredVideoAsync();
        await LoseLocalCopyAsync(host, video);
        await File.WriteAllBytesAsync(PathOf(video), content);

        var result = await Maintenance(host).RestoreAsync(video.Id);

        result.Outcome.Should().Be(RestoreOutcome.AlreadyPresent);
        result.Done.Should().Contain("marked it present");
        (await Store(host).FindAsync(video.Id))!.LocalState.Should().Be(LocalCopyState.Present);
        DownloadRequests().Should().BeEmpty();
    }

    [Fact]
    public async Task A_video_without_a_verified_copy_and_an_unknown_video_are_typed_results()
    {
        var host = await _context.StartHostAsync();
        _context.Drive.Faults.Add(r => r.Kind == FakeDriveRequestKind.InitiateUpload, DriveFault.StorageQuotaExceeded(), times: int.MaxValue);
        var stored = await MirrorTestContext.SaveAsync(host, MirrorTestContext.UniqueMp4(5000));
        await MirrorTestContext.WaitForStateAsync(host, stored.Id, MirrorState.Failed);
        File.Delete(PathOf(stored));

        var notMirrored = await Maintenance(host).RestoreAsync(stored.Id);
        var unknown = await Maintenance(host).RestoreAsync("20990101_000000_General_nope.mp4");

        notMirrored.Outcome.Should().Be(RestoreOutcome.NotMirrored);
        notMirrored.Found.Should().Contain("no verified copy on Drive (mirror failed)");
        unknown.Outcome.Should().Be(RestoreOutcome.Unknown);
        unknown.Video.Should().BeNull();
        unknown.Target.Should().Be("20990101_000000_General_nope.mp4");
    }

    [Fact]
    public async Task Without_a_Drive_mirror_restore_says_it_is_not_configured()
    {
        var host = await _context.StartHostAsync(mirror: false);
        var stored = await MirrorTestContext.SaveAsync(host, MirrorTestContext.UniqueMp4(5000));

        var result = await Maintenance(host).RestoreAsync(stored.Id);

        result.Outcome.Should().Be(RestoreOutcome.MirrorNotConfigured);
        result.Done.Should().Contain("VideoVault:Drive:Enabled");
    }

    [Fact]
    public async Task Not_enough_free_space_downloads_nothing()
    {
        var (host, video, _) = await MirroredVideoAsync();
        await _context.StopAsync(host);
        var limited = await _context.StartHostAsync(vault: v => v.Services.Configure<VideoVaultOptions>(o => o.MinFreeSpaceBytes = long.MaxValue / 2));
        await LoseLocalCopyAsync(limited, video);

        var result = await Maintenance(limited).RestoreAsync(video.Id);

        result.Outcome.Should().Be(RestoreOutcome.InsufficientStorage);
        DownloadRequests().Should().BeEmpty();
    }

    [Fact]
    public async Task A_directory_fsync_that_fails_after_the_rename_takes_the_file_back_down_and_changes_nothing()
    {
        var failing = false;
        var fileSystem = new FaultInjectingFileSystem
        {
            SyncDirectoryFault = path => failing && path.Contains("videos", StringComparison.Ordinal) ? FaultInjectingFileSystem.Errno(5, "fsync") : null,
        };
        var (host, video, _) = await MirroredVideoAsync(vault: v => v.Services.AddSingleton<IDurableFileSystem>(fileSystem));
        await LoseLocalCopyAsync(host, video);
        failing = true;

        var act = () => Maintenance(host).RestoreAsync(video.Id);

        await act.Should().ThrowAsync<IOException>();
        File.Exists(PathOf(video)).Should().BeFalse();
        IncomingLeftovers().Should().BeEmpty();
        (await Store(host).FindAsync(video.Id))!.LocalState.Should().Be(LocalCopyState.Missing);
        (await EventsAsync(host, video)).Should().NotContain(VideoEventKind.Restored);
    }

    [Fact]
    public async Task Restoring_all_missing_takes_flagged_and_vanished_copies_and_removed_ones_only_when_asked()
    {
        var host = await _context.StartHostAsync();
        var videos = new List<(VideoRecord Video, byte[] Content)>();
        for (var i = 0; i < 4; i++)
        {
            var content = MirrorTestContext.UniqueMp4(20_000 + i);
            var stored = await MirrorTestContext.SaveAsync(host, content, $"clip{i}.mp4");
            videos.Add((await MirrorTestContext.WaitForStateAsync(host, stored.Id, MirrorState.Mirrored), content));
        }

        // videos[3] keeps its local copy and is left alone.
        var (flagged, vanished, removed) = (videos[0], videos[1], videos[2]);
        await LoseLocalCopyAsync(host, flagged.Video);
        File.Delete(PathOf(vanished.Video));
        (await Maintenance(host).RemoveLocalCopyAsync(removed.Video.Id)).Outcome.Should().Be(RemoveLocalCopyOutcome.Removed);

        var first = await Maintenance(host).RestoreAllMissingAsync();
        var second = await Maintenance(host).RestoreAllMissingAsync(includeRemoved: true);

        first.Select(r => (r.Video!.Id, r.Outcome)).Should().BeEquivalentTo([(flagged.Video.Id, RestoreOutcome.Restored), (vanished.Video.Id, RestoreOutcome.Restored)]);
        second.Select(r => (r.Video!.Id, r.Outcome)).Should().Equal((removed.Video.Id, RestoreOutcome.Restored));
        foreach (var (video, content) in videos)
        {
            (await File.ReadAllBytesAsync(PathOf(video))).Should().Equal(content);
            (await Store(host).FindAsync(video.Id))!.LocalState.Should().Be(LocalCopyState.Present);
        }
    }

    [Fact]
    public async Task With_automatic_restore_verify_brings_back_a_missing_and_a_corrupt_copy_at_once()
    {
        var (host, video, content) = await MirroredVideoAsync(drive: o => o.RestoreAutomatically = true);
        var other = await MirrorTestContext.WaitForStateAsync(host, (await MirrorTestContext.SaveAsync(host, MirrorTestContext.UniqueMp4(9000), "b.mp4")).Id, MirrorState.Mirrored);
        var otherContent = await File.ReadAllBytesAsync(PathOf(other));
        File.Delete(PathOf(video));
        await File.WriteAllBytesAsync(PathOf(other), new byte[otherContent.Length]);

        var verified = await Maintenance(host).VerifyAllAsync();

        var missing = verified.Single(v => v.Video.Id == video.Id);
        missing.Outcome.Should().Be(VerificationOutcome.Missing);
        missing.Restore!.Outcome.Should().Be(RestoreOutcome.Restored);
        missing.IsProblem.Should().BeFalse();
        var corrupt = verified.Single(v => v.Video.Id == other.Id);
        corrupt.Outcome.Should().Be(VerificationOutcome.Corrupt);
        corrupt.Restore!.Outcome.Should().Be(RestoreOutcome.Restored);
        corrupt.Restore.QuarantinedPath.Should().NotBeNull();
        (await File.ReadAllBytesAsync(PathOf(video))).Should().Equal(content);
        (await File.ReadAllBytesAsync(PathOf(other))).Should().Equal(otherContent);
    }

    [Fact]
    public async Task Without_automatic_restore_verify_only_reports()
    {
        var (host, video, _) = await MirroredVideoAsync();
        File.Delete(PathOf(video));

        var verified = await Maintenance(host).VerifyAsync(video.Id);

        verified!.Outcome.Should().Be(VerificationOutcome.Missing);
        verified.Restore.Should().BeNull();
        verified.IsProblem.Should().BeTrue();
        File.Exists(PathOf(video)).Should().BeFalse();
    }

    [Fact]
    public async Task With_automatic_restore_a_host_restores_videos_flagged_missing_after_it_starts()
    {
        var (host, video, content) = await MirroredVideoAsync();
        await LoseLocalCopyAsync(host, video);
        await _context.StopAsync(host);

        var restarted = await _context.StartHostAsync(o => o.RestoreAutomatically = true);

        await Poll.UntilAsync(() => Store(restarted).FindAsync(video.Id), v => v?.LocalState == LocalCopyState.Present, TimeSpan.FromSeconds(20),
            v => $"the video is still {v?.LocalState}");
        (await File.ReadAllBytesAsync(PathOf(video))).Should().Equal(content);
    }

    [Fact]
    public async Task Automatic_restore_without_the_mirror_fails_the_host_at_start()
    {
        var host = _context.Build(drive: o => o.RestoreAutomatically = true, mirror: false);

        var act = () => host.StartAsync();

        (await act.Should().ThrowAsync<OptionsValidationException>()).Which.Message.Should().Contain("RestoreAutomatically");
        host.Dispose();
    }

    [Theory]
    [InlineData(0, null, 0)]
    [InlineData(0, 5.0, 5000)]
    [InlineData(1, null, 100)]
    [InlineData(3, null, 400)]
    [InlineData(20, null, 1000)]
    [InlineData(1, 2.0, 2000)]
    public void The_wait_before_a_retry_doubles_is_capped_and_never_undercuts_Retry_After(int failures, double? retryAfterSeconds, int expectedMilliseconds)
    {
        var wait = Maintenance_RestoreRetryBudget_Delay(failures, retryAfterSeconds is { } s ? TimeSpan.FromSeconds(s) : null);

        wait.Should().Be(TimeSpan.FromMilliseconds(expectedMilliseconds));
    }

    private static TimeSpan Maintenance_RestoreRetryBudget_Delay(int failures, TimeSpan? retryAfter) =>
        VideoVault.Maintenance.RestoreRetryBudget.Delay(failures, retryAfter, TimeSpan.FromMilliseconds(100), TimeSpan.FromSeconds(1), jitter: 0);

    private async Task<(IHost Host, VideoRecord Video, byte[] Content)> MirroredVideoAsync(
        Action<GoogleDriveMirrorOptions>? drive = null, Action<IVideoVaultBuilder>? vault = null)
    {
        var host = await _context.StartHostAsync(o =>
        {
            o.RestoreMaxAttempts = 4;
            o.MaxBackoff = TimeSpan.FromSeconds(2);
            drive?.Invoke(o);
        }, vault);
        var content = MirrorTestContext.UniqueMp4(Size);
        var stored = await MirrorTestContext.SaveAsync(host, content);
        var mirrored = await MirrorTestContext.WaitForStateAsync(host, stored.Id, MirrorState.Mirrored);
        return (host, mirrored, content);
    }

    /// <summary>Deletes the local file and lets verify flag it missing, as an admin would find it.</summary>
    private async Task LoseLocalCopyAsync(IHost host, VideoRecord video)
    {
        File.Delete(PathOf(video));
        (await Maintenance(host).VerifyAsync(video.Id))!.Outcome.Should().Be(VerificationOutcome.Missing);
    }

    private static IVideoMaintenance Maintenance(IHost host) => host.Services.GetRequiredService<IVideoMaintenance>();

    private static IVideoStore Store(IHost host) => host.Services.GetRequiredService<IVideoStore>();

    private static async Task<IReadOnlyList<VideoEventKind>> EventsAsync(IHost host, VideoRecord video) =>
        [.. (await host.Services.GetRequiredService<IVideoManifest>().GetEventsAsync(new VideoEventQuery { VideoId = video.Id })).Select(e => e.Kind)];

    private string PathOf(VideoRecord video) => Path.Combine(_context.RootPath, video.RelativePath.Replace('/', Path.DirectorySeparatorChar));

    private IReadOnlyList<FakeDriveRequest> DownloadRequests() => [.. _context.Drive.Requests.Where(r => r.Kind == FakeDriveRequestKind.Download)];

    private IEnumerable<string> IncomingLeftovers()
    {
        var incoming = Path.Combine(_context.RootPath, VideoVaultPaths.IncomingFolderName);
        return Directory.Exists(incoming) ? Directory.EnumerateFiles(incoming, "restore-*") : [];
    }

    private sealed class EventRecorder
    {
        private readonly ConcurrentQueue<VideoVaultEvent> _events = new();

        public void Record(VideoVaultEvent videoEvent) => _events.Enqueue(videoEvent);

        public async Task<VideoVaultEvent> WaitForAsync(Func<VideoVaultEvent, bool> match) =>
            (await Poll.UntilAsync(() => Task.FromResult(_events.FirstOrDefault(match)), found => found is not null, TimeSpan.FromSeconds(20),
                _ => $"No matching event; got: {string.Join(", ", _events.Select(e => e.Kind))}."))!;
    }

    private sealed class RecordingHandler(EventRecorder recorder) : IVideoVaultEventHandler
    {
        public Task HandleAsync(VideoVaultEvent videoEvent, CancellationToken cancellationToken)
        {
            recorder.Record(videoEvent);
            return Task.CompletedTask;
        }
    }
}
