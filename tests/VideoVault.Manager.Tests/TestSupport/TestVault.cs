using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Time.Testing;
using VideoVault.Manifest;
using VideoVault.Mirroring;

namespace VideoVault.Manager.Tests.TestSupport;

/// <summary>
/// A real store in a temp root, built by the library through DI as a host builds it, that stays open while the tool
/// runs (like a live host). Videos are saved through <see cref="IVideoStore.SaveAsync"/> on a fake clock set to
/// "now minus their age"; mirror states are set through the manifest's mirror queue, as the mirror worker sets them.
/// </summary>
internal sealed class TestVault : IAsyncDisposable
{
    private readonly TempDirectory _root = new();
    private readonly ServiceProvider _withMirror;
    private readonly ServiceProvider _withoutMirror;
    private Task? _started;
    private int _seed;

    public TestVault()
    {
        _withMirror = Build(mirror: true);
        _withoutMirror = Build(mirror: false);
    }

    public string Root => _root.Path;

    /// <summary>Starts far in the past: saves move it forward to "now minus age", so save the oldest first.</summary>
    public FakeTimeProvider Clock { get; } = new(DateTimeOffset.UtcNow - TimeSpan.FromDays(400));

    public IVideoStore Store => _withMirror.GetRequiredService<IVideoStore>();

    public IVideoManifest Manifest => _withMirror.GetRequiredService<IVideoManifest>();

    private IMirrorQueue Queue => (IMirrorQueue)Manifest;

    /// <summary>Saves a real video, <paramref name="age"/> old, and brings its mirror to <paramref name="mirror"/>.</summary>
    public async Task<VideoRecord> SaveAsync(
        string originalName, TimeSpan age, MirrorState mirror = MirrorState.Disabled, string category = "General", byte[]? content = null)
    {
        await (_started ??= StartHostAsync());
        var at = DateTimeOffset.UtcNow - age;
        if (at > Clock.GetUtcNow())
        {
            Clock.SetUtcNow(at);
        }

        content ??= originalName.EndsWith(".webm", StringComparison.OrdinalIgnoreCase)
            ? TestVideos.WebM(seed: ++_seed)
            : TestVideos.Mp4(seed: ++_seed);
        var store = (mirror == MirrorState.Disabled ? _withoutMirror : _withMirror).GetRequiredService<IVideoStore>();
        using var stream = new MemoryStream(content);
        var result = await store.SaveAsync(new VideoUpload(stream, originalName) { Category = category, DeclaredLength = content.Length });
        result.IsStored.Should().BeTrue(result.Reason);
        var video = result.Video!;
        if (mirror is MirrorState.Disabled or MirrorState.Pending)
        {
            return video;
        }

        // The new video is due now; anything else claimed with it goes back to pending, as after a restart.
        var claimed = await Queue.ClaimDueAsync(100);
        claimed.Select(job => job.Video.Id).Should().Contain(video.Id);
        var marked = mirror switch
        {
            MirrorState.Mirrored => await Queue.MarkMirroredAsync(video.Id, "drive-" + video.Id[..8], "https://drive.example/file/" + video.Id[..8]),
            MirrorState.Failed => await Queue.MarkFailedAsync(video.Id, "storageQuotaExceeded: the service account has no quota"),
            MirrorState.Retrying => await Queue.MarkRetryingAsync(video.Id, "503 from Drive", Clock.GetUtcNow().AddMinutes(5)),
            _ => true,
        };
        marked.Should().BeTrue();
        await Queue.RecoverInterruptedAsync();
        return (await Manifest.FindAsync(video.Id))!;
    }

    /// <summary>
    /// Starts a resumable upload of <paramref name="content"/>, <paramref name="age"/> old (so its expiry, judged by the
    /// tool's real clock, follows from the age), and appends its first <paramref name="received"/> bytes. Made through
    /// the store that has no running background services, so no sweep on the fake clock removes it before the tool runs.
    /// Create the oldest first: the fake clock only moves forward.
    /// </summary>
    public async Task<StagedUpload> StartUploadAsync(string originalName, TimeSpan age, byte[] content, int received, bool declareLength = true)
    {
        await (_started ??= StartHostAsync());
        var at = DateTimeOffset.UtcNow - age;
        if (at > Clock.GetUtcNow())
        {
            Clock.SetUtcNow(at);
        }

        var uploads = _withoutMirror.GetRequiredService<IStagedUploadStore>();
        var created = await uploads.CreateAsync(new StagedUploadRequest(originalName)
        {
            Length = declareLength ? content.Length : null,
            Category = "Tutorial",
            DeclaredMimeType = "video/mp4",
        });
        created.IsAccepted.Should().BeTrue(created.Reason);
        var upload = created.Upload!;
        if (received > 0)
        {
            using var piece = new MemoryStream(content, 0, received);
            var appended = await uploads.AppendAsync(upload.Id, 0, piece);
            appended.IsAccepted.Should().BeTrue(appended.Reason);
            upload = appended.Upload!;
        }

        return upload;
    }

    /// <summary>Sends the rest of an upload started by <see cref="StartUploadAsync"/> and publishes it as a video.</summary>
    public async Task<VideoRecord> FinishUploadAsync(StagedUpload upload, byte[] content)
    {
        var uploads = _withoutMirror.GetRequiredService<IStagedUploadStore>();
        using var rest = new MemoryStream(content, (int)upload.Offset, content.Length - (int)upload.Offset);
        var appended = await uploads.AppendAsync(upload.Id, upload.Offset, rest);
        appended.IsAccepted.Should().BeTrue(appended.Reason);
        var completed = await uploads.CompleteAsync(upload.Id);
        completed.IsAccepted.Should().BeTrue(completed.Reason);
        return completed.Video!;
    }

    /// <summary>The upload as the store now sees it (<see cref="StagedUploadOutcome.Unknown"/> once removed).</summary>
    public Task<StagedUploadResult> GetUploadAsync(string uploadId) =>
        _withoutMirror.GetRequiredService<IStagedUploadStore>().GetAsync(uploadId);

    /// <summary>How many bytes the files of resumable uploads take under the root.</summary>
    public long ResumableBytesOnDisk() =>
        Directory.Exists(Path.Combine(Root, ".incoming", "resumable"))
            ? Directory.EnumerateFiles(Path.Combine(Root, ".incoming", "resumable"), "*", SearchOption.AllDirectories).Sum(file => new FileInfo(file).Length)
            : 0;

    public string PathOf(VideoRecord video) => Path.Combine(Root, video.RelativePath.Replace('/', Path.DirectorySeparatorChar));

    /// <summary>Runs the tool in-process against this root.</summary>
    public Task<CliResult> RunAsync(params string[] args) => RunWithInputAsync(string.Empty, args);

    public async Task<CliResult> RunWithInputAsync(string stdin, params string[] args)
    {
        await (_started ??= StartHostAsync());
        return await VideoVaultCliRunner.RunAsync(["--root", Root, .. args], stdin, Environment.GetEnvironmentVariable);
    }

    // What a host does before serving: its hosted services create the folders, open the manifest and reconcile.
    private async Task StartHostAsync()
    {
        foreach (var service in _withMirror.GetServices<IHostedService>())
        {
            await service.StartAsync(CancellationToken.None);
        }
    }

    private ServiceProvider Build(bool mirror)
    {
        var services = new ServiceCollection();
        services.AddLogging();
        services.AddSingleton<TimeProvider>(Clock);
        if (mirror)
        {
            services.AddSingleton(new MirrorRegistration("test"));
        }

        services.AddVideoVault(options =>
        {
            options.RootPath = Root;
            options.MinFreeSpaceBytes = 0;
        });
        return services.BuildServiceProvider();
    }

    public async ValueTask DisposeAsync()
    {
        await _withMirror.DisposeAsync();
        await _withoutMirror.DisposeAsync();
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        _root.Dispose();
    }
}
