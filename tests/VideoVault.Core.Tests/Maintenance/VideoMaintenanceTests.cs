using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;
using VideoVault.Maintenance;
using VideoVault.Manifest;
using VideoVault.Tests.Storage;

namespace VideoVault.Tests.Maintenance;

public sealed class VideoMaintenanceTests : IDisposable
{
    private readonly TempDirectory _root = new();

    public void Dispose() => _root.Dispose();

    [Fact]
    public async Task Restart_over_the_same_root_adopts_an_orphan_and_flags_a_missing_file()
    {
        VideoRecord kept;
        VideoRecord lost;
        await using (var first = new StoreHarness(_root.Path))
        {
            kept = (await first.SaveAsync(TestVideos.Mp4(), "kept.mp4")).Video!;
            lost = (await first.SaveAsync(TestVideos.Avi(), "lost.avi")).Video!;
        }

        var orphan = Path.Combine(_root.Path, "videos", "2024", "12", "20241231_235959_Imported_old-tape.mkv");
        Directory.CreateDirectory(Path.GetDirectoryName(orphan)!);
        await File.WriteAllBytesAsync(orphan, TestVideos.Matroska(10_000));
        File.Delete(Path.Combine(_root.Path, lost.RelativePath));
        await File.WriteAllTextAsync(Path.Combine(_root.Path, ".incoming", "abandoned.part"), "half an upload");

        await using var restarted = new StoreHarness(_root.Path);
        var report = await restarted.Maintenance.ReconcileAsync(ReconcileOptions.AtStartup);

        report.AdoptedFiles.Should().Equal("videos/2024/12/20241231_235959_Imported_old-tape.mkv");
        report.MissingFiles.Should().Equal(lost.RelativePath);
        report.TempFilesSwept.Should().Be(1);
        restarted.IncomingFiles().Should().BeEmpty();

        var adopted = await restarted.Manifest.FindAsync("20241231_235959_Imported_old-tape.mkv");
        adopted!.Category.Should().Be("Imported");
        adopted.OriginalFileName.Should().Be("old-tape.mkv");
        adopted.Container.Should().Be(VideoContainer.Matroska);
        adopted.SizeBytes.Should().Be(10_000);
        adopted.CreatedAt.Should().Be(new DateTimeOffset(2024, 12, 31, 23, 59, 59, TimeSpan.Zero));

        var missing = await restarted.Manifest.FindAsync(lost.Id);
        missing!.LocalState.Should().Be(LocalCopyState.Missing, "a missing file is an alarm, never a silent drop");
        (await restarted.Manifest.GetEventsAsync(new VideoEventQuery { VideoId = lost.Id })).Should().Contain(e => e.Kind == VideoEventKind.FileMissing);
        (await restarted.Manifest.FindAsync(kept.Id))!.LocalState.Should().Be(LocalCopyState.Present);
        (await restarted.Store.OpenReadAsync(lost.Id)).Should().BeNull();
    }

    [Fact]
    public async Task A_file_whose_stored_name_another_record_has_is_skipped_as_not_adoptable_and_says_so()
    {
        await using var harness = new StoreHarness(_root.Path);
        var video = (await harness.SaveAsync(TestVideos.Mp4(), "twin.mp4")).Video!;
        var twin = Path.Combine(_root.Path, "videos", "2024", "12", video.StoredName);
        Directory.CreateDirectory(Path.GetDirectoryName(twin)!);
        await File.WriteAllBytesAsync(twin, TestVideos.Mp4(seed: 9));

        var report = await harness.Maintenance.ReconcileAsync(ReconcileOptions.AtStartup);

        report.AdoptedFiles.Should().BeEmpty();
        report.Skipped.Should().Equal(new ReconcileSkippedFile($"videos/2024/12/{video.StoredName}", ReconcileSkipReason.NameTaken, null));
        File.Exists(twin).Should().BeTrue("a file that cannot be adopted is left where it is");
    }

    [Fact]
    public async Task Second_reconcile_finds_everything_in_agreement()
    {
        await using var harness = new StoreHarness(_root.Path);
        await harness.SaveAsync(TestVideos.Mp4(), "a.mp4");

        var report = await harness.Maintenance.ReconcileAsync(ReconcileOptions.AtStartup);

        report.IsClean.Should().BeTrue();
    }

    [Fact]
    public async Task File_that_comes_back_is_marked_present_again()
    {
        await using var harness = new StoreHarness(_root.Path);
        var video = (await harness.SaveAsync(TestVideos.Mp4(), "a.mp4")).Video!;
        var path = harness.FullPath(video);
        var aside = path + ".aside";
        File.Move(path, aside);
        await harness.Maintenance.ReconcileAsync(ReconcileOptions.AtStartup);
        File.Move(aside, path);

        var report = await harness.Maintenance.ReconcileAsync(ReconcileOptions.AtStartup);

        report.RestoredFiles.Should().Equal(video.RelativePath);
        (await harness.Manifest.FindAsync(video.Id))!.LocalState.Should().Be(LocalCopyState.Present);
    }

    [Fact]
    public async Task Reconciliation_does_not_flag_missing_a_local_copy_that_a_concurrent_cleanup_removed()
    {
        ChangedAfterSnapshotManifest? racing = null;
        await using var harness = new StoreHarness(_root.Path, decorateManifest: inner => racing = new ChangedAfterSnapshotManifest((SqliteVideoManifest)inner));
        var video = (await harness.SaveAsync(TestVideos.Mp4(), "a.mp4")).Video!;

        // The admin tool's cleanup, in another process, between the snapshot and the writes.
        var adminTool = new VideoMaintenance(harness.SqliteManifest, harness.Paths, Microsoft.Extensions.Options.Options.Create(harness.Options),
            harness.TimeProvider, NullLogger<VideoMaintenance>.Instance);
        racing!.ChangeAfterNextSnapshot(async () =>
            (await adminTool.RemoveLocalCopyAsync(video.Id, allowUnmirrored: true)).Outcome.Should().Be(RemoveLocalCopyOutcome.Removed));

        var report = await harness.Maintenance.ReconcileAsync(ReconcileOptions.AtStartup);

        report.MissingFiles.Should().BeEmpty();
        (await harness.Manifest.FindAsync(video.Id))!.LocalState.Should().Be(LocalCopyState.Removed, "the cleanup's change must win over the stale snapshot");
        (await harness.Manifest.GetEventsAsync(new VideoEventQuery { VideoId = video.Id })).Should().NotContain(e => e.Kind == VideoEventKind.FileMissing);
    }

    [Fact]
    public async Task A_different_file_at_a_missing_videos_path_is_not_accepted_as_the_restored_video()
    {
        await using var harness = new StoreHarness(_root.Path);
        var content = TestVideos.Mp4();
        var video = (await harness.SaveAsync(content, "a.mp4")).Video!;
        var path = harness.FullPath(video);
        File.Delete(path);
        await harness.Maintenance.ReconcileAsync(ReconcileOptions.AtStartup);
        var impostor = content.ToArray();
        impostor[^1] ^= 0xFF;
        await File.WriteAllBytesAsync(path, impostor);

        var report = await harness.Maintenance.ReconcileAsync(ReconcileOptions.AtStartup);

        report.RestoredFiles.Should().BeEmpty();
        report.ConflictingFiles.Should().Equal(video.RelativePath);
        report.IsClean.Should().BeFalse();
        (await harness.Manifest.FindAsync(video.Id))!.LocalState.Should().Be(LocalCopyState.Missing, "a file with other bytes is not the video");
        File.ReadAllBytes(path).Should().Equal(impostor, "reconciliation never touches a file it does not recognise");
    }

    [Fact]
    public async Task Dry_run_reports_but_changes_nothing()
    {
        await using var harness = new StoreHarness(_root.Path);
        var video = (await harness.SaveAsync(TestVideos.Mp4(), "a.mp4")).Video!;
        File.Delete(harness.FullPath(video));
        var orphan = Path.Combine(harness.Paths.Videos, "loose.mp4");
        await File.WriteAllBytesAsync(orphan, TestVideos.Mp4());
        await File.WriteAllTextAsync(Path.Combine(harness.Paths.Incoming, "x.part"), "temp");

        var report = await harness.Maintenance.ReconcileAsync(ReconcileOptions.AtStartup with { DryRun = true });

        report.DryRun.Should().BeTrue();
        report.AdoptedFiles.Should().ContainSingle();
        report.MissingFiles.Should().ContainSingle();
        report.TempFilesSwept.Should().Be(1);
        (await harness.AllRecordsAsync()).Should().ContainSingle().Which.LocalState.Should().Be(LocalCopyState.Present);
        harness.IncomingFiles().Should().ContainSingle();
    }

    [Fact]
    public async Task Fresh_orphan_and_fresh_temp_file_are_left_alone_while_a_host_may_be_committing_them()
    {
        // The clock is the real time, so file timestamps written now count as fresh.
        var clock = new FakeTimeProvider(DateTimeOffset.UtcNow);
        await using var harness = new StoreHarness(_root.Path, timeProvider: clock);
        harness.Paths.EnsureCreated();
        var orphan = Path.Combine(harness.Paths.Videos, "20250101_000000_General_fresh.mp4");
        await File.WriteAllBytesAsync(orphan, TestVideos.Mp4());
        var temp = Path.Combine(harness.Paths.Incoming, "inflight.part");
        await File.WriteAllTextAsync(temp, "in flight");

        var report = await harness.Maintenance.ReconcileAsync(ReconcileOptions.Default);

        report.AdoptedFiles.Should().BeEmpty();
        report.SkippedFiles.Should().ContainSingle();
        var skipped = report.Skipped.Should().ContainSingle().Subject;
        skipped.Reason.Should().Be(ReconcileSkipReason.TooYoung);
        skipped.RelativePath.Should().Be(report.SkippedFiles[0]);
        skipped.AdoptableAt.Should().Be(new DateTimeOffset(File.GetLastWriteTimeUtc(orphan), TimeSpan.Zero) + ReconcileOptions.Default.AdoptionGracePeriod);
        report.AdoptionGracePeriod.Should().Be(ReconcileOptions.Default.AdoptionGracePeriod);
        report.TempFilesSwept.Should().Be(0);
        File.Exists(temp).Should().BeTrue();

        clock.Advance(TimeSpan.FromHours(2));
        var later = await harness.Maintenance.ReconcileAsync(ReconcileOptions.Default);

        later.AdoptedFiles.Should().ContainSingle();
        later.TempFilesSwept.Should().Be(1);
        File.Exists(temp).Should().BeFalse();
    }

    [Fact]
    public async Task A_file_an_interrupted_publish_left_is_committed_under_its_own_id_and_key_not_adopted_under_a_new_one()
    {
        var content = TestVideos.Mp4(50_000, seed: 3);
        var clock = new FakeTimeProvider(new DateTimeOffset(2025, 3, 14, 15, 9, 26, TimeSpan.Zero));
        using var freezer = new FreezingFileSystem(FreezingFileSystem.Point.AfterRename);
        var frozen = new StoreHarness(_root.Path, timeProvider: clock, fileSystem: freezer);
        var saving = Task.Run(() => frozen.SaveAsync(content, "interrupted.mp4", "Talks", idempotencyKey: "key-1"));
        await freezer.Frozen.WaitAsync(TimeSpan.FromSeconds(30));
        try
        {
            var intent = (await frozen.SqliteManifest.ReadPublishIntentsAsync()).Should().ContainSingle().Subject;
            await using var tool = new StoreHarness(_root.Path, timeProvider: clock);

            var live = await tool.Maintenance.ReconcileAsync(ReconcileOptions.Default);

            live.SkippedFiles.Should().ContainSingle("a recent publish may still be committing: left to its host");
            live.Skipped.Should().ContainSingle().Which.Should().Be(new ReconcileSkippedFile(
                live.SkippedFiles[0], ReconcileSkipReason.PublishInProgress, intent.CreatedAt + ReconcileOptions.Default.AdoptionGracePeriod));
            live.AdoptedFiles.Should().BeEmpty();
            live.RecoveredFiles.Should().BeEmpty();
            (await tool.AllRecordsAsync()).Should().BeEmpty();

            clock.Advance(TimeSpan.FromMinutes(2));
            var report = await tool.Maintenance.ReconcileAsync(ReconcileOptions.Default);

            report.AdoptedFiles.Should().BeEmpty("a file an intent names is never adopted under a new id");
            var recovered = report.RecoveredFiles.Should().ContainSingle().Subject;
            var video = (await tool.AllRecordsAsync()).Should().ContainSingle().Subject;
            video.Id.Should().Be(intent.VideoId);
            video.RelativePath.Should().Be(recovered);
            video.IdempotencyKey.Should().Be("key-1");
            video.Category.Should().Be("Talks");
            await tool.AssertIntactAsync(video, content);
            (await tool.SqliteManifest.ReadPublishIntentsAsync()).Should().BeEmpty();
            (await tool.Maintenance.ReconcileAsync(ReconcileOptions.Default)).IsClean.Should().BeTrue();
        }
        finally
        {
            freezer.Dispose();
            await saving.ContinueWith(_ => { }, TaskScheduler.Default);
            await frozen.DisposeAsync();
        }
    }

    [Fact]
    public async Task Dry_run_reports_an_interrupted_publish_as_recovered_without_committing_it()
    {
        using var freezer = new FreezingFileSystem(FreezingFileSystem.Point.AfterRename);
        var frozen = new StoreHarness(_root.Path, fileSystem: freezer);
        var saving = Task.Run(() => frozen.SaveAsync(TestVideos.Mp4(), "interrupted.mp4"));
        await freezer.Frozen.WaitAsync(TimeSpan.FromSeconds(30));
        try
        {
            await using var tool = new StoreHarness(_root.Path);

            var report = await tool.Maintenance.ReconcileAsync(ReconcileOptions.AtStartup with { DryRun = true });

            report.RecoveredFiles.Should().ContainSingle();
            report.AdoptedFiles.Should().BeEmpty();
            report.SkippedFiles.Should().BeEmpty();
            (await tool.AllRecordsAsync()).Should().BeEmpty();
            (await tool.SqliteManifest.ReadPublishIntentsAsync()).Should().ContainSingle();
        }
        finally
        {
            freezer.Dispose();
            await saving.ContinueWith(_ => { }, TaskScheduler.Default);
            await frozen.DisposeAsync();
        }
    }

    [Fact]
    public async Task Adopted_file_of_an_unknown_name_pattern_gets_the_default_category_and_its_own_name()
    {
        await using var harness = new StoreHarness(_root.Path);
        harness.Paths.EnsureCreated();
        await File.WriteAllBytesAsync(Path.Combine(harness.Paths.Videos, "holiday.avi"), TestVideos.Avi());

        await harness.Maintenance.ReconcileAsync(ReconcileOptions.AtStartup);

        var adopted = await harness.Manifest.FindAsync("holiday.avi");
        adopted!.Category.Should().Be("General");
        adopted.OriginalFileName.Should().Be("holiday.avi");
        adopted.Container.Should().Be(VideoContainer.Avi);
    }
}
