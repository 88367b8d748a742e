using System.Security.Cryptography;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using VideoVault.Hosting;
using VideoVault.Manifest;
using VideoVault.Storage;
using VideoVault.Tests.Storage;

namespace VideoVault.Tests.Hosting;

/// <summary>
/// Host start-up after a crash, from publish intents alone: a video renamed into place but not committed is there
/// after the restart under its own id, an intent whose rename never happened goes, and start-up neither walks
/// <c>videos/</c> nor looks at the records (that is <c>reconcile</c>'s job).
/// </summary>
public sealed class StartupRecoveryTests : IDisposable
{
    private readonly TempDirectory _root = new();

    public void Dispose() => _root.Dispose();

    [Fact]
    public async Task A_video_renamed_into_place_when_the_process_froze_is_there_after_a_restart_with_its_id_bytes_and_idempotency_key()
    {
        var content = TestVideos.Mp4(300_000, seed: 7);
        using var freezer = new FreezingFileSystem(FreezingFileSystem.Point.AfterRename);
        var crashed = await CrashAsync(freezer, host => host.Services.GetRequiredService<IVideoStore>()
            .SaveAsync(new VideoUpload(new MemoryStream(content), "frozen.mp4") { Category = "Talks", IdempotencyKey = "frozen-key" }));
        try
        {
            using var restarted = BuildHost();
            await restarted.StartAsync();
            var store = restarted.Services.GetRequiredService<IVideoStore>();

            var video = await store.FindAsync(crashed.Intent.VideoId);
            video.Should().NotBeNull("the renamed file is committed under its own id at start-up");
            video!.IdempotencyKey.Should().Be("frozen-key");
            video.Category.Should().Be("Talks");
            video.OriginalFileName.Should().Be("frozen.mp4");
            video.Sha256.Should().Be(Convert.ToHexStringLower(SHA256.HashData(content)));
            (await File.ReadAllBytesAsync(Path.Combine(_root.Path, video.RelativePath))).Should().Equal(content);
            (await restarted.Services.GetRequiredService<IVideoManifest>().GetEventsAsync(new VideoEventQuery { VideoId = video.Id }))
                .Should().ContainSingle(e => e.Kind == VideoEventKind.Stored).Which.Detail.Should().Contain("recovered at start-up");
            (await IntentsAsync(restarted)).Should().BeEmpty();

            var retried = await store.SaveAsync(new VideoUpload(new MemoryStream(content), "frozen.mp4") { IdempotencyKey = "frozen-key" });

            retried.IsReplay.Should().BeTrue("the client's retry with its key finds the recovered video");
            retried.Video!.Id.Should().Be(crashed.Intent.VideoId);
            VideoFiles().Should().ContainSingle();
            IncomingFiles().Should().BeEmpty();
            await restarted.StopAsync();
        }
        finally
        {
            await crashed.ReleaseAsync(freezer);
        }
    }

    [Fact]
    public async Task A_resumable_upload_whose_process_froze_after_the_rename_is_completed_as_that_video_after_a_restart()
    {
        var content = TestVideos.WebM(200_000, seed: 8);
        using var freezer = new FreezingFileSystem(FreezingFileSystem.Point.AfterRename);
        string uploadId = string.Empty;
        var crashed = await CrashAsync(freezer, async host =>
        {
            var uploads = host.Services.GetRequiredService<IStagedUploadStore>();
            var created = await uploads.CreateAsync(new StagedUploadRequest("resumed.webm") { Length = content.Length, IdempotencyKey = "tus-key" });
            uploadId = created.Upload!.Id;
            (await uploads.AppendAsync(uploadId, 0, new MemoryStream(content))).Outcome.Should().Be(StagedUploadOutcome.Accepted);
            await uploads.CompleteAsync(uploadId);
        });
        try
        {
            crashed.Intent.UploadId.Should().Be(uploadId);
            using var restarted = BuildHost();
            await restarted.StartAsync();

            var upload = await restarted.Services.GetRequiredService<IStagedUploadStore>().GetAsync(uploadId);

            upload.Upload!.State.Should().Be(StagedUploadState.Completed, "the recovery commits the upload's completion with its video");
            upload.Upload.VideoId.Should().Be(crashed.Intent.VideoId);
            var video = await restarted.Services.GetRequiredService<IVideoStore>().FindAsync(upload.Upload.VideoId!);
            video!.IdempotencyKey.Should().Be("tus-key");
            (await File.ReadAllBytesAsync(Path.Combine(_root.Path, video.RelativePath))).Should().Equal(content);
            var events = await restarted.Services.GetRequiredService<IVideoManifest>().GetEventsAsync(new VideoEventQuery { VideoId = video.Id });
            events.Select(e => e.Kind).Should().Equal(VideoEventKind.Stored, VideoEventKind.UploadCompleted);
            VideoFiles().Should().ContainSingle();
            await restarted.StopAsync();
        }
        finally
        {
            await crashed.ReleaseAsync(freezer);
        }
    }

    [Fact]
    public async Task An_intent_whose_rename_never_happened_is_dropped_at_start_up_and_its_temp_file_swept()
    {
        using var freezer = new FreezingFileSystem(FreezingFileSystem.Point.BeforeRename);
        var crashed = await CrashAsync(freezer, host => host.Services.GetRequiredService<IVideoStore>()
            .SaveAsync(new VideoUpload(new MemoryStream(TestVideos.Mp4(100_000)), "never-renamed.mp4")));
        try
        {
            IncomingFiles().Should().ContainSingle("the process froze with the upload still in its temp file");
            using var restarted = BuildHost();
            await restarted.StartAsync();

            (await IntentsAsync(restarted)).Should().BeEmpty();
            IncomingFiles().Should().BeEmpty();
            VideoFiles().Should().BeEmpty();
            (await restarted.Services.GetRequiredService<IVideoStore>().FindAsync(crashed.Intent.VideoId)).Should().BeNull();
            await restarted.StopAsync();
        }
        finally
        {
            await crashed.ReleaseAsync(freezer);
        }
    }

    [Fact]
    public async Task Start_up_does_not_walk_videos_a_file_dropped_there_by_hand_is_adopted_by_reconcile_only()
    {
        using (var first = BuildHost())
        {
            await first.StartAsync();
            await first.StopAsync();
        }

        var dropped = Path.Combine(_root.Path, "videos", "2024", "05", "20240501_080000_General_by-hand.mp4");
        Directory.CreateDirectory(Path.GetDirectoryName(dropped)!);
        await File.WriteAllBytesAsync(dropped, TestVideos.Mp4());

        using var restarted = BuildHost();
        await restarted.StartAsync();
        var store = restarted.Services.GetRequiredService<IVideoStore>();

        (await store.FindAsync("20240501_080000_General_by-hand.mp4")).Should().BeNull("start-up does not walk videos/");
        var report = await restarted.Services.GetRequiredService<IVideoMaintenance>().ReconcileAsync(ReconcileOptions.AtStartup);
        report.AdoptedFiles.Should().Equal("videos/2024/05/20240501_080000_General_by-hand.mp4");
        (await store.FindAsync("20240501_080000_General_by-hand.mp4")).Should().NotBeNull();
        await restarted.StopAsync();
    }

    [Fact]
    public async Task Start_up_does_not_look_at_every_record_a_file_gone_missing_is_flagged_by_reconcile_only()
    {
        VideoRecord lost;
        using (var first = BuildHost())
        {
            await first.StartAsync();
            lost = (await first.Services.GetRequiredService<IVideoStore>().SaveAsync(new VideoUpload(new MemoryStream(TestVideos.Mp4()), "lost.mp4"))).Video!;
            await first.StopAsync();
        }

        File.Delete(Path.Combine(_root.Path, lost.RelativePath));

        using var restarted = BuildHost();
        await restarted.StartAsync();
        var store = restarted.Services.GetRequiredService<IVideoStore>();

        (await store.FindAsync(lost.Id))!.LocalState.Should().Be(LocalCopyState.Present, "start-up does not stat every record's file");
        var report = await restarted.Services.GetRequiredService<IVideoMaintenance>().ReconcileAsync(ReconcileOptions.AtStartup);
        report.MissingFiles.Should().Equal(lost.RelativePath);
        (await store.FindAsync(lost.Id))!.LocalState.Should().Be(LocalCopyState.Missing);
        await restarted.StopAsync();
    }

    [Fact]
    public async Task A_corrupt_manifest_does_not_hold_start_up_back_and_is_reported_critically_by_the_background_check()
    {
        using (var first = BuildHost())
        {
            await first.StartAsync();
            await first.Services.GetRequiredService<IVideoStore>().SaveAsync(new VideoUpload(new MemoryStream(TestVideos.Mp4()), "a.mp4"));
            await first.StopAsync();
        }

        await ManifestDamage.CorruptIndexAsync(Path.Combine(_root.Path, "manifest.db"), "ix_videos_created");
        var logger = new RecordingLogger<ManifestIntegrityCheckService>();
        using var restarted = BuildHost(services => services.AddSingleton<ILogger<ManifestIntegrityCheckService>>(logger));
        var check = restarted.Services.GetServices<IHostedService>().OfType<ManifestIntegrityCheckService>().Single();

        await restarted.StartAsync();
        await check.ExecuteTask!;

        var entry = logger.Entries.Should().ContainSingle().Subject;
        entry.EventName.Should().Be("ManifestCorrupt");
        entry.Level.Should().Be(LogLevel.Critical);
        entry.Message.Should().Contain("failed its integrity check").And.Contain("restore it from a backup");
        await restarted.StopAsync();
    }

    [Fact]
    public async Task An_intact_manifest_passes_the_background_check_without_a_critical_entry()
    {
        var logger = new RecordingLogger<ManifestIntegrityCheckService>();
        using var host = BuildHost(services => services.AddSingleton<ILogger<ManifestIntegrityCheckService>>(logger));
        var check = host.Services.GetServices<IHostedService>().OfType<ManifestIntegrityCheckService>().Single();

        await host.StartAsync();
        await check.ExecuteTask!;

        logger.Entries.Should().BeEmpty();
        await host.StopAsync();
    }

    /// <summary>
    /// Starts a host whose file system freezes where <paramref name="freezer"/> says, runs <paramref name="work"/> until
    /// it freezes there, and lets go of the root as a dead process would (its lock goes with it). The frozen host is
    /// neither stopped further nor disposed until <see cref="Crashed.ReleaseAsync"/>.
    /// </summary>
    private async Task<Crashed> CrashAsync(FreezingFileSystem freezer, Func<IHost, Task> work)
    {
        var host = BuildHost(services => services.AddSingleton<IDurableFileSystem>(freezer));
        await host.StartAsync();
        var running = Task.Run(() => work(host));
        await Task.WhenAny(freezer.Frozen, running).WaitAsync(TimeSpan.FromSeconds(30));
        running.IsCompleted.Should().BeFalse("the work must freeze, not finish: {0}", running.Exception);
        var intent = (await IntentsAsync(host)).Should().ContainSingle("the intent is committed before the rename").Subject;
        await host.StopAsync();
        return new Crashed(host, running, intent);
    }

    private static async Task<IReadOnlyList<PublishIntent>> IntentsAsync(IHost host) =>
        await ((IPublishIntentManifest)host.Services.GetRequiredService<IVideoManifest>()).ReadPublishIntentsAsync();

    private string[] VideoFiles() => Directory.GetFiles(Path.Combine(_root.Path, "videos"), "*", SearchOption.AllDirectories);

    private string[] IncomingFiles() => Directory.GetFiles(Path.Combine(_root.Path, ".incoming"));

    private IHost BuildHost(Action<IServiceCollection>? services = null)
    {
        var builder = Host.CreateEmptyApplicationBuilder(new HostApplicationBuilderSettings());
        builder.Services.AddVideoVault(o =>
        {
            o.RootPath = _root.Path;
            o.MinFreeSpaceBytes = 0;
        });
        services?.Invoke(builder.Services);
        return builder.Build();
    }

    /// <summary>A host frozen mid-publish, its intent, and the call that froze.</summary>
    private sealed record Crashed(IHost Host, Task Frozen, PublishIntent Intent)
    {
        /// <summary>After the test: lets the frozen call fail its way out, then disposes the frozen host.</summary>
        public async Task ReleaseAsync(FreezingFileSystem freezer)
        {
            freezer.Dispose();
            await Frozen.ContinueWith(_ => { }, TaskScheduler.Default).WaitAsync(TimeSpan.FromSeconds(30));
            Host.Dispose();
        }
    }
}
