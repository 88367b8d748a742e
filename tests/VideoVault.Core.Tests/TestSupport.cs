using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;
using VideoVault.Maintenance;
using VideoVault.Manifest;
using VideoVault.Mirroring;
using VideoVault.Storage;
using VideoVault.Diagnostics;

namespace VideoVault.Tests;

/// <summary>
/// The real parts wired by hand over one root: a SQLite manifest, the local store and maintenance. Dispose and
/// create another over the same root to simulate a restart.
/// </summary>
internal sealed class StoreHarness : IAsyncDisposable
{
    public StoreHarness(
        string root,
        Action<VideoVaultOptions>? configure = null,
        TimeProvider? timeProvider = null,
        Func<IVideoManifest, IVideoManifest>? decorateManifest = null,
        bool mirror = false,
        IDurableFileSystem? fileSystem = null,
        AtomicFileWriter? writer = null,
        Microsoft.Extensions.Logging.ILogger<LocalVideoStore>? storeLogger = null)
    {
        Options = new VideoVaultOptions { RootPath = root, MaxFileSizeBytes = 8L << 20, MinFreeSpaceBytes = 0 };
        configure?.Invoke(Options);
        TimeProvider = timeProvider ?? new FakeTimeProvider(new DateTimeOffset(2025, 3, 14, 15, 9, 26, TimeSpan.Zero));
        Paths = new VideoVaultPaths(Options.RootPath);
        SqliteManifest = new SqliteVideoManifest(Paths.ManifestPath, TimeProvider, NullLogger<SqliteVideoManifest>.Instance);
        Manifest = decorateManifest?.Invoke(SqliteManifest) ?? SqliteManifest;
        var registration = mirror ? new MirrorRegistration("test") : null;
        Diagnostics = new VideoVaultDiagnostics();
        Store = new LocalVideoStore(Manifest, Paths, Microsoft.Extensions.Options.Options.Create(Options), writer ?? new AtomicFileWriter(), TimeProvider,
            Diagnostics, storeLogger ?? NullLogger<LocalVideoStore>.Instance, registration, fileSystem: fileSystem);
        Maintenance = new VideoMaintenance(Manifest, Paths, Microsoft.Extensions.Options.Options.Create(Options), TimeProvider,
            NullLogger<VideoMaintenance>.Instance, registration);
    }

    public VideoVaultOptions Options { get; }

    public TimeProvider TimeProvider { get; }

    public VideoVaultPaths Paths { get; }

    public SqliteVideoManifest SqliteManifest { get; }

    public IVideoManifest Manifest { get; }

    public VideoVaultDiagnostics Diagnostics { get; }

    public LocalVideoStore Store { get; }

    public VideoMaintenance Maintenance { get; }

    public Task<SaveVideoResult> SaveAsync(byte[] content, string name = "clip.mp4", string? category = null, long? declaredLength = null, string? idempotencyKey = null) =>
        Store.SaveAsync(new VideoUpload(new MemoryStream(content), name) { Category = category, DeclaredLength = declaredLength, IdempotencyKey = idempotencyKey });

    public string FullPath(VideoRecord video) => Paths.ResolveVideo(video.RelativePath);

    /// <summary>Asserts that <paramref name="video"/>'s file holds exactly <paramref name="content"/> and its record that content's hash.</summary>
    public async Task AssertIntactAsync(VideoRecord video, byte[] content)
    {
        (await File.ReadAllBytesAsync(FullPath(video))).Should().Equal(content);
        video.Sha256.Should().Be(Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(content)));
    }

    public string[] IncomingFiles() => Directory.Exists(Paths.Incoming) ? Directory.GetFiles(Paths.Incoming) : [];

    public string[] VideoFiles() => Directory.Exists(Paths.Videos) ? Directory.GetFiles(Paths.Videos, "*", SearchOption.AllDirectories) : [];

    public async Task<List<VideoRecord>> AllRecordsAsync()
    {
        var records = new List<VideoRecord>();
        await foreach (var record in Manifest.ReadAllAsync())
        {
            records.Add(record);
        }

        return records;
    }

    public async ValueTask DisposeAsync()
    {
        Diagnostics.Dispose();
        await SqliteManifest.DisposeAsync();
    }
}

/// <summary>A body that delivers some bytes, then fails the way a dropped client connection does.</summary>
internal sealed class FailingStream(byte[] content, int failAfter, Exception failure) : ReadOnlyTestStream
{
    private int _position;

    public override long Position { get => _position; set => throw new NotSupportedException(); }

    public override int Read(byte[] buffer, int offset, int count) => Read(buffer.AsSpan(offset, count));

    public override int Read(Span<byte> buffer)
    {
        if (_position >= failAfter)
        {
            throw failure;
        }

        var n = Math.Min(Math.Min(buffer.Length, failAfter - _position), content.Length - _position);
        content.AsSpan(_position, n).CopyTo(buffer);
        _position += n;
        return n;
    }

    public override ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default) =>
        ValueTask.FromResult(Read(buffer.Span));

    public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
        Task.FromResult(Read(buffer.AsSpan(offset, count)));
}

/// <summary>A body that must never be read: proves a refusal happened before reading.</summary>
internal sealed class UnreadableStream : ReadOnlyTestStream
{
    public override long Position { get => 0; set => throw new NotSupportedException(); }

    public override int Read(byte[] buffer, int offset, int count) => throw new InvalidOperationException("The body was read.");

    public override ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default) =>
        throw new InvalidOperationException("The body was read.");
}

/// <summary>
/// The real manifest, except that committing a new record fails (a crash or disk error at commit time) with
/// <c>failure</c> (an <see cref="IOException"/> by default); with <c>afterCommit</c> the record is committed first,
/// as when the WAL checkpoint after a commit fails. With <c>findFailure</c>, looking a record up fails too, so the
/// store cannot read back whether its commit happened.
/// </summary>
internal sealed class FailingAddManifest(IVideoManifest inner, Func<Exception>? failure = null, bool afterCommit = false, Func<Exception>? findFailure = null)
    : IVideoManifest, IPublishIntentManifest
{
    public int AddAttempts { get; private set; }

    public async Task<bool> AddAsync(VideoRecord video, VideoEventKind kind, string? detail, CancellationToken cancellationToken = default)
    {
        AddAttempts++;
        if (kind != VideoEventKind.Stored)
        {
            return await inner.AddAsync(video, kind, detail, cancellationToken);
        }

        if (afterCommit)
        {
            await inner.AddAsync(video, kind, detail, cancellationToken);
        }

        throw failure?.Invoke() ?? new IOException("simulated commit failure");
    }

    public Task AppendEventAsync(VideoEventKind kind, string? videoId, string? detail, CancellationToken cancellationToken = default) =>
        inner.AppendEventAsync(kind, videoId, detail, cancellationToken);

    public Task<VideoRecord?> FindAsync(string idOrStoredName, CancellationToken cancellationToken = default) =>
        findFailure is null ? inner.FindAsync(idOrStoredName, cancellationToken) : throw findFailure();

    public Task<VideoRecord?> FindByIdempotencyKeyAsync(string key, CancellationToken cancellationToken = default) =>
        inner.FindByIdempotencyKeyAsync(key, cancellationToken);

    public Task<IReadOnlyList<VideoEvent>> GetEventsAsync(VideoEventQuery query, CancellationToken cancellationToken = default) => inner.GetEventsAsync(query, cancellationToken);

    public Task<StorageStatistics> GetStatisticsAsync(CancellationToken cancellationToken = default) => inner.GetStatisticsAsync(cancellationToken);

    public Task<VideoPage> ListAsync(VideoQuery query, CancellationToken cancellationToken = default) => inner.ListAsync(query, cancellationToken);

    public IAsyncEnumerable<VideoRecord> ReadAllAsync(CancellationToken cancellationToken = default) => inner.ReadAllAsync(cancellationToken);

    public Task<bool> RemoveAsync(string id, string? detail, CancellationToken cancellationToken = default) => inner.RemoveAsync(id, detail, cancellationToken);

    public Task<bool> SetLocalStateAsync(string id, LocalCopyState state, VideoEventKind kind, string? detail, CancellationToken cancellationToken = default) =>
        inner.SetLocalStateAsync(id, state, kind, detail, cancellationToken);

    public Task AddPublishIntentAsync(PublishIntent intent, CancellationToken cancellationToken = default) =>
        ((IPublishIntentManifest)inner).AddPublishIntentAsync(intent, cancellationToken);

    public Task<bool> RemovePublishIntentAsync(string videoId, CancellationToken cancellationToken = default) =>
        ((IPublishIntentManifest)inner).RemovePublishIntentAsync(videoId, cancellationToken);

    public Task<IReadOnlyList<PublishIntent>> ReadPublishIntentsAsync(CancellationToken cancellationToken = default) =>
        ((IPublishIntentManifest)inner).ReadPublishIntentsAsync(cancellationToken);
}
