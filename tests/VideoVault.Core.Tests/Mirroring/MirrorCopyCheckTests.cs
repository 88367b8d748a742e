using System.Collections.Concurrent;
using System.Diagnostics.Metrics;
using System.Security.Cryptography;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using VideoVault.Events;
using VideoVault.FakeDrive;
using VideoVault.Manifest;
using VideoVault.Mirroring.GoogleDrive;

namespace VideoVault.Tests.Mirroring;

/// <summary>
/// Checks of the mirror copies end to end: a real host (store, manifest, mirror worker, Google.Apis client) against
/// the fake Drive, whose files the tests delete, trash or alter after they were verified.
/// </summary>
public sealed class MirrorCopyCheckTests : IAsyncLifetime
{
    private readonly RecordingLogger<DriveCopyChecker> _log = new();
    private readonly LostEvents _lost = new();
    private MirrorTestContext _context = null!;

    private FakeDriveServer Drive => _context.Drive;

    public async Task InitializeAsync() => _context = await MirrorTestContext.StartAsync();

    public async Task DisposeAsync() => await _context.DisposeAsync();

    [Fact]
    public async Task A_copy_deleted_on_Drive_and_one_with_altered_bytes_are_requeued_and_uploaded_again_and_an_intact_one_is_recorded_verified()
    {
        var host = await StartHostAsync();
        var (deleted, deletedBytes) = await MirroredAsync(host);
        var (altered, alteredBytes) = await MirroredAsync(host);
        var (intact, _) = await MirroredAsync(host);
        Drive.RemoveFile(deleted.Mirror.RemoteFileId!).Should().BeTrue();
        Drive.CorruptContent(altered.Mirror.RemoteFileId!, 1000).Should().BeTrue();
        var progress = new ConcurrentQueue<MirrorCopyProgress>();

        var results = await Maintenance(host).VerifyMirrorCopiesAsync(new Progress(progress));

        results.Should().HaveCount(3);
        var gone = results.Single(r => r.Video.Id == deleted.Id);
        gone.Outcome.Should().Be(MirrorCopyOutcome.Missing);
        gone.Action.Should().Be(MirrorCopyAction.Requeued);
        gone.LocalOutcome.Should().Be(VerificationOutcome.Intact);
        gone.Detail.Should().Be($"Drive has no file {deleted.Mirror.RemoteFileId} (404 not found)");
        var wrong = results.Single(r => r.Video.Id == altered.Id);
        wrong.Outcome.Should().Be(MirrorCopyOutcome.Corrupt);
        wrong.Action.Should().Be(MirrorCopyAction.Requeued);
        wrong.Detail.Should().Contain("SHA-256");
        var good = results.Single(r => r.Video.Id == intact.Id);
        good.Outcome.Should().Be(MirrorCopyOutcome.Intact);
        good.Action.Should().Be(MirrorCopyAction.None);
        good.Sha256Compared.Should().BeTrue();
        good.Md5Compared.Should().BeTrue("the mirror recorded the MD5 of the bytes it verified");
        progress.Select(p => p.Checked).Should().BeEquivalentTo([1, 2, 3]);
        progress.Should().OnlyContain(p => p.Total == 3);

        (await KindsAsync(host, deleted)).Should().ContainInOrder(VideoEventKind.MirrorCopyMissing, VideoEventKind.MirrorRequeued);
        (await KindsAsync(host, altered)).Should().ContainInOrder(VideoEventKind.MirrorCopyCorrupt, VideoEventKind.MirrorRequeued);
        (await KindsAsync(host, intact)).Should().EndWith(VideoEventKind.MirrorCopyVerified);

        // The one queue: the host's mirror worker uploads both again, and the wrong copy is replaced, not kept beside.
        var reuploaded = await MirrorTestContext.WaitForStateAsync(host, deleted.Id, MirrorState.Mirrored);
        var replaced = await MirrorTestContext.WaitForStateAsync(host, altered.Id, MirrorState.Mirrored);
        _context.ShouldHaveExactlyOneVerifiedCopy(reuploaded, deletedBytes);
        _context.ShouldHaveExactlyOneVerifiedCopy(replaced, alteredBytes);
        reuploaded.Mirror.RemoteFileId.Should().NotBe(deleted.Mirror.RemoteFileId, "a deleted file's id is not reused");
        _lost.Events.Should().BeEmpty();
        (await Maintenance(host).VerifyMirrorCopiesAsync()).Should().OnlyContain(r => r.Outcome == MirrorCopyOutcome.Intact);
    }

    [Fact]
    public async Task A_lost_copy_without_a_local_file_is_raised_by_log_metric_audit_and_host_event()
    {
        var host = await StartHostAsync();
        var (video, _) = await MirroredAsync(host);
        var measurements = new ConcurrentQueue<(string Name, string? Outcome, string? Action)>();
        using var listener = Listen(host, measurements);
        File.Delete(Path.Combine(_context.RootPath, video.RelativePath));
        Drive.RemoveFile(video.Mirror.RemoteFileId!);

        var result = await Maintenance(host).VerifyMirrorCopyAsync(video.StoredName);

        result!.Outcome.Should().Be(MirrorCopyOutcome.Missing);
        result.Action.Should().Be(MirrorCopyAction.Lost);
        result.LocalOutcome.Should().Be(VerificationOutcome.Missing);
        var record = (await host.Services.GetRequiredService<IVideoStore>().FindAsync(video.Id))!;
        record.Mirror.State.Should().Be(MirrorState.Failed);
        record.Mirror.LastError.Should().Contain("LOST").And.Contain("is missing");
        record.Mirror.RemoteFileId.Should().BeNull("the deleted file's id is spent");
        record.LocalState.Should().Be(LocalCopyState.Missing);
        var events = await host.Services.GetRequiredService<IVideoManifest>().GetEventsAsync(new VideoEventQuery { VideoId = video.Id });
        events.Select(e => e.Kind).Should().ContainInOrder(VideoEventKind.FileMissing, VideoEventKind.MirrorCopyMissing);
        events[^1].Detail.Should().Contain("LOST");
        _log.Entries.Should().ContainSingle(e => e.Level == LogLevel.Critical && e.EventName == "MirrorCopyLost")
            .Which.Message.Should().Contain(video.Id).And.Contain("LOST");
        measurements.Should().Contain(("videovault.mirror.copies_lost", null, null));
        measurements.Should().Contain(("videovault.mirror.copy_checks", "missing", "lost"));
        var raised = await _lost.WaitForAsync(video.Id);
        raised.Detail.Should().Contain("LOST");
        raised.Video!.Mirror.State.Should().Be(MirrorState.Failed);
    }

    [Fact]
    public async Task A_wrong_copy_of_a_video_whose_local_copy_was_cleaned_up_is_lost_and_left_on_Drive()
    {
        var host = await StartHostAsync();
        var (video, _) = await MirroredAsync(host);
        (await Maintenance(host).RemoveLocalCopyAsync(video.Id)).Outcome.Should().Be(RemoveLocalCopyOutcome.Removed);
        Drive.ReplaceContent(video.Mirror.RemoteFileId!, MirrorTestContext.UniqueMp4(3000));

        var result = await Maintenance(host).VerifyMirrorCopyAsync(video.Id);

        result!.Outcome.Should().Be(MirrorCopyOutcome.Corrupt);
        result.Action.Should().Be(MirrorCopyAction.Lost);
        result.LocalOutcome.Should().Be(VerificationOutcome.NotLocal);
        Drive.FindFile(video.Mirror.RemoteFileId!).Should().NotBeNull("a check never deletes anything on Drive");
        var record = (await host.Services.GetRequiredService<IVideoStore>().FindAsync(video.Id))!;
        record.Mirror.State.Should().Be(MirrorState.Failed);
        record.Mirror.RemoteFileId.Should().Be(video.Mirror.RemoteFileId, "the wrong copy is kept for the admin to look at");
        (await KindsAsync(host, video)).Should().EndWith(VideoEventKind.MirrorCopyCorrupt);
        (await _lost.WaitForAsync(video.Id)).Detail.Should().Contain("left as it is");
    }

    [Fact]
    public async Task A_trashed_copy_is_missing_and_requeued_and_the_trashed_file_is_left_alone()
    {
        var host = await StartHostAsync();
        var (video, bytes) = await MirroredAsync(host);
        Drive.SetTrashed(video.Mirror.RemoteFileId!).Should().BeTrue();

        var result = await Maintenance(host).VerifyMirrorCopyAsync(video.Id);

        result!.Outcome.Should().Be(MirrorCopyOutcome.Missing);
        result.Detail.Should().Contain("is in the trash");
        result.Action.Should().Be(MirrorCopyAction.Requeued);
        var mirrored = await MirrorTestContext.WaitForStateAsync(host, video.Id, MirrorState.Mirrored);
        _context.ShouldHaveExactlyOneVerifiedCopy(mirrored, bytes);
        mirrored.Mirror.RemoteFileId.Should().NotBe(video.Mirror.RemoteFileId);
        Drive.FindFile(video.Mirror.RemoteFileId!)!.Trashed.Should().BeTrue();
    }

    [Fact]
    public async Task When_Drive_reports_no_SHA256_the_MD5_recorded_at_mirror_time_tells_intact_from_wrong()
    {
        var host = await StartHostAsync();
        var (video, _) = await MirroredAsync(host);
        var fileId = video.Mirror.RemoteFileId!;
        Drive.OmitSha256(fileId);

        var intact = await Maintenance(host).VerifyMirrorCopyAsync(video.Id);
        Drive.CorruptContent(fileId, 500);
        var wrong = await Maintenance(host).VerifyMirrorCopyAsync(video.Id);

        intact!.Outcome.Should().Be(MirrorCopyOutcome.Intact);
        intact.Sha256Compared.Should().BeFalse();
        intact.Md5Compared.Should().BeTrue();
        wrong!.Outcome.Should().Be(MirrorCopyOutcome.Corrupt);
        wrong.Detail.Should().Contain("MD5");
        wrong.Action.Should().Be(MirrorCopyAction.Requeued);
    }

    [Fact]
    public async Task A_copy_verified_before_MD5s_were_recorded_learns_its_MD5_from_the_intact_local_copy_once()
    {
        var host = await StartHostAsync();
        var (video, bytes) = await MirroredAsync(host);
        var fileId = video.Mirror.RemoteFileId!;
        Drive.OmitSha256(fileId);
        ForgetRecordedMd5();

        var learned = await Maintenance(host).VerifyMirrorCopyAsync(video.Id);
        var recorded = await ((IMirrorQueue)host.Services.GetRequiredService<IVideoManifest>()).FindMirroredCopyAsync(video.Id);
        (await Maintenance(host).RemoveLocalCopyAsync(video.Id)).Outcome.Should().Be(RemoveLocalCopyOutcome.Removed);
        var withoutLocal = await Maintenance(host).VerifyMirrorCopyAsync(video.Id);
        ForgetRecordedMd5();
        var unverified = await Maintenance(host).VerifyMirrorCopyAsync(video.Id);

        learned!.Outcome.Should().Be(MirrorCopyOutcome.Intact);
        learned.Md5Compared.Should().BeTrue();
        withoutLocal!.Outcome.Should().Be(MirrorCopyOutcome.Intact, "the MD5 learned from the local copy was recorded");
        withoutLocal.Md5Compared.Should().BeTrue();
        recorded!.ContentMd5.Should().Be(Convert.ToHexStringLower(MD5.HashData(bytes)));
        unverified!.Outcome.Should().Be(MirrorCopyOutcome.Unverified, "no SHA-256 from Drive, no MD5 recorded, no local copy to learn it from");
        unverified.Action.Should().Be(MirrorCopyAction.None);
    }

    [Fact]
    public async Task A_video_that_is_not_mirrored_is_not_checked_and_an_unknown_one_is_null()
    {
        var host = await StartHostAsync(paused: true);
        var pending = await MirrorTestContext.SaveAsync(host, MirrorTestContext.UniqueMp4(4000));

        var result = await Maintenance(host).VerifyMirrorCopyAsync(pending.Id);

        result!.Outcome.Should().Be(MirrorCopyOutcome.NotMirrored);
        result.Action.Should().Be(MirrorCopyAction.None);
        (await Maintenance(host).VerifyMirrorCopyAsync("unknown.mp4")).Should().BeNull();
        Drive.Requests.Should().NotContain(r => r.Kind == FakeDriveRequestKind.Get);
    }

    [Fact]
    public async Task Without_a_mirror_verifying_copies_is_a_setup_mistake_that_says_how_to_fix_it()
    {
        var host = await _context.StartHostAsync(mirror: false);

        var act = () => Maintenance(host).VerifyMirrorCopiesAsync();

        (await act.Should().ThrowAsync<InvalidOperationException>()).WithMessage("*AddGoogleDriveMirror*Enabled=true*");
    }

    [Fact]
    public async Task A_check_Drive_refuses_changes_nothing_and_says_so()
    {
        var host = await StartHostAsync();
        var (video, _) = await MirroredAsync(host);
        Drive.Faults.Add(r => r.Kind == FakeDriveRequestKind.Get, DriveFault.InsufficientFilePermissions(), int.MaxValue);

        var result = await Maintenance(host).VerifyMirrorCopyAsync(video.Id);

        result!.Outcome.Should().Be(MirrorCopyOutcome.CheckFailed);
        result.Action.Should().Be(MirrorCopyAction.None);
        result.Detail.Should().Contain("could not be asked");
        (await host.Services.GetRequiredService<IVideoStore>().FindAsync(video.Id))!.Mirror.State.Should().Be(MirrorState.Mirrored);
        (await KindsAsync(host, video)).Should().NotContain([VideoEventKind.MirrorCopyMissing, VideoEventKind.MirrorCopyCorrupt, VideoEventKind.MirrorCopyVerified]);
    }

    private Task<IHost> StartHostAsync(bool paused = false) => _context.StartHostAsync(
        drive: o =>
        {
            // The tests call the checks themselves; the background pace has its own tests.
            o.CheckCopiesInBackground = false;
            if (paused)
            {
                o.UploadLimitPause = TimeSpan.FromHours(1);
            }
        },
        vault: v =>
        {
            v.Services.AddSingleton<ILogger<DriveCopyChecker>>(_log);
            v.Services.AddSingleton(_lost);
            v.AddEventHandler<LostEvents.Handler>();
            if (paused)
            {
                Drive.Faults.Add(r => r.Kind == FakeDriveRequestKind.GenerateIds, DriveFault.UploadLimitExceeded(), int.MaxValue);
            }
        });

    private static IVideoMaintenance Maintenance(IHost host) => host.Services.GetRequiredService<IVideoMaintenance>();

    private static async Task<(VideoRecord Video, byte[] Bytes)> MirroredAsync(IHost host)
    {
        var bytes = MirrorTestContext.UniqueMp4(MirrorTestContext.Chunk + 4321);
        var stored = await MirrorTestContext.SaveAsync(host, bytes);
        return (await MirrorTestContext.WaitForStateAsync(host, stored.Id, MirrorState.Mirrored), bytes);
    }

    private static async Task<List<VideoEventKind>> KindsAsync(IHost host, VideoRecord video) =>
        [.. (await host.Services.GetRequiredService<IVideoManifest>().GetEventsAsync(new VideoEventQuery { VideoId = video.Id })).Select(e => e.Kind)];

    /// <summary>What a manifest migrated from before MD5s were recorded holds for a mirrored copy.</summary>
    private void ForgetRecordedMd5()
    {
        using var connection = new SqliteConnection($"Data Source={Path.Combine(_context.RootPath, "manifest.db")};Pooling=False");
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = "UPDATE videos SET mirror_md5 = NULL;";
        command.ExecuteNonQuery();
    }

    private static MeterListener Listen(IHost host, ConcurrentQueue<(string Name, string? Outcome, string? Action)> measurements)
    {
        var factory = host.Services.GetRequiredService<IMeterFactory>();
        var listener = new MeterListener
        {
            InstrumentPublished = (instrument, l) =>
            {
                if (ReferenceEquals(instrument.Meter.Scope, factory) && instrument.Name.StartsWith("videovault.mirror.cop", StringComparison.Ordinal))
                {
                    l.EnableMeasurementEvents(instrument);
                }
            },
        };
        listener.SetMeasurementEventCallback<long>((instrument, _, tags, _) =>
        {
            string? outcome = null, action = null;
            foreach (var tag in tags)
            {
                outcome = tag.Key == "outcome" ? tag.Value as string : outcome;
                action = tag.Key == "action" ? tag.Value as string : action;
            }

            measurements.Enqueue((instrument.Name, outcome, action));
        });
        listener.Start();
        return listener;
    }

    private sealed class Progress(ConcurrentQueue<MirrorCopyProgress> reports) : IProgress<MirrorCopyProgress>
    {
        public void Report(MirrorCopyProgress value) => reports.Enqueue(value);
    }

    /// <summary>The host events of kind <see cref="VideoVaultEventKind.MirrorCopyLost"/> the host's handler received.</summary>
    private sealed class LostEvents
    {
        public ConcurrentQueue<VideoVaultEvent> Events { get; } = new();

        public async Task<VideoVaultEvent> WaitForAsync(string videoId) =>
            (await Poll.UntilAsync(
                () => Task.FromResult(Events.FirstOrDefault(e => e.VideoId == videoId)),
                found => found is not null,
                TimeSpan.FromSeconds(20),
                _ => $"No MirrorCopyLost event for {videoId}."))!;

        public sealed class Handler(LostEvents lost) : IVideoVaultEventHandler
        {
            public Task HandleAsync(VideoVaultEvent videoEvent, CancellationToken cancellationToken)
            {
                if (videoEvent.Kind == VideoVaultEventKind.MirrorCopyLost)
                {
                    lost.Events.Enqueue(videoEvent);
                }

                return Task.CompletedTask;
            }
        }
    }
}
