using VideoVault.Manifest;

namespace VideoVault.Core.Tests.Manifest;

/// <summary>Databases left by older builds: each is migrated in place and keeps everything it held.</summary>
public sealed class ManifestSchemaTests : IAsyncLifetime
{
    private readonly ManifestTestContext _context = new();

    public Task InitializeAsync() => Task.CompletedTask;

    public Task DisposeAsync() => _context.DisposeAsync().AsTask();

    [Fact]
    public async Task A_version_1_manifest_with_rows_is_migrated_and_its_rows_are_kept_without_idempotency_keys()
    {
        var created = ManifestTestContext.Start;
        await CreateVersion1DatabaseAsync();
        using (var raw = _context.OpenRaw())
        {
            // The columns version 1 has, as a build of that version wrote them.
            using var insert = raw.CreateCommand();
            insert.CommandText =
                """
                INSERT INTO videos (id, stored_name, relative_path, original_name, category, mime_type, container, size_bytes,
                                    sha256, created_at, local_state, mirror_state, mirror_attempts, remote_file_id, mirrored_at)
                VALUES ('0195f0a1b2c3d4e5f60718293a4b5c6d', '20250314_092653_General_old.mp4', 'videos/2025/03/20250314_092653_General_old.mp4',
                        'old.mp4', 'General', 'video/mp4', 'Mp4', 4096, @sha, @created, 'Present', 'Mirrored', 1, 'drive-1', @created),
                       ('0195f0a1b2c3d4e5f60718293a4b5c6e', '20250314_092653_General_other.webm', 'videos/2025/03/20250314_092653_General_other.webm',
                        'other.webm', 'General', 'video/webm', 'WebM', 2048, @sha, @created, 'Missing', 'Disabled', 0, NULL, NULL);
                INSERT INTO events (at, kind, video_id, detail) VALUES (@created, 'Stored', '0195f0a1b2c3d4e5f60718293a4b5c6d', 'stored by version 1');
                """;
            insert.Parameters.AddWithValue("@sha", new string('b', 64));
            insert.Parameters.AddWithValue("@created", ManifestTime.ToStored(created));
            await insert.ExecuteNonQueryAsync();
        }

        var manifest = _context.Open();
        var old = await manifest.FindAsync("0195f0a1b2c3d4e5f60718293a4b5c6d");
        var other = await manifest.FindAsync("20250314_092653_General_other.webm");

        _context.Scalar("PRAGMA user_version;").Should().Be(ManifestSchema.CurrentVersion);
        _context.Scalar("SELECT COUNT(*) FROM uploads;").Should().Be(0L, "version 3 adds the resumable uploads' table, empty");
        old.Should().BeEquivalentTo(new
        {
            StoredName = "20250314_092653_General_old.mp4",
            SizeBytes = 4096L,
            CreatedAt = created,
            LocalState = LocalCopyState.Present,
            Mirror = new { State = MirrorState.Mirrored, Attempts = 1, RemoteFileId = "drive-1" },
            IdempotencyKey = (string?)null,
        });
        other!.LocalState.Should().Be(LocalCopyState.Missing);
        other.IdempotencyKey.Should().BeNull();
        _context.Scalar("SELECT COUNT(*) FROM videos WHERE idempotency_key IS NULL;").Should().Be(2);
        (await manifest.GetEventsAsync(new VideoEventQuery())).Should().ContainSingle().Which.Detail.Should().Be("stored by version 1");

        // The migrated table takes keys, still one video per key.
        var keyed = TestRecords.Create(created.AddSeconds(1)) with { IdempotencyKey = "after-upgrade" };
        (await manifest.AddAsync(keyed, VideoEventKind.Stored, null)).Should().BeTrue();
        (await manifest.AddAsync(TestRecords.Create(created.AddSeconds(2)) with { IdempotencyKey = "after-upgrade" }, VideoEventKind.Stored, null))
            .Should().BeFalse();
        (await manifest.FindByIdempotencyKeyAsync("after-upgrade")).Should().Be(keyed);
    }

    [Fact]
    public async Task Migrating_an_already_current_manifest_changes_nothing()
    {
        var manifest = _context.Open();
        var video = TestRecords.Create(ManifestTestContext.Start) with { IdempotencyKey = "k" };
        await manifest.AddAsync(video, VideoEventKind.Stored, null);

        var reopened = _context.Open();

        (await reopened.FindByIdempotencyKeyAsync("k")).Should().Be(video);
        _context.Scalar("PRAGMA user_version;").Should().Be(ManifestSchema.CurrentVersion);
    }

    // Only the steps a version-1 build ran, so the file is what such a build left behind.
    private async Task CreateVersion1DatabaseAsync()
    {
        Directory.CreateDirectory(Path.GetDirectoryName(_context.DatabasePath)!);
        using var raw = _context.OpenRaw();
        using var transaction = raw.BeginTransaction();
        (await ManifestSchema.MigrateAsync(raw, transaction, targetVersion: 1, CancellationToken.None)).Should().Be(0);
        transaction.Commit();
        using var check = raw.CreateCommand();
        check.CommandText = "SELECT COUNT(*) FROM pragma_table_info('videos') WHERE name = 'idempotency_key';";
        Convert.ToInt64(await check.ExecuteScalarAsync(), System.Globalization.CultureInfo.InvariantCulture).Should().Be(0);
    }
}
