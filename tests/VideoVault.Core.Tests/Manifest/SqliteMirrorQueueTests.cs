using VideoVault.Manifest;

namespace VideoVault.Core.Tests.Manifest;

public sealed class SqliteMirrorQueueTests : IAsyncLifetime
{
    private static readonly Uri Session = new("https://upload.example/upload/drive/v3/files?uploadType=resumable&upload_id=abc");

    private readonly ManifestTestContext _context = new();

    private SqliteVideoManifest Manifest => _context.Manifest;

    private IMirrorQueue Queue => _context.Manifest;

    private DateTimeOffset Now => _context.Time.GetUtcNow();

    public Task InitializeAsync() => Task.CompletedTask;

    public Task DisposeAsync() => _context.DisposeAsync().AsTask();

    [Fact]
    public async Task A_pending_video_is_claimed_once_as_uploading_with_its_attempt_recorded()
    {
        var pending = await AddAsync(0, MirrorStatus.Pending);
        await AddAsync(1, MirrorStatus.Disabled);

        var jobs = await Queue.ClaimDueAsync(10);

        var job = jobs.Should().ContainSingle().Subject;
        job.Video.Id.Should().Be(pending.Id);
        job.Video.Mirror.State.Should().Be(MirrorState.Uploading);
        job.Video.Mirror.Attempts.Should().Be(1);
        job.SessionUri.Should().BeNull();
        (await Queue.ClaimDueAsync(10)).Should().BeEmpty();
        (await Manifest.FindAsync(pending.Id))!.Mirror.State.Should().Be(MirrorState.Uploading);
        (await LastEventAsync(pending.Id)).Should().Match<VideoEvent>(e => e.Kind == VideoEventKind.MirrorAttempt && e.Detail == "Attempt 1.");
    }

    [Fact]
    public async Task Claims_take_the_oldest_videos_first_up_to_the_maximum()
    {
        var newer = await AddAsync(5, MirrorStatus.Pending);
        var oldest = await AddAsync(1, MirrorStatus.Pending);
        var middle = await AddAsync(3, MirrorStatus.Pending);

        (await Queue.ClaimDueAsync(2)).Select(j => j.Video.Id).Should().Equal(oldest.Id, middle.Id);
        (await Queue.ClaimDueAsync(2)).Select(j => j.Video.Id).Should().Equal(newer.Id);
    }

    [Fact]
    public async Task Two_concurrent_claimers_on_one_file_never_get_the_same_job()
    {
        var ids = new List<string>();
        for (var i = 0; i < 40; i++)
        {
            ids.Add((await AddAsync(i, MirrorStatus.Pending)).Id);
        }

        var other = _context.Open();
        await other.InitializeAsync(CancellationToken.None);

        static async Task<List<string>> Drain(IMirrorQueue queue)
        {
            var claimed = new List<string>();
            while (true)
            {
                var jobs = await queue.ClaimDueAsync(3);
                if (jobs.Count == 0)
                {
                    return claimed;
                }

                claimed.AddRange(jobs.Select(j => j.Video.Id));
            }
        }

        var results = await Task.WhenAll(Task.Run(() => Drain(Queue)), Task.Run(() => Drain(other)), Task.Run(() => Drain(Queue)));

        results.SelectMany(r => r).Should().OnlyHaveUniqueItems().And.BeEquivalentTo(ids);
        (await Manifest.GetEventsAsync(new VideoEventQuery())).Count(e => e.Kind == VideoEventKind.MirrorAttempt).Should().Be(40);
    }

    [Fact]
    public async Task Recovering_after_a_crash_requeues_uploads_and_keeps_the_session_and_remote_id()
    {
        var video = await AddAsync(0, MirrorStatus.Pending);
        await Queue.ClaimDueAsync(1);
        (await Queue.SetRemoteFileIdAsync(video.Id, "remote-1")).Should().BeTrue();
        (await Queue.SaveUploadSessionAsync(video.Id, Session)).Should().BeTrue();
        await Manifest.DisposeAsync();
        _context.Time.Advance(TimeSpan.FromMinutes(3));

        IMirrorQueue restarted = _context.Open();
        (await restarted.RecoverInterruptedAsync()).Should().Be(1);
        (await restarted.RecoverInterruptedAsync()).Should().Be(0);

        var job = (await restarted.ClaimDueAsync(1)).Should().ContainSingle().Subject;
        job.SessionUri.Should().Be(Session);
        job.SessionStartedAt.Should().Be(ManifestTestContext.Start);
        job.Video.Mirror.RemoteFileId.Should().Be("remote-1");
        job.Video.Mirror.Attempts.Should().Be(2);
        var events = await ((IVideoManifest)restarted).GetEventsAsync(new VideoEventQuery { VideoId = video.Id, Tail = 2 });
        events.Select(e => e.Kind).Should().Equal(VideoEventKind.MirrorRetry, VideoEventKind.MirrorAttempt);
        events[1].Detail.Should().Be("Attempt 2, resuming the saved upload session.");
    }

    [Fact]
    public async Task A_cleared_session_is_not_offered_to_the_next_attempt()
    {
        var video = await AddAsync(0, MirrorStatus.Pending);
        await Queue.ClaimDueAsync(1);
        await Queue.SaveUploadSessionAsync(video.Id, Session);

        (await Queue.ClearUploadSessionAsync(video.Id)).Should().BeTrue();
        await Queue.MarkRetryingAsync(video.Id, "expired session", Now);

        var job = (await Queue.ClaimDueAsync(1)).Should().ContainSingle().Subject;
        job.SessionUri.Should().BeNull();
        job.SessionStartedAt.Should().BeNull();
    }

    [Fact]
    public async Task A_retrying_job_is_not_claimed_before_its_next_attempt_time()
    {
        var video = await AddAsync(0, MirrorStatus.Pending);
        await Queue.ClaimDueAsync(1);
        var nextAttempt = Now.AddMinutes(5);

        (await Queue.MarkRetryingAsync(video.Id, "HTTP 503 from the remote.", nextAttempt)).Should().BeTrue();

        var record = await Manifest.FindAsync(video.Id);
        record!.Mirror.Should().Match<MirrorStatus>(m =>
            m.State == MirrorState.Retrying && m.LastError == "HTTP 503 from the remote." && m.NextAttemptAt == nextAttempt && m.Attempts == 1);
        (await LastEventAsync(video.Id)).Kind.Should().Be(VideoEventKind.MirrorRetry);
        (await Queue.GetNextDueAtAsync()).Should().Be(nextAttempt);
        (await Queue.CountBacklogAsync()).Should().Be(1);

        _context.Time.Advance(TimeSpan.FromMinutes(4));
        (await Queue.ClaimDueAsync(1)).Should().BeEmpty();

        _context.Time.Advance(TimeSpan.FromMinutes(1));
        var job = (await Queue.ClaimDueAsync(1)).Should().ContainSingle().Subject;
        job.Video.Mirror.Attempts.Should().Be(2);
        job.Video.Mirror.NextAttemptAt.Should().BeNull();
        job.Video.Mirror.LastError.Should().Be("HTTP 503 from the remote.");
    }

    [Fact]
    public async Task Marking_mirrored_records_the_copy_an_event_and_a_notification()
    {
        var video = await AddAsync(0, MirrorStatus.Pending);
        await Queue.ClaimDueAsync(1);
        await Queue.SaveUploadSessionAsync(video.Id, Session);
        await Queue.MarkRetryingAsync(video.Id, "reset", Now);
        await Queue.ClaimDueAsync(1);
        _context.Time.Advance(TimeSpan.FromSeconds(30));

        (await Queue.MarkMirroredAsync(video.Id, "remote-9", "https://drive.example/remote-9")).Should().BeTrue();

        (await Manifest.FindAsync(video.Id))!.Mirror.Should().Be(new MirrorStatus
        {
            State = MirrorState.Mirrored,
            Attempts = 2,
            RemoteFileId = "remote-9",
            RemoteLink = "https://drive.example/remote-9",
            MirroredAt = Now,
        });
        _context.Scalar($"SELECT COUNT(*) FROM videos WHERE id = '{video.Id}' AND mirror_session_uri IS NULL;").Should().Be(1);
        (await LastEventAsync(video.Id)).Should().Match<VideoEvent>(e =>
            e.Kind == VideoEventKind.Mirrored && e.Detail == "Verified as remote file remote-9 after 2 attempt(s).");
        (await Queue.CountBacklogAsync()).Should().Be(0);
        (await Queue.GetNextDueAtAsync()).Should().BeNull();

        var notifications = await Queue.ClaimDueNotificationsAsync(10, TimeSpan.FromMinutes(1));
        notifications.Select(n => n.Kind).Should().Equal(ManifestNotificationKind.Stored, ManifestNotificationKind.Mirrored);
        notifications[1].Detail.Should().Be("https://drive.example/remote-9");
    }

    [Fact]
    public async Task Worker_calls_on_a_video_that_is_not_claimed_change_nothing()
    {
        var pending = await AddAsync(0, MirrorStatus.Pending);

        (await Queue.MarkMirroredAsync(pending.Id, "remote", null)).Should().BeFalse();
        (await Queue.MarkRetryingAsync(pending.Id, "x", Now)).Should().BeFalse();
        (await Queue.MarkFailedAsync(pending.Id, "x")).Should().BeFalse();
        (await Queue.SetRemoteFileIdAsync(pending.Id, "remote")).Should().BeFalse();
        (await Queue.SaveUploadSessionAsync(pending.Id, Session)).Should().BeFalse();
        (await Queue.MarkMirroredAsync("unknown", "remote", null)).Should().BeFalse();

        (await Manifest.FindAsync(pending.Id)).Should().Be(pending);
        (await Manifest.GetEventsAsync(new VideoEventQuery())).Should().ContainSingle();
    }

    [Fact]
    public async Task A_video_deleted_while_uploading_is_abandoned_by_the_worker()
    {
        var video = await AddAsync(0, MirrorStatus.Pending);
        await Queue.ClaimDueAsync(1);

        await Manifest.RemoveAsync(video.Id, "deleted by admin");

        (await Queue.MarkMirroredAsync(video.Id, "remote", null)).Should().BeFalse();
        (await Queue.CountBacklogAsync()).Should().Be(0);
    }

    [Fact]
    public async Task A_permanent_failure_is_kept_with_its_reason_until_an_admin_requeues_it()
    {
        var failed = await AddAsync(0, MirrorStatus.Pending);
        var alsoFailed = await AddAsync(1, MirrorStatus.Pending);
        await Queue.ClaimDueAsync(2);
        await Queue.SetRemoteFileIdAsync(failed.Id, "remote-1");

        (await Queue.MarkFailedAsync(failed.Id, "The service account has no storage quota.")).Should().BeTrue();
        await Queue.MarkFailedAsync(alsoFailed.Id, "Local file is gone.");

        var record = (await Manifest.FindAsync(failed.Id))!;
        record.Mirror.State.Should().Be(MirrorState.Failed);
        record.Mirror.LastError.Should().Be("The service account has no storage quota.");
        record.Mirror.RemoteFileId.Should().Be("remote-1");
        (await LastEventAsync(failed.Id)).Kind.Should().Be(VideoEventKind.MirrorFailed);
        (await Queue.ClaimDueAsync(10)).Should().BeEmpty();
        (await Queue.CountBacklogAsync()).Should().Be(0);
        var notifications = await Queue.ClaimDueNotificationsAsync(10, TimeSpan.FromMinutes(1));
        notifications.Where(n => n.Kind == ManifestNotificationKind.Failed).Select(n => n.Detail)
            .Should().Equal("The service account has no storage quota.", "Local file is gone.");

        (await Queue.RequeueAsync(failed.Id)).Should().Be(1);
        (await Queue.RequeueAsync(failed.Id)).Should().Be(0);
        (await Queue.RequeueAsync(null)).Should().Be(1);

        (await LastEventAsync(failed.Id)).Kind.Should().Be(VideoEventKind.MirrorRequeued);
        var jobs = await Queue.ClaimDueAsync(10);
        jobs.Select(j => j.Video.Id).Should().Equal(failed.Id, alsoFailed.Id);
        jobs[0].Video.Mirror.Attempts.Should().Be(1);
        jobs[0].Video.Mirror.RemoteFileId.Should().Be("remote-1");
    }

    [Fact]
    public async Task Requeueing_one_retrying_video_makes_it_due_now()
    {
        var video = await AddAsync(0, MirrorStatus.Pending);
        await Queue.ClaimDueAsync(1);
        await Queue.MarkRetryingAsync(video.Id, "429", Now.AddHours(1));

        (await Queue.RequeueAsync(video.Id)).Should().Be(1);

        (await Queue.ClaimDueAsync(1)).Should().ContainSingle().Which.Video.Id.Should().Be(video.Id);
    }

    [Fact]
    public async Task Enabling_mirroring_queues_every_disabled_video_and_nothing_else()
    {
        var disabled = await AddAsync(0, MirrorStatus.Disabled);
        var alsoDisabled = await AddAsync(1, MirrorStatus.Disabled);
        var mirrored = await AddAsync(2, new MirrorStatus { State = MirrorState.Mirrored, RemoteFileId = "r" });

        (await Queue.EnableMirroringAsync()).Should().Be(2);
        (await Queue.EnableMirroringAsync()).Should().Be(0);

        (await Queue.CountBacklogAsync()).Should().Be(2);
        (await Queue.GetNextDueAtAsync()).Should().Be(Now);
        (await Manifest.FindAsync(mirrored.Id)).Should().Be(mirrored);
        (await Queue.ClaimDueAsync(10)).Select(j => j.Video.Id).Should().Equal(disabled.Id, alsoDisabled.Id);
        (await Manifest.GetEventsAsync(new VideoEventQuery())).Count(e => e.Kind == VideoEventKind.MirrorRequeued).Should().Be(2);
    }

    [Fact]
    public async Task Notifications_are_leased_retried_with_backoff_and_never_redelivered_once_delivered()
    {
        var video = await AddAsync(0, MirrorStatus.Disabled);
        var lease = TimeSpan.FromMinutes(1);

        var first = (await Queue.ClaimDueNotificationsAsync(10, lease)).Should().ContainSingle().Subject;
        first.Should().Match<ManifestNotification>(n =>
            n.VideoId == video.Id && n.Kind == ManifestNotificationKind.Stored && n.Attempts == 1 && n.CreatedAt == ManifestTestContext.Start);
        (await Queue.ClaimDueNotificationsAsync(10, lease)).Should().BeEmpty();
        (await Queue.GetNextNotificationDueAtAsync()).Should().Be(Now + lease);

        // The handler never answered (a crash): the lease runs out and the notification is due again.
        _context.Time.Advance(lease);
        var second = (await Queue.ClaimDueNotificationsAsync(10, lease)).Should().ContainSingle().Subject;
        second.Attempts.Should().Be(2);

        (await Queue.MarkNotificationFailedAsync(second.Sequence, "webhook answered 500", Now.AddMinutes(10))).Should().BeTrue();
        _context.Time.Advance(TimeSpan.FromMinutes(9));
        (await Queue.ClaimDueNotificationsAsync(10, lease)).Should().BeEmpty();
        _context.Time.Advance(TimeSpan.FromMinutes(1));
        var third = (await Queue.ClaimDueNotificationsAsync(10, lease)).Should().ContainSingle().Subject;
        third.Should().Match<ManifestNotification>(n => n.Attempts == 3 && n.LastError == "webhook answered 500");

        (await Queue.MarkNotificationDeliveredAsync(third.Sequence)).Should().BeTrue();
        (await Queue.MarkNotificationDeliveredAsync(third.Sequence)).Should().BeFalse();
        (await Queue.MarkNotificationFailedAsync(third.Sequence, "late", Now)).Should().BeFalse();
        _context.Time.Advance(TimeSpan.FromDays(1));
        (await Queue.ClaimDueNotificationsAsync(10, lease)).Should().BeEmpty();
        (await Queue.GetNextNotificationDueAtAsync()).Should().BeNull();

        (await Queue.PurgeDeliveredNotificationsAsync(Now)).Should().Be(1);
        _context.Scalar("SELECT COUNT(*) FROM notifications;").Should().Be(0);
    }

    [Fact]
    public async Task Notifications_are_claimed_oldest_first_and_exclusively_by_concurrent_claimers()
    {
        for (var i = 0; i < 30; i++)
        {
            await AddAsync(i, MirrorStatus.Disabled);
        }

        var other = _context.Open();

        static async Task<List<long>> Drain(IMirrorQueue queue)
        {
            var claimed = new List<long>();
            while (true)
            {
                var batch = await queue.ClaimDueNotificationsAsync(4, TimeSpan.FromHours(1));
                if (batch.Count == 0)
                {
                    return claimed;
                }

                batch.Select(n => n.Sequence).Should().BeInAscendingOrder();
                claimed.AddRange(batch.Select(n => n.Sequence));
            }
        }

        var results = await Task.WhenAll(Task.Run(() => Drain(Queue)), Task.Run(() => Drain(other)));

        results.SelectMany(r => r).Should().OnlyHaveUniqueItems().And.HaveCount(30);
    }

    private async Task<VideoRecord> AddAsync(int seconds, MirrorStatus mirror)
    {
        var video = TestRecords.Create(ManifestTestContext.Start.AddSeconds(seconds), mirror: mirror);
        (await Manifest.AddAsync(video, VideoEventKind.Stored, null)).Should().BeTrue();
        return video;
    }

    private async Task<VideoEvent> LastEventAsync(string videoId) =>
        (await Manifest.GetEventsAsync(new VideoEventQuery { VideoId = videoId, Tail = 1 })).Single();
}
