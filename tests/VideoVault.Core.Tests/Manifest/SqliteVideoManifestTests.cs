using Microsoft.Data.Sqlite;
using VideoVault.Manifest;

namespace VideoVault.Core.Tests.Manifest;

public sealed class SqliteVideoManifestTests : IAsyncLifetime
{
    private readonly ManifestTestContext _context = new();

    private SqliteVideoManifest Manifest => _context.Manifest;

    private static DateTimeOffset T(int seconds) => ManifestTestContext.Start.AddSeconds(seconds);

    public Task InitializeAsync() => Task.CompletedTask;

    public Task DisposeAsync() => _context.DisposeAsync().AsTask();

    [Fact]
    public async Task Initialising_creates_the_directory_and_reads_back_wal_and_full_synchronous()
    {
        await Manifest.InitializeAsync(CancellationToken.None);
        await Manifest.InitializeAsync(CancellationToken.None);

        File.Exists(_context.DatabasePath).Should().BeTrue();
        var settings = await Manifest.ReadDurabilityAsync(CancellationToken.None);
        settings.Should().Be(new ManifestDurability("wal", 2, SqliteVideoManifest.BusyTimeoutMilliseconds, true, ManifestSchema.CurrentVersion));
    }

    [Fact]
    public async Task Every_method_initialises_lazily()
    {
        (await Manifest.FindAsync("nothing")).Should().BeNull();

        _context.Scalar("PRAGMA user_version;").Should().Be(ManifestSchema.CurrentVersion);
    }

    [Fact]
    public async Task A_database_from_a_newer_version_is_refused_with_a_clear_message()
    {
        await Manifest.InitializeAsync(CancellationToken.None);
        _context.Scalar("PRAGMA user_version = 99; SELECT 0;");

        var act = () => _context.Open().InitializeAsync(CancellationToken.None);

        (await act.Should().ThrowAsync<InvalidOperationException>()).WithMessage("*schema version 99*Upgrade VideoVault*");
    }

    [Fact]
    public async Task Added_video_is_found_by_id_and_by_stored_name_exactly_as_written()
    {
        var video = TestRecords.Create(T(0).AddTicks(1234567)) with
        {
            OriginalFileName = "Übung 1.mp4",
            Mirror = MirrorStatus.Pending,
        };

        (await Manifest.AddAsync(video, VideoEventKind.Stored, "uploaded")).Should().BeTrue();

        (await Manifest.FindAsync(video.Id)).Should().Be(video);
        var byName = await Manifest.FindAsync(video.StoredName);
        byName.Should().Be(video);
        byName!.CreatedAt.UtcTicks.Should().Be(video.CreatedAt.UtcTicks);
        (await Manifest.FindAsync("unknown.mp4")).Should().BeNull();
    }

    [Fact]
    public async Task Adding_writes_the_event_and_a_stored_notification_in_the_same_commit()
    {
        var video = TestRecords.Create(T(0));

        await Manifest.AddAsync(video, VideoEventKind.Adopted, "found on disk");

        var events = await Manifest.GetEventsAsync(new VideoEventQuery { VideoId = video.Id });
        events.Should().ContainSingle().Which.Should().Match<VideoEvent>(e =>
            e.Kind == VideoEventKind.Adopted && e.Detail == "found on disk" && e.At == ManifestTestContext.Start);
        _context.Scalar($"SELECT COUNT(*) FROM notifications WHERE video_id = '{video.Id}' AND kind = 'stored';").Should().Be(1);
    }

    [Theory]
    [InlineData("id")]
    [InlineData("stored_name")]
    [InlineData("relative_path")]
    [InlineData("idempotency_key")]
    public async Task Adding_a_duplicate_returns_false_and_writes_nothing(string clash)
    {
        var first = TestRecords.Create(T(0)) with { IdempotencyKey = "key-1" };
        await Manifest.AddAsync(first, VideoEventKind.Stored, null);
        var fresh = TestRecords.Create(T(1));
        var duplicate = clash switch
        {
            "id" => fresh with { Id = first.Id },
            "stored_name" => fresh with { StoredName = first.StoredName },
            "relative_path" => fresh with { RelativePath = first.RelativePath },
            _ => fresh with { IdempotencyKey = first.IdempotencyKey },
        };

        (await Manifest.AddAsync(duplicate, VideoEventKind.Stored, null)).Should().BeFalse();

        _context.Scalar("SELECT COUNT(*) FROM videos;").Should().Be(1);
        _context.Scalar("SELECT COUNT(*) FROM events;").Should().Be(1);
        _context.Scalar("SELECT COUNT(*) FROM notifications;").Should().Be(1);
        (await Manifest.FindAsync(first.Id)).Should().Be(first);
    }

    [Fact]
    public async Task Idempotency_key_is_written_and_read_back_by_every_query()
    {
        var video = TestRecords.Create(T(0), mirror: MirrorStatus.Pending) with { IdempotencyKey = "3f2b0c7e-retry-me" };
        await Manifest.AddAsync(video, VideoEventKind.Stored, null);

        (await Manifest.FindByIdempotencyKeyAsync("3f2b0c7e-retry-me")).Should().Be(video);
        (await Manifest.FindByIdempotencyKeyAsync("3F2B0C7E-RETRY-ME")).Should().BeNull("keys compare exactly");
        (await Manifest.FindByIdempotencyKeyAsync("other")).Should().BeNull();
        (await Manifest.FindAsync(video.Id))!.IdempotencyKey.Should().Be("3f2b0c7e-retry-me");
        (await Manifest.ListAsync(new VideoQuery())).Videos.Should().ContainSingle().Which.IdempotencyKey.Should().Be("3f2b0c7e-retry-me");
        await foreach (var record in Manifest.ReadAllAsync())
        {
            record.IdempotencyKey.Should().Be("3f2b0c7e-retry-me");
        }

        var job = (await Manifest.ClaimDueAsync(10)).Should().ContainSingle().Subject;
        job.Video.IdempotencyKey.Should().Be("3f2b0c7e-retry-me");
        job.SessionUri.Should().BeNull();
    }

    [Fact]
    public async Task Any_number_of_records_without_an_idempotency_key_coexist()
    {
        var first = TestRecords.Create(T(0));
        var second = TestRecords.Create(T(1));

        (await Manifest.AddAsync(first, VideoEventKind.Stored, null)).Should().BeTrue();
        (await Manifest.AddAsync(second, VideoEventKind.Adopted, null)).Should().BeTrue();

        (await Manifest.FindAsync(second.Id))!.IdempotencyKey.Should().BeNull();
        _context.Scalar("SELECT COUNT(*) FROM videos WHERE idempotency_key IS NULL;").Should().Be(2);
    }

    [Fact]
    public async Task Adding_with_an_event_kind_other_than_stored_or_adopted_is_a_programming_error()
    {
        var act = () => Manifest.AddAsync(TestRecords.Create(T(0)), VideoEventKind.Deleted, null);

        await act.Should().ThrowAsync<ArgumentOutOfRangeException>();
    }

    [Fact]
    public async Task List_is_newest_first_with_equal_times_ordered_by_id()
    {
        var videos = new[] { TestRecords.Create(T(5)), TestRecords.Create(T(1)), TestRecords.Create(T(9)), TestRecords.Create(T(5)) };
        foreach (var video in videos)
        {
            await Manifest.AddAsync(video, VideoEventKind.Stored, null);
        }

        var page = await Manifest.ListAsync(new VideoQuery());

        page.Videos.Should().Equal(
            videos.OrderByDescending(v => v.CreatedAt).ThenByDescending(v => v.Id, StringComparer.Ordinal));
        page.Total.Should().Be(4);
        page.NextCursor.Should().BeNull();
    }

    [Fact]
    public async Task List_filters_by_text_category_mirror_state_and_time_range()
    {
        var tutorial = TestRecords.Create(T(0), "Holiday Trip.mp4", "Tutorial");
        var pendingTutorial = TestRecords.Create(T(10), "lecture.mp4", "tutorial", MirrorStatus.Pending);
        var vlog = TestRecords.Create(T(20), "holiday-vlog.mp4", "Vlog", MirrorStatus.Pending);
        foreach (var video in new[] { tutorial, pendingTutorial, vlog })
        {
            await Manifest.AddAsync(video, VideoEventKind.Stored, null);
        }

        (await Ids(new VideoQuery { Search = "HOLIDAY" })).Should().Equal(vlog.Id, tutorial.Id);
        (await Ids(new VideoQuery { Search = "_Vlog_" })).Should().Equal(vlog.Id);
        (await Ids(new VideoQuery { Category = "TUTORIAL" })).Should().Equal(pendingTutorial.Id, tutorial.Id);
        (await Ids(new VideoQuery { MirrorState = MirrorState.Pending })).Should().Equal(vlog.Id, pendingTutorial.Id);
        (await Ids(new VideoQuery { MirrorState = MirrorState.Failed })).Should().BeEmpty();
        (await Ids(new VideoQuery { CreatedFrom = T(10) })).Should().Equal(vlog.Id, pendingTutorial.Id);
        (await Ids(new VideoQuery { CreatedBefore = T(10) })).Should().Equal(tutorial.Id);
        (await Ids(new VideoQuery { CreatedFrom = T(0), CreatedBefore = T(20) })).Should().Equal(pendingTutorial.Id, tutorial.Id);

        var combined = await Manifest.ListAsync(new VideoQuery { Search = "holiday", Category = "tutorial", Limit = 1 });
        combined.Videos.Should().ContainSingle().Which.Id.Should().Be(tutorial.Id);
        combined.Total.Should().Be(1);
    }

    [Fact]
    public async Task Search_treats_like_wildcards_and_the_escape_character_literally()
    {
        var literal = TestRecords.Create(T(0), "50%_off.mp4");
        var wildcardBait = TestRecords.Create(T(1), "50xyoff.mp4");
        var underscoreBait = TestRecords.Create(T(2), "50%Xoff.mp4");
        var backslash = TestRecords.Create(T(3), @"a\b.mp4");
        foreach (var video in new[] { literal, wildcardBait, underscoreBait, backslash })
        {
            await Manifest.AddAsync(video, VideoEventKind.Stored, null);
        }

        (await Ids(new VideoQuery { Search = "50%_off" })).Should().Equal(literal.Id);
        (await Ids(new VideoQuery { Search = "%" })).Should().Equal(underscoreBait.Id, literal.Id);
        (await Ids(new VideoQuery { Search = @"a\b" })).Should().Equal(backslash.Id);
    }

    [Fact]
    public async Task Cursor_paging_over_equal_timestamps_returns_every_video_once_in_order()
    {
        var videos = new List<VideoRecord>();
        for (var i = 0; i < 25; i++)
        {
            var video = TestRecords.Create(T(i / 6));
            videos.Add(video);
            await Manifest.AddAsync(video, VideoEventKind.Stored, null);
        }

        var seen = new List<VideoRecord>();
        string? cursor = null;
        var pages = 0;
        do
        {
            var page = await Manifest.ListAsync(new VideoQuery { Limit = 4, Cursor = cursor });
            page.Total.Should().Be(25);
            seen.AddRange(page.Videos);
            cursor = page.NextCursor;
            pages++;
        }
        while (cursor is not null);

        pages.Should().Be(7);
        seen.Should().Equal(videos.OrderByDescending(v => v.CreatedAt).ThenByDescending(v => v.Id, StringComparer.Ordinal));
    }

    [Fact]
    public async Task Cursor_paging_is_stable_when_newer_videos_arrive_between_pages()
    {
        for (var i = 0; i < 6; i++)
        {
            await Manifest.AddAsync(TestRecords.Create(T(i)), VideoEventKind.Stored, null);
        }

        var first = await Manifest.ListAsync(new VideoQuery { Limit = 3 });
        await Manifest.AddAsync(TestRecords.Create(T(100)), VideoEventKind.Stored, null);
        var second = await Manifest.ListAsync(new VideoQuery { Limit = 3, Cursor = first.NextCursor });

        first.Videos.Concat(second.Videos).Select(v => v.CreatedAt).Should().Equal(T(5), T(4), T(3), T(2), T(1), T(0));
        second.NextCursor.Should().BeNull();
        second.Total.Should().Be(7);
    }

    [Fact]
    public async Task Offset_paging_skips_rows_and_cursor_takes_precedence_over_offset()
    {
        for (var i = 0; i < 5; i++)
        {
            await Manifest.AddAsync(TestRecords.Create(T(i)), VideoEventKind.Stored, null);
        }

        var third = await Manifest.ListAsync(new VideoQuery { Limit = 2, Offset = 4 });
        third.Videos.Select(v => v.CreatedAt).Should().Equal(T(0));
        third.NextCursor.Should().BeNull();
        third.Total.Should().Be(5);

        var middle = await Manifest.ListAsync(new VideoQuery { Limit = 2, Offset = 2 });
        middle.Videos.Select(v => v.CreatedAt).Should().Equal(T(2), T(1));
        middle.NextCursor.Should().NotBeNull();

        var first = await Manifest.ListAsync(new VideoQuery { Limit = 2 });
        var afterCursor = await Manifest.ListAsync(new VideoQuery { Limit = 2, Cursor = first.NextCursor, Offset = 3 });
        afterCursor.Videos.Select(v => v.CreatedAt).Should().Equal(T(2), T(1));

        var beyond = await Manifest.ListAsync(new VideoQuery { Offset = 50 });
        beyond.Videos.Should().BeEmpty();
        beyond.Total.Should().Be(5);
    }

    [Theory]
    [InlineData("not a cursor!")]
    [InlineData("AAAA")]
    [InlineData("AgAAAAAAAAAAYWJj")] // format version 2
    [InlineData("AQAAAAAAAAAAYS1i")] // id "a-b"
    [InlineData("AQAAAAAAAAAA")] // no id
    public async Task An_invalid_cursor_is_an_argument_error_with_a_clear_message(string cursor)
    {
        var act = () => Manifest.ListAsync(new VideoQuery { Cursor = cursor });

        (await act.Should().ThrowAsync<ArgumentException>()).WithMessage("The cursor is not valid*");
    }

    [Theory]
    [InlineData(0, 0)]
    [InlineData(-1, 0)]
    [InlineData(VideoQuery.MaxLimit + 1, 0)]
    [InlineData(10, -1)]
    public async Task Limit_outside_1_to_1000_or_a_negative_offset_is_out_of_range(int limit, int offset)
    {
        var act = () => Manifest.ListAsync(new VideoQuery { Limit = limit, Offset = offset });

        await act.Should().ThrowAsync<ArgumentOutOfRangeException>();
    }

    [Fact]
    public async Task Read_all_streams_every_video_oldest_first()
    {
        var videos = new[] { TestRecords.Create(T(3)), TestRecords.Create(T(1)), TestRecords.Create(T(2)) };
        foreach (var video in videos)
        {
            await Manifest.AddAsync(video, VideoEventKind.Stored, null);
        }

        var all = new List<VideoRecord>();
        await foreach (var video in Manifest.ReadAllAsync())
        {
            all.Add(video);
        }

        all.Should().Equal(videos.OrderBy(v => v.CreatedAt));
    }

    [Fact]
    public async Task Statistics_of_an_empty_manifest_list_every_mirror_state_with_zero()
    {
        var stats = await Manifest.GetStatisticsAsync();

        stats.TotalVideos.Should().Be(0);
        stats.TotalSizeBytes.Should().Be(0);
        stats.ByMirrorState.Should().HaveCount(Enum.GetValues<MirrorState>().Length).And.OnlyContain(p => p.Value == 0);
        stats.ByCategory.Should().BeEmpty();
        stats.Oldest.Should().BeNull();
        stats.Newest.Should().BeNull();
        stats.MirrorBacklog.Should().Be(0);
        stats.DiskFreeBytes.Should().Be(0);
    }

    [Fact]
    public async Task Statistics_count_bytes_states_categories_range_and_backlog()
    {
        var videos = new[]
        {
            TestRecords.Create(T(0), category: "Tutorial"),
            TestRecords.Create(T(5), category: "tutorial", mirror: MirrorStatus.Pending),
            TestRecords.Create(T(9), category: "Vlog", mirror: new MirrorStatus { State = MirrorState.Retrying, Attempts = 2 }),
            TestRecords.Create(T(7), category: "Vlog", mirror: new MirrorStatus { State = MirrorState.Mirrored }),
        };
        foreach (var video in videos)
        {
            await Manifest.AddAsync(video, VideoEventKind.Stored, null);
        }

        var stats = await Manifest.GetStatisticsAsync();

        stats.TotalVideos.Should().Be(4);
        stats.TotalSizeBytes.Should().Be(videos.Sum(v => v.SizeBytes));
        stats.ByMirrorState[MirrorState.Disabled].Should().Be(1);
        stats.ByMirrorState[MirrorState.Pending].Should().Be(1);
        stats.ByMirrorState[MirrorState.Retrying].Should().Be(1);
        stats.ByMirrorState[MirrorState.Mirrored].Should().Be(1);
        stats.ByMirrorState[MirrorState.Uploading].Should().Be(0);
        stats.ByMirrorState[MirrorState.Failed].Should().Be(0);
        stats.ByCategory.Should().HaveCount(2);
        stats.ByCategory["TUTORIAL"].Should().Be(2);
        stats.ByCategory["vlog"].Should().Be(2);
        stats.Oldest.Should().Be(T(0));
        stats.Newest.Should().Be(T(9));
        stats.MirrorBacklog.Should().Be(2);
    }

    [Fact]
    public async Task Events_can_be_read_by_video_after_a_sequence_and_as_a_tail()
    {
        var a = TestRecords.Create(T(0));
        var b = TestRecords.Create(T(1));
        await Manifest.AddAsync(a, VideoEventKind.Stored, "a");
        await Manifest.AddAsync(b, VideoEventKind.Stored, "b");
        await Manifest.AppendEventAsync(VideoEventKind.Refused, null, "too large");
        _context.Time.Advance(TimeSpan.FromMinutes(1));
        await Manifest.AppendEventAsync(VideoEventKind.Verified, a.Id, "intact");

        var all = await Manifest.GetEventsAsync(new VideoEventQuery());
        all.Select(e => e.Detail).Should().Equal("a", "b", "too large", "intact");
        all.Select(e => e.Sequence).Should().BeInAscendingOrder().And.OnlyHaveUniqueItems();
        all[2].VideoId.Should().BeNull();
        all[3].At.Should().Be(ManifestTestContext.Start.AddMinutes(1));

        (await Manifest.GetEventsAsync(new VideoEventQuery { VideoId = a.Id })).Select(e => e.Kind)
            .Should().Equal(VideoEventKind.Stored, VideoEventKind.Verified);
        (await Manifest.GetEventsAsync(new VideoEventQuery { AfterSequence = all[1].Sequence })).Select(e => e.Detail)
            .Should().Equal("too large", "intact");
        (await Manifest.GetEventsAsync(new VideoEventQuery { Tail = 2 })).Select(e => e.Detail)
            .Should().Equal("too large", "intact");
        (await Manifest.GetEventsAsync(new VideoEventQuery { VideoId = a.Id, Tail = 1 })).Should().ContainSingle()
            .Which.Detail.Should().Be("intact");
    }

    [Fact]
    public async Task A_tail_of_zero_is_out_of_range()
    {
        var act = () => Manifest.GetEventsAsync(new VideoEventQuery { Tail = 0 });

        await act.Should().ThrowAsync<ArgumentOutOfRangeException>();
    }

    [Fact]
    public async Task The_event_trail_cannot_be_rewritten()
    {
        await Manifest.AppendEventAsync(VideoEventKind.Refused, null, "x");

        var act = () => _context.Scalar("UPDATE events SET detail = 'y'; SELECT 0;");

        act.Should().Throw<SqliteException>().WithMessage("*append-only*");
    }

    [Fact]
    public async Task Removing_deletes_the_record_and_records_a_deleted_event()
    {
        var video = TestRecords.Create(T(0));
        await Manifest.AddAsync(video, VideoEventKind.Stored, null);

        (await Manifest.RemoveAsync(video.Id, "by admin")).Should().BeTrue();
        (await Manifest.RemoveAsync(video.Id, "again")).Should().BeFalse();

        (await Manifest.FindAsync(video.Id)).Should().BeNull();
        (await Manifest.GetEventsAsync(new VideoEventQuery { VideoId = video.Id })).Select(e => (e.Kind, e.Detail))
            .Should().Equal((VideoEventKind.Stored, null), (VideoEventKind.Deleted, "by admin"));
    }

    [Fact]
    public async Task Setting_the_local_state_updates_the_record_and_records_the_event()
    {
        var video = TestRecords.Create(T(0));
        await Manifest.AddAsync(video, VideoEventKind.Stored, null);

        (await Manifest.SetLocalStateAsync(video.Id, LocalCopyState.Missing, VideoEventKind.FileMissing, "gone")).Should().BeTrue();
        (await Manifest.SetLocalStateAsync("unknown", LocalCopyState.Missing, VideoEventKind.FileMissing, null)).Should().BeFalse();

        (await Manifest.FindAsync(video.Id))!.LocalState.Should().Be(LocalCopyState.Missing);
        (await Manifest.GetEventsAsync(new VideoEventQuery { Tail = 1 })).Should().ContainSingle()
            .Which.Should().Be(new VideoEvent(2, ManifestTestContext.Start, VideoEventKind.FileMissing, video.Id, "gone"));
    }

    [Fact]
    public async Task A_conditional_local_state_change_writes_nothing_when_the_state_moved_on()
    {
        var video = TestRecords.Create(T(0));
        await Manifest.AddAsync(video, VideoEventKind.Stored, null);
        await Manifest.SetLocalStateAsync(video.Id, LocalCopyState.Removed, VideoEventKind.LocalCopyRemoved, "cleanup");

        (await Manifest.SetLocalStateAsync(video.Id, LocalCopyState.Present, LocalCopyState.Missing, VideoEventKind.FileMissing, "stale")).Should().BeFalse();
        (await Manifest.SetLocalStateAsync(video.Id, LocalCopyState.Removed, LocalCopyState.Present, VideoEventKind.FileRestored, "back")).Should().BeTrue();

        (await Manifest.FindAsync(video.Id))!.LocalState.Should().Be(LocalCopyState.Present);
        (await Manifest.GetEventsAsync(new VideoEventQuery { VideoId = video.Id })).Select(e => e.Kind)
            .Should().Equal(VideoEventKind.Stored, VideoEventKind.LocalCopyRemoved, VideoEventKind.FileRestored);
    }

    [Fact]
    public async Task A_new_instance_on_the_same_file_reads_back_what_the_first_wrote()
    {
        var video = TestRecords.Create(T(0).AddTicks(7)) with
        {
            Mirror = new MirrorStatus
            {
                State = MirrorState.Mirrored,
                Attempts = 3,
                RemoteFileId = "remote-1",
                RemoteLink = "https://drive.example/remote-1",
                MirroredAt = T(60).AddTicks(3),
            },
        };
        await Manifest.AddAsync(video, VideoEventKind.Stored, "first life");
        await Manifest.DisposeAsync();

        var reopened = _context.Open();

        (await reopened.FindAsync(video.Id)).Should().Be(video);
        (await reopened.GetEventsAsync(new VideoEventQuery())).Should().ContainSingle().Which.Detail.Should().Be("first life");
    }

    [Fact]
    public async Task Two_instances_writing_the_same_file_at_once_never_fail_with_database_locked()
    {
        var host = Manifest;
        var cli = _context.Open();
        await host.InitializeAsync(CancellationToken.None);

        async Task Write(SqliteVideoManifest manifest, int offset)
        {
            for (var i = 0; i < 40; i++)
            {
                var video = TestRecords.Create(T(offset + i));
                (await manifest.AddAsync(video, VideoEventKind.Stored, null)).Should().BeTrue();
                await manifest.AppendEventAsync(VideoEventKind.Verified, video.Id, null);
                await manifest.ListAsync(new VideoQuery { Limit = 5 });
            }
        }

        await Task.WhenAll(
            Task.Run(() => Write(host, 0)),
            Task.Run(() => Write(cli, 1000)),
            Task.Run(() => Write(host, 2000)),
            Task.Run(() => Write(cli, 3000)));

        (await cli.GetStatisticsAsync()).TotalVideos.Should().Be(160);
        (await host.GetEventsAsync(new VideoEventQuery())).Should().HaveCount(320);
    }

    private async Task<IEnumerable<string>> Ids(VideoQuery query) =>
        (await Manifest.ListAsync(query)).Videos.Select(v => v.Id);
}
