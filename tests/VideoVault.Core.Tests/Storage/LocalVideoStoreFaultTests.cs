using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Time.Testing;
using VideoVault.Manifest;
using VideoVault.Storage;

namespace VideoVault.Tests.Storage;

/// <summary>Faults injected around real files and a real SQLite manifest: nothing partial is visible, nothing stored is lost.</summary>
public sealed class LocalVideoStoreFaultTests : IDisposable
{
    private readonly TempDirectory _root = new();

    public void Dispose() => _root.Dispose();

    [Fact]
    public async Task Store_used_without_a_host_saves_into_a_root_that_does_not_exist_yet()
    {
        // Regression: the free-space probe ran before the root was created, so a tool's first save threw.
        var root = Path.Combine(_root.Path, "not", "created", "yet");
        await using var harness = new StoreHarness(root);

        var result = await harness.SaveAsync(TestVideos.Mp4(), "first.mp4");

        result.Outcome.Should().Be(SaveVideoOutcome.Stored);
        File.Exists(harness.FullPath(result.Video!)).Should().BeTrue();
    }

    [Fact]
    public async Task Body_that_throws_mid_way_leaves_nothing_behind_and_propagates()
    {
        await using var harness = new StoreHarness(_root.Path);
        var existing = (await harness.SaveAsync(TestVideos.Mp4(), "keep.mp4")).Video!;
        var content = TestVideos.Mp4(3 << 20);

        var act = () => harness.Store.SaveAsync(new VideoUpload(new FailingStream(content, (2 << 20) + 123, new IOException("client went away")), "broken.mp4"));

        await act.Should().ThrowAsync<IOException>().WithMessage("client went away");
        harness.IncomingFiles().Should().BeEmpty();
        harness.VideoFiles().Should().ContainSingle().Which.Should().Be(harness.FullPath(existing));
        (await harness.AllRecordsAsync()).Should().ContainSingle().Which.Id.Should().Be(existing.Id);
        await harness.AssertIntactAsync(existing, TestVideos.Mp4());
    }

    [Fact]
    public async Task Body_that_is_cancelled_mid_way_throws_cancellation_and_leaves_nothing_behind()
    {
        await using var harness = new StoreHarness(_root.Path);

        var act = () => harness.Store.SaveAsync(new VideoUpload(new FailingStream(TestVideos.Mp4(2 << 20), 1 << 20, new OperationCanceledException()), "aborted.mp4"));

        await act.Should().ThrowAsync<OperationCanceledException>();
        harness.IncomingFiles().Should().BeEmpty();
        harness.VideoFiles().Should().BeEmpty();
    }

    [Fact]
    public async Task Upload_is_refused_when_it_would_cross_the_free_space_floor()
    {
        await using var harness = new StoreHarness(_root.Path, o => o.MinFreeSpaceBytes = long.MaxValue / 2);

        var declared = await harness.SaveAsync(TestVideos.Mp4(), declaredLength: 4096);
        var undeclared = await harness.SaveAsync(TestVideos.Mp4());

        declared.Outcome.Should().Be(SaveVideoOutcome.InsufficientStorage);
        undeclared.Outcome.Should().Be(SaveVideoOutcome.InsufficientStorage);
        declared.Reason.Should().NotContain(_root.Path);
        harness.IncomingFiles().Should().BeEmpty();
        harness.VideoFiles().Should().BeEmpty();
    }

    [Fact]
    public async Task Declared_length_over_the_limit_is_refused_without_reading_and_audited()
    {
        await using var harness = new StoreHarness(_root.Path, o => o.MaxFileSizeBytes = 1000);

        var result = await harness.Store.SaveAsync(new VideoUpload(new UnreadableStream(), "huge.mp4") { DeclaredLength = 1001 });

        result.Outcome.Should().Be(SaveVideoOutcome.TooLarge);
        result.Reason.Should().Contain("1000 bytes");
        var events = await harness.Manifest.GetEventsAsync(new VideoEventQuery());
        events.Should().ContainSingle(e => e.Kind == VideoEventKind.Refused && e.VideoId == null);
    }

    [Fact]
    public async Task Body_longer_than_declared_and_over_the_limit_is_refused_and_removed()
    {
        await using var harness = new StoreHarness(_root.Path, o => o.MaxFileSizeBytes = 3 << 20);
        var existing = (await harness.SaveAsync(TestVideos.Avi(), "keep.avi")).Video!;

        var result = await harness.SaveAsync(TestVideos.Mp4((3 << 20) + 1), "liar.mp4", declaredLength: 100);

        result.Outcome.Should().Be(SaveVideoOutcome.TooLarge);
        harness.IncomingFiles().Should().BeEmpty();
        harness.VideoFiles().Should().ContainSingle();
        await harness.AssertIntactAsync(existing, TestVideos.Avi());
    }

    [Fact]
    public async Task Manifest_commit_that_fails_without_committing_takes_the_file_back_and_throws_so_a_retry_stores_it_once()
    {
        // Regression: any commit error but SQLITE_FULL kept the published file, so reconciliation adopted the video the
        // client had been told had failed, and the client's retry stored it a second time.
        VideoRecord existing;
        await using (var healthy = new StoreHarness(_root.Path))
        {
            existing = (await healthy.SaveAsync(TestVideos.Avi(), "keep.avi")).Video!;
        }

        var logger = new RecordingLogger<LocalVideoStore>();
        await using var harness = new StoreHarness(_root.Path, decorateManifest: inner => new FailingAddManifest(inner), storeLogger: logger);

        var act = () => harness.SaveAsync(TestVideos.WebM(1 << 20), "retried.webm", "Talks");

        await act.Should().ThrowAsync<IOException>().WithMessage("simulated commit failure");
        harness.IncomingFiles().Should().BeEmpty();
        harness.VideoFiles().Should().Equal(harness.FullPath(existing));
        (await harness.AllRecordsAsync()).Should().ContainSingle().Which.Id.Should().Be(existing.Id);
        await harness.AssertIntactAsync(existing, TestVideos.Avi());
        (await RefusalDetailsAsync(harness)).Should().Equal("upload failed: IOException");
        logger.Entries.Should().ContainSingle(e => e.EventName == "ManifestCommitRolledBack").Which.Level.Should().Be(LogLevel.Warning);
        logger.Entries.Should().NotContain(e => e.EventName == "ManifestCommitFailed" || e.EventName == "UnpublishFailed");
        (await harness.SqliteManifest.ReadPublishIntentsAsync()).Should().BeEmpty("the publish was taken back, so its intent has nothing to find");

        var report = await harness.Maintenance.ReconcileAsync(ReconcileOptions.AtStartup);

        report.AdoptedFiles.Should().BeEmpty();
        report.MissingFiles.Should().BeEmpty();
        (await harness.AllRecordsAsync()).Should().ContainSingle().Which.Id.Should().Be(existing.Id);
    }

    [Fact]
    public async Task Manifest_error_after_the_commit_still_acknowledges_the_stored_video()
    {
        var content = TestVideos.Mp4(1 << 20);
        var logger = new RecordingLogger<LocalVideoStore>();
        await using var harness = new StoreHarness(_root.Path, decorateManifest: inner => new FailingAddManifest(inner, afterCommit: true), storeLogger: logger);

        var result = await harness.SaveAsync(content, "kept.mp4");

        result.Outcome.Should().Be(SaveVideoOutcome.Stored);
        harness.IncomingFiles().Should().BeEmpty();
        harness.VideoFiles().Should().Equal(harness.FullPath(result.Video!));
        await harness.AssertIntactAsync(result.Video!, content);
        var record = (await harness.AllRecordsAsync()).Should().ContainSingle().Subject;
        record.Id.Should().Be(result.Video!.Id);
        record.RelativePath.Should().Be(result.Video.RelativePath);
        (await RefusalDetailsAsync(harness)).Should().BeEmpty();
        logger.Entries.Should().ContainSingle(e => e.EventName == "ManifestErrorAfterCommit")
            .Which.Exception.Should().BeOfType<IOException>().Which.Message.Should().Be("simulated commit failure");
        (await harness.Maintenance.ReconcileAsync(ReconcileOptions.AtStartup)).AdoptedFiles.Should().BeEmpty();
    }

    [Fact]
    public async Task Manifest_commit_failure_whose_read_back_also_fails_keeps_the_file_and_its_intent_and_recovery_commits_it_under_its_own_id()
    {
        var content = TestVideos.WebM(1 << 20);
        var logger = new RecordingLogger<LocalVideoStore>();
        string storedPath;
        PublishIntent intent;
        await using (var failing = new StoreHarness(_root.Path,
            decorateManifest: inner => new FailingAddManifest(inner, findFailure: () => new IOException("simulated read-back failure")), storeLogger: logger))
        {
            var act = () => failing.SaveAsync(content, "precious.webm", "Talks");

            await act.Should().ThrowAsync<IOException>().WithMessage("simulated commit failure");
            failing.IncomingFiles().Should().BeEmpty();
            storedPath = failing.VideoFiles().Should().ContainSingle().Subject;
            (await File.ReadAllBytesAsync(storedPath)).Should().Equal(content);
            (await failing.AllRecordsAsync()).Should().BeEmpty();
            logger.Entries.Should().ContainSingle(e => e.EventName == "CommitCheckFailed")
                .Which.Exception!.Message.Should().Be("simulated read-back failure");
            logger.Entries.Should().ContainSingle(e => e.EventName == "ManifestCommitFailed")
                .Which.Exception!.Message.Should().Be("simulated commit failure");
            intent = (await failing.SqliteManifest.ReadPublishIntentsAsync()).Should().ContainSingle("a record may exist, so the intent stays").Subject;
        }

        await using var restarted = new StoreHarness(_root.Path);
        var report = await restarted.Maintenance.ReconcileAsync(ReconcileOptions.AtStartup);

        report.RecoveredFiles.Should().ContainSingle();
        report.AdoptedFiles.Should().BeEmpty();
        var adopted = (await restarted.AllRecordsAsync()).Should().ContainSingle().Subject;
        adopted.Id.Should().Be(intent.VideoId, "the upload's own id, not a new one");
        restarted.FullPath(adopted).Should().Be(storedPath);
        adopted.Category.Should().Be("Talks");
        adopted.OriginalFileName.Should().Be("precious.webm");
        adopted.Container.Should().Be(VideoContainer.WebM);
        adopted.Sha256.Should().Be(Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(content)));
        (await restarted.Manifest.GetEventsAsync(new VideoEventQuery { VideoId = adopted.Id }))
            .Should().ContainSingle(e => e.Kind == VideoEventKind.Stored).Which.Detail.Should().Contain("recovered by reconciliation");
    }

    [Fact]
    public async Task Directory_fsync_failing_after_the_rename_does_not_leave_an_unacknowledged_video_published()
    {
        // Regression: the cleanup deleted only the temp path, which the rename had already moved, so the video stayed
        // under videos/, was adopted and mirrored, and the client's retry stored it a second time.
        FaultInjectingFileSystem? fileSystem = null;
        fileSystem = new FaultInjectingFileSystem
        {
            SyncDirectoryFault = _ => fileSystem!.Moves > 1 ? FaultInjectingFileSystem.Errno(5, "directory fsync failure") : null,
        };
        await using var harness = new StoreHarness(_root.Path, fileSystem: fileSystem);
        var existing = (await harness.SaveAsync(TestVideos.Avi(), "keep.avi")).Video!;

        var act = () => harness.SaveAsync(TestVideos.Mp4(1 << 20), "unacknowledged.mp4");

        (await act.Should().ThrowAsync<IOException>()).Which.HResult.Should().Be(5);
        fileSystem.Moves.Should().Be(2, "the second upload was renamed into place before the fsync failed");
        (await harness.SqliteManifest.ReadPublishIntentsAsync()).Should().ContainSingle(
            "the file is unlinked, but the directory fsync that makes that durable failed too, so its intent stays");
        harness.IncomingFiles().Should().BeEmpty();
        harness.VideoFiles().Should().ContainSingle().Which.Should().Be(harness.FullPath(existing));
        (await harness.AllRecordsAsync()).Should().ContainSingle().Which.Id.Should().Be(existing.Id);
        await harness.AssertIntactAsync(existing, TestVideos.Avi());
        var report = await harness.Maintenance.ReconcileAsync(ReconcileOptions.AtStartup);
        report.AdoptedFiles.Should().BeEmpty();
        report.RecoveredFiles.Should().BeEmpty();
        (await harness.SqliteManifest.ReadPublishIntentsAsync()).Should().BeEmpty("an intent whose file is gone is dropped");
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task Disk_write_error_in_the_block_writer_surfaces_as_itself_not_as_cancellation_and_removes_the_temp_file(bool direct)
    {
        var writer = new AtomicFileWriter(direct, FailingWritesFrom(1 << 20, Eio));
        await using var harness = new StoreHarness(_root.Path, writer: writer);

        var act = () => harness.SaveAsync(TestVideos.Mp4(3 << 20), "eio.mp4");

        var thrown = (await act.Should().ThrowAsync<IOException>()).Which;
        thrown.Should().NotBeAssignableTo<OperationCanceledException>();
        thrown.HResult.Should().Be(Eio);
        harness.IncomingFiles().Should().BeEmpty();
        harness.VideoFiles().Should().BeEmpty();
        (await harness.AllRecordsAsync()).Should().BeEmpty();
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task Disk_full_in_the_block_writer_is_refused_as_insufficient_storage(bool direct)
    {
        var writer = new AtomicFileWriter(direct, FailingWritesFrom(1 << 20, NativeMethods.ENOSPC));
        await using var harness = new StoreHarness(_root.Path, writer: writer);

        var result = await harness.SaveAsync(TestVideos.Mp4(3 << 20), "full.mp4");

        result.Outcome.Should().Be(SaveVideoOutcome.InsufficientStorage);
        result.Reason.Should().NotContain(_root.Path);
        harness.IncomingFiles().Should().BeEmpty();
        harness.VideoFiles().Should().BeEmpty();
    }

    [Fact]
    public async Task Disk_full_while_creating_the_month_folder_is_refused_as_insufficient_storage_not_a_server_error()
    {
        // Regression: ENOSPC after the body was written (month folder, rename, directory fsync) threw, so the client got a 500.
        var fileSystem = new FaultInjectingFileSystem
        {
            CreateDirectoryFault = _ => FaultInjectingFileSystem.Errno(NativeMethods.ENOSPC, "mkdir on a full disk"),
        };
        await using var harness = new StoreHarness(_root.Path, fileSystem: fileSystem);

        var result = await harness.SaveAsync(TestVideos.Mp4(1 << 20), "full.mp4");

        result.Outcome.Should().Be(SaveVideoOutcome.InsufficientStorage);
        harness.IncomingFiles().Should().BeEmpty();
        harness.VideoFiles().Should().BeEmpty();
        (await harness.AllRecordsAsync()).Should().BeEmpty();
    }

    [Fact]
    public async Task Disk_full_at_the_rename_is_refused_as_insufficient_storage_and_keeps_nothing()
    {
        var fileSystem = new FaultInjectingFileSystem { MoveFault = _ => FaultInjectingFileSystem.Errno(NativeMethods.ENOSPC, "rename on a full disk") };
        await using var harness = new StoreHarness(_root.Path, fileSystem: fileSystem);

        var result = await harness.SaveAsync(TestVideos.Mp4(1 << 20), "full.mp4");

        result.Outcome.Should().Be(SaveVideoOutcome.InsufficientStorage);
        harness.IncomingFiles().Should().BeEmpty();
        harness.VideoFiles().Should().BeEmpty();
    }

    [Fact]
    public async Task Sqlite_full_at_the_commit_is_refused_as_insufficient_storage_and_the_published_file_is_removed()
    {
        await using var harness = new StoreHarness(_root.Path,
            decorateManifest: inner => new FailingAddManifest(inner, () => new SqliteException("database or disk is full", 13)));

        var result = await harness.SaveAsync(TestVideos.Mp4(1 << 20), "full.mp4");

        result.Outcome.Should().Be(SaveVideoOutcome.InsufficientStorage);
        harness.IncomingFiles().Should().BeEmpty();
        harness.VideoFiles().Should().BeEmpty();
        (await harness.AllRecordsAsync()).Should().BeEmpty();
    }

    [Fact]
    public async Task Sqlite_full_from_the_checkpoint_after_a_commit_still_acknowledges_the_stored_video()
    {
        var content = TestVideos.Mp4(1 << 20);
        await using var harness = new StoreHarness(_root.Path,
            decorateManifest: inner => new FailingAddManifest(inner, () => new SqliteException("database or disk is full", 13), afterCommit: true));

        var result = await harness.SaveAsync(content, "kept.mp4");

        result.Outcome.Should().Be(SaveVideoOutcome.Stored);
        await harness.AssertIntactAsync(result.Video!, content);
        (await harness.AllRecordsAsync()).Should().ContainSingle().Which.Id.Should().Be(result.Video!.Id);
    }

    [Fact]
    public async Task Client_that_goes_away_mid_body_is_logged_and_audited_as_an_aborted_upload_not_as_a_failure()
    {
        // Regression: a truncated body (Kestrel's exception for it is an IOException) was logged as a SaveFailed
        // warning with a stack trace and audited as "upload failed: BadHttpRequestException".
        var logger = new RecordingLogger<LocalVideoStore>();
        await using var harness = new StoreHarness(_root.Path, storeLogger: logger);
        var clientGone = new IOException("Unexpected end of request content.");

        var act = () => harness.Store.SaveAsync(new VideoUpload(new FailingStream(TestVideos.Mp4(3 << 20), (2 << 20) + 5, clientGone), "gone.mp4"));

        (await act.Should().ThrowAsync<IOException>()).Which.Should().BeSameAs(clientGone);
        (await RefusalDetailsAsync(harness)).Should().Equal("upload aborted: the body ended early or the client went away");
        var aborted = logger.Entries.Should().ContainSingle(e => e.EventName == "UploadAborted").Subject;
        aborted.Level.Should().Be(LogLevel.Information);
        aborted.Exception.Should().BeNull();
        logger.Entries.Should().NotContain(e => e.Level >= LogLevel.Warning);
    }

    [Fact]
    public async Task Disk_write_error_is_still_logged_as_a_warning_and_audited_as_a_failed_upload()
    {
        var logger = new RecordingLogger<LocalVideoStore>();
        await using var harness = new StoreHarness(_root.Path, writer: new AtomicFileWriter(false, FailingWritesFrom(1 << 20, Eio)), storeLogger: logger);

        var act = () => harness.SaveAsync(TestVideos.Mp4(3 << 20), "eio.mp4");

        (await act.Should().ThrowAsync<IOException>()).Which.HResult.Should().Be(Eio);
        (await RefusalDetailsAsync(harness)).Should().Equal("upload failed: IOException");
        var failed = logger.Entries.Should().ContainSingle(e => e.EventName == "UploadFailed").Subject;
        failed.Level.Should().Be(LogLevel.Warning);
        failed.Exception.Should().NotBeNull();
    }

    [Fact]
    public async Task Concurrent_same_name_uploads_in_the_same_second_are_all_stored_under_distinct_names()
    {
        var clock = new FakeTimeProvider(new DateTimeOffset(2025, 6, 1, 12, 0, 0, TimeSpan.Zero));
        await using var harness = new StoreHarness(_root.Path, timeProvider: clock);
        var contents = Enumerable.Range(0, 12).Select(i =>
        {
            var bytes = TestVideos.Mp4(64 * 1024);
            bytes[^1] = (byte)i;
            return bytes;
        }).ToArray();

        var results = await Task.WhenAll(contents.Select(c => Task.Run(() => harness.SaveAsync(c, "same.mp4"))));

        results.Should().OnlyContain(r => r.IsStored);
        var names = results.Select(r => r.Video!.StoredName).ToList();
        names.Should().OnlyHaveUniqueItems();
        names.Should().Contain("20250601_120000_General_same.mp4");
        harness.VideoFiles().Should().HaveCount(contents.Length);
        foreach (var (result, content) in results.Zip(contents))
        {
            await harness.AssertIntactAsync(result.Video!, content);
        }
    }

    [Fact]
    public async Task Existing_file_with_the_target_name_is_never_overwritten()
    {
        await using var harness = new StoreHarness(_root.Path);
        var squatter = Path.Combine(harness.Paths.Videos, "2025", "03", "20250314_150926_General_clip.mp4");
        Directory.CreateDirectory(Path.GetDirectoryName(squatter)!);
        await File.WriteAllTextAsync(squatter, "not yours");

        var video = (await harness.SaveAsync(TestVideos.Mp4(), "clip.mp4")).Video!;

        video.StoredName.Should().Be("20250314_150926_General_clip_2.mp4");
        (await File.ReadAllTextAsync(squatter)).Should().Be("not yours");
    }

    [Fact]
    public async Task Mirror_registration_makes_new_videos_pending_and_its_absence_disabled()
    {
        await using (var withMirror = new StoreHarness(_root.Path, mirror: true))
        {
            (await withMirror.SaveAsync(TestVideos.Mp4(), "m.mp4")).Video!.Mirror.State.Should().Be(MirrorState.Pending);
        }

        using var other = new TempDirectory();
        await using var withoutMirror = new StoreHarness(other.Path);
        (await withoutMirror.SaveAsync(TestVideos.Mp4(), "m.mp4")).Video!.Mirror.State.Should().Be(MirrorState.Disabled);
    }

    [Fact]
    public async Task Stored_and_refused_uploads_are_in_the_audit_trail()
    {
        await using var harness = new StoreHarness(_root.Path);
        var video = (await harness.SaveAsync(TestVideos.Mp4(), "a.mp4")).Video!;
        await harness.SaveAsync(TestVideos.Text(), "b.mp4");
        await harness.Store.DeleteAsync(video.Id);

        var kinds = (await harness.Manifest.GetEventsAsync(new VideoEventQuery())).Select(e => e.Kind);

        kinds.Should().Equal(VideoEventKind.Stored, VideoEventKind.Refused, VideoEventKind.Deleted);
        File.Exists(harness.FullPath(video)).Should().BeFalse();
    }

    private const int Eio = 5;

    private static async Task<List<string?>> RefusalDetailsAsync(StoreHarness harness) =>
        [.. (await harness.Manifest.GetEventsAsync(new VideoEventQuery())).Where(e => e.Kind == VideoEventKind.Refused).Select(e => e.Detail)];

    /// <summary>Writes blocks for real until <paramref name="fromOffset"/>, then fails every write with errno <paramref name="errno"/>.</summary>
    private static BlockWrite FailingWritesFrom(long fromOffset, int errno) => (file, data, offset) =>
    {
        if (offset >= fromOffset)
        {
            throw FaultInjectingFileSystem.Errno(errno, "write failure");
        }

        RandomAccess.Write(file, data, offset);
    };
}
