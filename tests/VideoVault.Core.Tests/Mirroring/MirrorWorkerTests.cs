using System.Collections.Concurrent;
using System.Diagnostics.Metrics;
using Microsoft.Extensions.DependencyInjection;
using VideoVault.FakeDrive;
using VideoVault.Maintenance;
using VideoVault.Mirroring;

namespace VideoVault.Tests.Mirroring;

/// <summary>
/// The mirror end to end: a real host (store, SQLite manifest, worker, Google.Apis client with a service-account key)
/// against the fake Drive over loopback HTTP.
/// </summary>
public sealed class MirrorWorkerTests : IAsyncLifetime
{
    private const int Chunk = MirrorTestContext.Chunk;
    private MirrorTestContext _context = null!;

    private FakeDriveServer Drive => _context.Drive;

    public async Task InitializeAsync() => _context = await MirrorTestContext.StartAsync();

    public async Task DisposeAsync() => await _context.DisposeAsync();

    [Fact]
    public async Task Stored_video_is_mirrored_into_the_folder_with_its_id_and_the_record_shows_the_remote_file()
    {
        var host = await _context.StartHostAsync();
        var content = MirrorTestContext.UniqueMp4((2 * Chunk) + 12345);

        var stored = await MirrorTestContext.SaveAsync(host, content);
        var mirrored = await MirrorTestContext.WaitForStateAsync(host, stored.Id, MirrorState.Mirrored);

        stored.Mirror.State.Should().Be(MirrorState.Pending);
        var file = _context.ShouldHaveExactlyOneVerifiedCopy(mirrored, content);
        file.Name.Should().Be(stored.StoredName);
        file.MimeType.Should().Be("video/mp4");
        file.AppProperties.Should().Contain("videoVaultId", stored.Id);
        mirrored.Mirror.Attempts.Should().Be(1);
        mirrored.Mirror.MirroredAt.Should().NotBeNull();
        Drive.TokenGrants.Should().NotBeEmpty().And.OnlyContain(g => g.GrantType == "urn:ietf:params:oauth:grant-type:jwt-bearer");
        Drive.Requests.Where(r => r.Kind == FakeDriveRequestKind.InitiateUpload).Should().ContainSingle();
        Drive.Requests.Where(r => r.Kind != FakeDriveRequestKind.Token).Should().OnlyContain(r => r.SupportsAllDrives || r.Kind == FakeDriveRequestKind.GenerateIds
            || r.Kind == FakeDriveRequestKind.UploadChunk || r.Kind == FakeDriveRequestKind.StatusQuery);
        File.ReadAllBytes(Path.Combine(_context.RootPath, stored.RelativePath)).Should().Equal(content, "the local copy is kept as it was");
    }

    [Fact]
    public async Task Mirroring_reports_bytes_lag_backlog_and_failures_on_the_VideoVault_meter()
    {
        Drive.Faults.Enqueue(FakeDriveRequestKind.InitiateUpload, DriveFault.TooManyRequests());
        var host = await _context.StartHostAsync(o => o.MaxAttempts = 5);
        var factory = host.Services.GetRequiredService<IMeterFactory>();
        var measurements = new ConcurrentQueue<(string Name, double Value, string? Reason)>();
        using var listener = new MeterListener();
        listener.InstrumentPublished = (instrument, l) =>
        {
            if (instrument.Meter.Name == "VideoVault" && ReferenceEquals(instrument.Meter.Scope, factory) && instrument.Name.StartsWith("videovault.mirror.", StringComparison.Ordinal))
            {
                l.EnableMeasurementEvents(instrument);
            }
        };
        listener.SetMeasurementEventCallback<long>((instrument, value, tags, _) => measurements.Enqueue((instrument.Name, value, ReasonOf(tags))));
        listener.SetMeasurementEventCallback<double>((instrument, value, tags, _) => measurements.Enqueue((instrument.Name, value, ReasonOf(tags))));
        listener.Start();
        var content = MirrorTestContext.UniqueMp4(Chunk + 10);

        var stored = await MirrorTestContext.SaveAsync(host, content);
        await MirrorTestContext.WaitForStateAsync(host, stored.Id, MirrorState.Mirrored);
        listener.RecordObservableInstruments();

        measurements.Should().Contain(m => m.Name == "videovault.mirror.bytes" && m.Value == content.Length);
        measurements.Should().Contain(m => m.Name == "videovault.mirror.lag" && m.Value >= 0);
        measurements.Should().Contain(m => m.Name == "videovault.mirror.failures" && m.Reason == "http_429");
        measurements.Should().Contain(m => m.Name == "videovault.mirror.backlog");
    }

    private static string? ReasonOf(ReadOnlySpan<KeyValuePair<string, object?>> tags)
    {
        foreach (var tag in tags)
        {
            if (tag.Key == "reason")
            {
                return tag.Value as string;
            }
        }

        return null;
    }

    public static TheoryData<string> Faults() =>
    [
        "503 on a chunk",
        "500 on every try of a chunk",
        "429 on a chunk with Retry-After",
        "403 rateLimitExceeded on a chunk",
        "403 userRateLimitExceeded on the initiation",
        "reset mid-chunk, nothing kept",
        "reset mid-chunk, part kept",
        "partial persist of a chunk",
        "partial persist of the last chunk",
        "308 without Range",
        "expired session",
        "401 once",
        "slow responses",
        "503 on generateIds and list",
        "reset of the final chunk after Drive kept it all",
    ];

    [Theory]
    [MemberData(nameof(Faults))]
    public async Task Each_fault_ends_with_exactly_one_verified_Drive_file(string fault)
    {
        Inject(fault);
        var host = await _context.StartHostAsync();
        var content = MirrorTestContext.UniqueMp4((3 * Chunk) + 777);

        var stored = await MirrorTestContext.SaveAsync(host, content);
        var mirrored = await MirrorTestContext.WaitForStateAsync(host, stored.Id, MirrorState.Mirrored);

        _context.ShouldHaveExactlyOneVerifiedCopy(mirrored, content);
        Drive.Files.Should().ContainSingle("no stray or duplicate file is left anywhere");
        Drive.Requests.Should().Contain(r => r.Fault != null, "the fault must actually have fired");
    }

    private void Inject(string fault)
    {
        static bool SecondChunk(FakeDriveRequestInfo r) => r.Kind == FakeDriveRequestKind.UploadChunk && r.PersistedBytes >= Chunk;
        static bool LastChunk(FakeDriveRequestInfo r) => r.Kind == FakeDriveRequestKind.UploadChunk && r.PersistedBytes >= 3 * Chunk;
        var faults = Drive.Faults;
        switch (fault)
        {
            case "503 on a chunk":
                faults.Add(SecondChunk, DriveFault.ServerError(503));
                break;
            case "500 on every try of a chunk":
                // More than the client's in-request tries: the attempt fails, is retried later and resumes the session.
                faults.Add(r => r.Kind is FakeDriveRequestKind.UploadChunk or FakeDriveRequestKind.StatusQuery && r.PersistedBytes >= Chunk,
                    DriveFault.ServerError(500), times: 6);
                break;
            case "429 on a chunk with Retry-After":
                faults.Add(SecondChunk, DriveFault.TooManyRequests(TimeSpan.FromSeconds(1)));
                break;
            case "403 rateLimitExceeded on a chunk":
                faults.Add(SecondChunk, DriveFault.RateLimitExceeded());
                break;
            case "403 userRateLimitExceeded on the initiation":
                faults.Enqueue(FakeDriveRequestKind.InitiateUpload, DriveFault.UserRateLimitExceeded());
                break;
            case "reset mid-chunk, nothing kept":
                faults.Add(SecondChunk, DriveFault.ResetConnection(afterBytes: 100_000));
                break;
            case "reset mid-chunk, part kept":
                faults.Add(SecondChunk, DriveFault.ResetConnection(afterBytes: 100_000, persistReceived: true));
                break;
            case "partial persist of a chunk":
                faults.Add(SecondChunk, DriveFault.PartialPersist(1000));
                break;
            case "partial persist of the last chunk":
                faults.Add(LastChunk, DriveFault.PartialPersist(100));
                break;
            case "308 without Range":
                faults.Add(SecondChunk, DriveFault.MissingRange());
                break;
            case "expired session":
                faults.Add(SecondChunk, DriveFault.ExpiredSession());
                break;
            case "401 once":
                faults.Add(SecondChunk, DriveFault.Unauthorized());
                break;
            case "slow responses":
                faults.Add(r => r.Kind is FakeDriveRequestKind.UploadChunk or FakeDriveRequestKind.InitiateUpload, DriveFault.Slow(TimeSpan.FromMilliseconds(150)), times: 4);
                break;
            case "503 on generateIds and list":
                faults.Enqueue(FakeDriveRequestKind.GenerateIds, DriveFault.ServerError(503));
                faults.Enqueue(FakeDriveRequestKind.List, DriveFault.ServerError(503));
                break;
            case "reset of the final chunk after Drive kept it all":
                faults.Add(LastChunk, DriveFault.ResetConnection(afterBytes: long.MaxValue, persistReceived: true));
                break;
            default:
                throw new ArgumentOutOfRangeException(nameof(fault), fault, null);
        }
    }

    [Fact]
    public async Task A_video_adopted_by_a_tool_without_the_mirror_is_queued_and_mirrored_by_the_running_host()
    {
        // Regression: the admin tool's reconcile runs the library without the Drive plug-in, so it adopts files as
        // `disabled`; the host's mirror only queued disabled videos at its start, so such a video was never mirrored.
        var host = await _context.StartHostAsync(drive: o => o.QueuePollInterval = TimeSpan.FromMilliseconds(200));
        var content = MirrorTestContext.UniqueMp4(Chunk + 4321);
        var orphan = Path.Combine(_context.RootPath, "videos", "2025", "01", "20250102_030405_General_orphan.mp4");
        Directory.CreateDirectory(Path.GetDirectoryName(orphan)!);
        await File.WriteAllBytesAsync(orphan, content);

        var tool = new ServiceCollection().AddLogging();
        tool.AddVideoVault(o =>
        {
            o.RootPath = _context.RootPath;
            o.MinFreeSpaceBytes = 0;
        });
        await using (var services = tool.BuildServiceProvider())
        {
            var report = await services.GetRequiredService<IVideoMaintenance>()
                .ReconcileAsync(new ReconcileOptions { AdoptionGracePeriod = TimeSpan.Zero });
            report.AdoptedFiles.Should().ContainSingle();
        }

        var adopted = await host.Services.GetRequiredService<IVideoStore>().FindAsync("20250102_030405_General_orphan.mp4");
        var mirrored = await MirrorTestContext.WaitForStateAsync(host, adopted!.Id, MirrorState.Mirrored);

        _context.ShouldHaveExactlyOneVerifiedCopy(mirrored, content);
    }

    [Fact]
    public async Task A_host_stopped_mid_upload_resumes_the_same_session_after_the_restart()
    {
        var content = MirrorTestContext.UniqueMp4((4 * Chunk) + 99);

        // The second chunk hangs, so the host is stopped with exactly one chunk confirmed.
        Drive.Faults.Add(r => r.Kind == FakeDriveRequestKind.UploadChunk && r.PersistedBytes == Chunk, DriveFault.Slow(TimeSpan.FromSeconds(20)));
        var first = await _context.StartHostAsync();
        var stored = await MirrorTestContext.SaveAsync(first, content);
        await Poll.UntilAsync(() => Drive.Requests.Any(r => r.Kind == FakeDriveRequestKind.UploadChunk && r.StatusCode == 308));
        await Poll.UntilAsync(() => Drive.Requests.Any(r => r.Kind == FakeDriveRequestKind.UploadChunk && r.Fault != null) || Drive.Faults.Remaining == 0);
        await _context.StopAsync(first);
        var stoppedAt = Drive.Requests.Count;

        var interrupted = await FindAsync(stored.Id);
        interrupted.Mirror.State.Should().Be(MirrorState.Uploading, "a stop leaves the claim for the next start to recover");
        Drive.Faults.Clear();
        var second = await _context.StartHostAsync();
        var mirrored = await MirrorTestContext.WaitForStateAsync(second, stored.Id, MirrorState.Mirrored);

        _context.ShouldHaveExactlyOneVerifiedCopy(mirrored, content);
        var initiations = Drive.Requests.Where(r => r.Kind == FakeDriveRequestKind.InitiateUpload).ToList();
        initiations.Should().ContainSingle("the restart resumes the saved session instead of starting another");
        var afterRestart = Drive.Requests.Skip(stoppedAt).ToList();
        afterRestart.Should().Contain(r => r.Kind == FakeDriveRequestKind.StatusQuery && r.UploadId == initiations[0].UploadId, "resuming starts with a status query");
        afterRestart.Where(r => r.Kind == FakeDriveRequestKind.UploadChunk).Should().OnlyContain(r => r.UploadId == initiations[0].UploadId);
        var received = Drive.Requests.Where(r => r.Kind == FakeDriveRequestKind.UploadChunk).Sum(r => r.BodyBytesReceived);
        received.Should().BeLessThanOrEqualTo(content.Length + Chunk, "at most the unconfirmed chunk is sent twice");
        received.Should().BeGreaterThanOrEqualTo(content.Length);
    }

    [Fact]
    public async Task Deleting_a_video_while_its_upload_runs_leaves_no_orphan_Drive_file()
    {
        var content = MirrorTestContext.UniqueMp4((2 * Chunk) + 123);

        // The last chunk hangs long enough to delete the video; the upload then finishes from the unlinked file.
        Drive.Faults.Add(r => r.Kind == FakeDriveRequestKind.UploadChunk && r.PersistedBytes == 2 * Chunk, DriveFault.Slow(TimeSpan.FromSeconds(1)));
        var host = await _context.StartHostAsync();
        var signals = host.Services.GetRequiredService<MirrorSignals>();
        var stored = await MirrorTestContext.SaveAsync(host, content);
        await Poll.UntilAsync(() => Drive.Faults.Remaining == 0);
        var jobEnded = signals.Progressed.Next;

        var deleted = await host.Services.GetRequiredService<IVideoStore>().DeleteAsync(stored.Id);
        await jobEnded.WaitAsync(TimeSpan.FromSeconds(20));

        deleted.Found.Should().BeTrue();
        await Poll.UntilAsync(() => Drive.Requests.Any(r => r.Kind == FakeDriveRequestKind.UploadChunk && r.StatusCode == 200));
        _context.FilesOf(stored.Id).Should().BeEmpty("nothing refers to a Drive copy of a deleted video");
        Drive.Files.Should().BeEmpty();
    }

    [Fact]
    public async Task A_hundred_videos_with_random_faults_end_as_a_hundred_files_without_duplicates()
    {
        var random = new Random(20251125);
        var faultRandom = new Random(7);
        var gate = new Lock();
        bool Roll(double probability)
        {
            lock (gate)
            {
                return faultRandom.NextDouble() < probability;
            }
        }

        bool SessionRequest(FakeDriveRequestInfo r) => r.Kind is FakeDriveRequestKind.UploadChunk or FakeDriveRequestKind.StatusQuery;
        Drive.Faults.Add(r => SessionRequest(r) && Roll(0.04), DriveFault.ServerError(503), times: 20);
        Drive.Faults.Add(r => SessionRequest(r) && Roll(0.03), DriveFault.TooManyRequests(), times: 15);
        Drive.Faults.Add(r => r.Kind == FakeDriveRequestKind.UploadChunk && Roll(0.03), DriveFault.ResetConnection(50_000, persistReceived: true), times: 15);
        Drive.Faults.Add(r => r.Kind == FakeDriveRequestKind.UploadChunk && Roll(0.03), DriveFault.PartialPersist(4096), times: 15);
        Drive.Faults.Add(r => r.Kind == FakeDriveRequestKind.UploadChunk && Roll(0.02), DriveFault.MissingRange(), times: 10);
        Drive.Faults.Add(r => r.Kind == FakeDriveRequestKind.UploadChunk && Roll(0.02), DriveFault.ExpiredSession(), times: 10);
        Drive.Faults.Add(r => r.Kind == FakeDriveRequestKind.InitiateUpload && Roll(0.05), DriveFault.RateLimitExceeded(), times: 10);
        Drive.Faults.Add(r => r.Kind is FakeDriveRequestKind.List or FakeDriveRequestKind.Get && Roll(0.05), DriveFault.ServerError(502), times: 10);
        var host = await _context.StartHostAsync(o => o.MaxParallelUploads = 4);

        var videos = new List<(VideoRecord Video, byte[] Content)>();
        for (var i = 0; i < 100; i++)
        {
            var content = MirrorTestContext.UniqueMp4(random.Next(1000, (2 * Chunk) + 5000), random);
            videos.Add((await MirrorTestContext.SaveAsync(host, content, $"clip-{i}.mp4"), content));
        }

        foreach (var (video, content) in videos)
        {
            var mirrored = await MirrorTestContext.WaitForStateAsync(host, video.Id, MirrorState.Mirrored, timeoutSeconds: 90);
            _context.ShouldHaveExactlyOneVerifiedCopy(mirrored, content);
        }

        Drive.Files.Should().HaveCount(100);
        Drive.Files.Select(f => f.AppProperties["videoVaultId"]).Should().OnlyHaveUniqueItems();
        Drive.Requests.Where(r => r.Fault != null).Select(r => r.Fault).Distinct().Should().HaveCountGreaterThanOrEqualTo(4, "several kinds of fault fired");
    }

    [Fact]
    public async Task Storage_quota_exceeded_fails_the_video_with_a_readable_reason_and_keeps_the_local_file()
    {
        Drive.Faults.Add(r => r.Kind == FakeDriveRequestKind.InitiateUpload, DriveFault.StorageQuotaExceeded(), times: int.MaxValue);
        var host = await _context.StartHostAsync();
        var content = MirrorTestContext.UniqueMp4(5000);

        var stored = await MirrorTestContext.SaveAsync(host, content);
        var failed = await MirrorTestContext.WaitForStateAsync(host, stored.Id, MirrorState.Failed);

        failed.Mirror.LastError.Should().Contain("storageQuotaExceeded").And.Contain("shared drive");
        failed.Mirror.Attempts.Should().Be(1, "a permanent error is not retried");
        Drive.Files.Should().BeEmpty();
        File.ReadAllBytes(Path.Combine(_context.RootPath, stored.RelativePath)).Should().Equal(content);
        var events = await host.Services.GetRequiredService<IVideoManifest>().GetEventsAsync(new VideoEventQuery { VideoId = stored.Id });
        events.Select(e => e.Kind).Should().Contain([VideoEventKind.MirrorAttempt, VideoEventKind.MirrorFailed]);
    }

    [Fact]
    public async Task Transient_errors_until_MaxAttempts_fail_the_video_saying_it_gave_up()
    {
        Drive.Faults.Add(r => r.Kind == FakeDriveRequestKind.InitiateUpload, DriveFault.TooManyRequests(), times: int.MaxValue);
        var host = await _context.StartHostAsync(o => o.MaxAttempts = 3);

        var stored = await MirrorTestContext.SaveAsync(host, MirrorTestContext.UniqueMp4(5000));
        var failed = await MirrorTestContext.WaitForStateAsync(host, stored.Id, MirrorState.Failed);

        failed.Mirror.Attempts.Should().Be(3);
        failed.Mirror.LastError.Should().StartWith("Gave up after 3 attempts").And.Contain("rate");
    }

    [Fact]
    public async Task Upload_limit_exceeded_pauses_the_whole_queue_and_resumes_after_the_pause()
    {
        var plain = await _context.StartHostAsync(mirror: false);
        var first = MirrorTestContext.UniqueMp4(5000);
        var second = MirrorTestContext.UniqueMp4(6000);
        var firstRecord = await MirrorTestContext.SaveAsync(plain, first, "first.mp4");
        var secondRecord = await MirrorTestContext.SaveAsync(plain, second, "second.mp4");
        await _context.StopAsync(plain);
        Drive.Faults.Enqueue(FakeDriveRequestKind.InitiateUpload, DriveFault.UploadLimitExceeded());
        var startedAt = DateTimeOffset.UtcNow;

        var host = await _context.StartHostAsync(o =>
        {
            o.UploadLimitPause = TimeSpan.FromMilliseconds(800);
            o.MaxParallelUploads = 1;
        });
        var paused = await MirrorTestContext.WaitForStateAsync(host, firstRecord.Id, MirrorState.Retrying);
        var firstMirrored = await MirrorTestContext.WaitForStateAsync(host, firstRecord.Id, MirrorState.Mirrored);
        var secondMirrored = await MirrorTestContext.WaitForStateAsync(host, secondRecord.Id, MirrorState.Mirrored);

        paused.Mirror.LastError.Should().Contain("uploadLimitExceeded").And.Contain("pause");
        paused.Mirror.NextAttemptAt.Should().BeOnOrAfter(startedAt + TimeSpan.FromMilliseconds(800));
        secondMirrored.Mirror.MirroredAt.Should().BeOnOrAfter(paused.Mirror.NextAttemptAt!.Value, "no other upload starts while the queue is paused");
        _context.ShouldHaveExactlyOneVerifiedCopy(firstMirrored, first);
        _context.ShouldHaveExactlyOneVerifiedCopy(secondMirrored, second);
    }

    [Fact]
    public async Task A_corrupted_local_file_is_reported_as_corrupt_and_not_uploaded_while_intact_ones_are_mirrored()
    {
        // Stored while no mirror was configured, so the bytes can be damaged before any upload starts.
        var plain = await _context.StartHostAsync(mirror: false);
        var intact = MirrorTestContext.UniqueMp4(Chunk + 500);
        var damaged = MirrorTestContext.UniqueMp4((2 * Chunk) + 500);
        var intactRecord = await MirrorTestContext.SaveAsync(plain, intact, "intact.mp4");
        var damagedRecord = await MirrorTestContext.SaveAsync(plain, damaged, "damaged.mp4");
        await _context.StopAsync(plain);
        var path = Path.Combine(_context.RootPath, damagedRecord.RelativePath);
        var onDisk = File.ReadAllBytes(path);
        onDisk[Chunk + 10] ^= 0xFF;
        File.WriteAllBytes(path, onDisk);

        var host = await _context.StartHostAsync();
        var failed = await MirrorTestContext.WaitForStateAsync(host, damagedRecord.Id, MirrorState.Failed);
        var mirrored = await MirrorTestContext.WaitForStateAsync(host, intactRecord.Id, MirrorState.Mirrored);

        intactRecord.Mirror.State.Should().Be(MirrorState.Disabled);
        failed.Mirror.LastError.Should().Contain("corrupt").And.Contain(damagedRecord.Sha256);
        _context.FilesOf(damagedRecord.Id).Should().BeEmpty("a corrupt file is never completed on Drive");
        File.ReadAllBytes(path).Should().Equal(onDisk, "the mirror never alters the local file");
        _context.ShouldHaveExactlyOneVerifiedCopy(mirrored, intact);
    }

    [Fact]
    public async Task A_missing_local_file_fails_the_video_saying_the_file_is_missing()
    {
        var plain = await _context.StartHostAsync(mirror: false);
        var stored = await MirrorTestContext.SaveAsync(plain, MirrorTestContext.UniqueMp4(5000));
        await _context.StopAsync(plain);
        File.Delete(Path.Combine(_context.RootPath, stored.RelativePath));

        var host = await _context.StartHostAsync();
        var failed = await MirrorTestContext.WaitForStateAsync(host, stored.Id, MirrorState.Failed);

        failed.Mirror.LastError.Should().Contain("missing");
        Drive.Files.Should().BeEmpty();
    }

    [Fact]
    public async Task A_local_read_failure_is_reported_as_a_local_error_without_the_absolute_path_of_the_store()
    {
        // Regression: the IOException's message, which names the absolute path, became the mirror's last error (served
        // over HTTP), and a failed local read was reported as a network error talking to Drive.
        var plain = await _context.StartHostAsync(mirror: false);
        var stored = await MirrorTestContext.SaveAsync(plain, MirrorTestContext.UniqueMp4(5000));
        await _context.StopAsync(plain);
        var path = Path.Combine(_context.RootPath, stored.RelativePath);

        // .NET locks files with flock(2) on Unix: while this is held, the mirror's open fails with an IOException naming the path.
        using var held = new FileStream(path, FileMode.Open, FileAccess.ReadWrite, FileShare.None);
        var host = await _context.StartHostAsync(o => o.MaxAttempts = 1);
        var failed = await MirrorTestContext.WaitForStateAsync(host, stored.Id, MirrorState.Failed);

        failed.Mirror.LastError.Should().Contain("The local file could not be read (IOException).")
            .And.NotContain(_context.RootPath)
            .And.NotContain(stored.StoredName)
            .And.NotContainEquivalentOf("network");
        Drive.Files.Should().BeEmpty();
    }

    [Fact]
    public async Task A_copy_left_on_Drive_by_an_earlier_attempt_is_adopted_instead_of_uploaded_again()
    {
        var plain = await _context.StartHostAsync(mirror: false);
        var content = MirrorTestContext.UniqueMp4(7000);
        var stored = await MirrorTestContext.SaveAsync(plain, content);
        await _context.StopAsync(plain);
        var earlier = Drive.AddFile(stored.StoredName, content, MirrorTestContext.FolderId, new Dictionary<string, string> { ["videoVaultId"] = stored.Id });

        var host = await _context.StartHostAsync();
        var mirrored = await MirrorTestContext.WaitForStateAsync(host, stored.Id, MirrorState.Mirrored);

        _context.ShouldHaveExactlyOneVerifiedCopy(mirrored, content).Id.Should().Be(earlier.Id);
        Drive.Requests.Should().NotContain(r => r.Kind == FakeDriveRequestKind.InitiateUpload);
    }

    [Fact]
    public async Task Copies_with_the_same_video_id_in_another_folder_are_neither_adopted_nor_deleted()
    {
        // Regression: the lookup by videoVaultId searched the whole Drive, so a copy kept in another folder was adopted
        // as the mirror (if its bytes matched) or deleted (if they did not).
        var plain = await _context.StartHostAsync(mirror: false);
        var content = MirrorTestContext.UniqueMp4(7000);
        var stored = await MirrorTestContext.SaveAsync(plain, content);
        await _context.StopAsync(plain);
        var props = new Dictionary<string, string> { ["videoVaultId"] = stored.Id };
        var elsewhere = Drive.AddFile(stored.StoredName, content, "someone-elses-folder", props);
        var differentElsewhere = Drive.AddFile(stored.StoredName, content[..5000], "another-folder", props);

        var host = await _context.StartHostAsync();
        var mirrored = await MirrorTestContext.WaitForStateAsync(host, stored.Id, MirrorState.Mirrored);

        mirrored.Mirror.RemoteFileId.Should().NotBe(elsewhere.Id).And.NotBe(differentElsewhere.Id);
        Drive.FindFile(elsewhere.Id).Should().NotBeNull();
        Drive.FindFile(differentElsewhere.Id).Should().NotBeNull();
        var own = _context.FilesOf(stored.Id).Where(f => f.Parents.Contains(MirrorTestContext.FolderId)).Should().ContainSingle().Subject;
        own.Id.Should().Be(mirrored.Mirror.RemoteFileId);
        own.Content.ToArray().Should().Equal(content);
    }

    [Fact]
    public async Task A_wrong_copy_left_on_Drive_is_deleted_and_the_video_uploaded_again()
    {
        var plain = await _context.StartHostAsync(mirror: false);
        var content = MirrorTestContext.UniqueMp4(7000);
        var stored = await MirrorTestContext.SaveAsync(plain, content);
        await _context.StopAsync(plain);
        var wrong = Drive.AddFile(stored.StoredName, content[..5000], MirrorTestContext.FolderId, new Dictionary<string, string> { ["videoVaultId"] = stored.Id });

        var host = await _context.StartHostAsync();
        var mirrored = await MirrorTestContext.WaitForStateAsync(host, stored.Id, MirrorState.Mirrored);

        _context.ShouldHaveExactlyOneVerifiedCopy(mirrored, content).Id.Should().NotBe(wrong.Id);
        Drive.FindFile(wrong.Id).Should().BeNull();
    }

    [Fact]
    public async Task The_awaiter_returns_the_mirrored_record_once_the_copy_is_verified()
    {
        var host = await _context.StartHostAsync(o => o.WaitForMirrorSeconds = 5);
        var awaiter = host.Services.GetRequiredService<IVideoMirrorAwaiter>();

        var stored = await MirrorTestContext.SaveAsync(host, MirrorTestContext.UniqueMp4(Chunk + 1));
        var record = await awaiter.WaitForMirrorAsync(stored.Id, TimeSpan.FromSeconds(20));

        awaiter.UploadWait.Should().Be(TimeSpan.FromSeconds(5));
        record!.Mirror.State.Should().Be(MirrorState.Mirrored);
        record.Mirror.RemoteLink.Should().NotBeNullOrEmpty();
    }

    [Fact]
    public async Task The_awaiter_gives_up_after_the_timeout_and_returns_the_record_as_it_is()
    {
        Drive.Faults.Add(r => r.Kind == FakeDriveRequestKind.InitiateUpload, DriveFault.Slow(TimeSpan.FromSeconds(3)));
        var host = await _context.StartHostAsync();
        var awaiter = host.Services.GetRequiredService<IVideoMirrorAwaiter>();

        var stored = await MirrorTestContext.SaveAsync(host, MirrorTestContext.UniqueMp4(5000));
        var record = await awaiter.WaitForMirrorAsync(stored.Id, TimeSpan.FromMilliseconds(300));

        record!.Mirror.State.Should().BeOneOf(MirrorState.Pending, MirrorState.Uploading);
    }

    private async Task<VideoRecord> FindAsync(string id)
    {
        var plain = _context.Build(mirror: false);
        try
        {
            return (await plain.Services.GetRequiredService<IVideoStore>().FindAsync(id))!;
        }
        finally
        {
            plain.Dispose();
        }
    }
}
