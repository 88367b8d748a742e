using VideoVault.Manifest;

namespace VideoVault.Core.Tests.Manifest;

/// <summary>The schema step that records mirror copies' MD5 and check times, on a manifest an older build left.</summary>
public sealed class MirrorCopyChecksSchemaTests : IAsyncLifetime
{
    private readonly ManifestTestContext _context = new();

    public Task InitializeAsync() => Task.CompletedTask;

    public Task DisposeAsync() => _context.DisposeAsync().AsTask();

    [Fact]
    public async Task A_mirrored_video_from_before_the_step_counts_as_checked_when_it_was_mirrored_and_has_no_MD5()
    {
        var mirroredAt = ManifestTestContext.Start.AddMinutes(5);
        Directory.CreateDirectory(Path.GetDirectoryName(_context.DatabasePath)!);
        using (var raw = _context.OpenRaw())
        {
            using var transaction = raw.BeginTransaction();
            await ManifestSchema.MigrateAsync(raw, transaction, ManifestSchema.MirrorCopyChecksVersion - 1, CancellationToken.None);
            using var insert = raw.CreateCommand();
            insert.Transaction = transaction;
            insert.CommandText =
                """
                INSERT INTO videos (id, stored_name, relative_path, original_name, category, mime_type, container, size_bytes,
                                    sha256, created_at, local_state, mirror_state, mirror_attempts, remote_file_id, mirrored_at, search_key)
                VALUES ('0195f0a1b2c3d4e5f60718293a4b5c6d', '20250314_092653_General_old.mp4', 'videos/2025/03/20250314_092653_General_old.mp4',
                        'old.mp4', 'General', 'video/mp4', 'Mp4', 4096, @sha, @created, 'Present', 'Mirrored', 1, 'drive-1', @mirrored, 1),
                       ('0195f0a1b2c3d4e5f60718293a4b5c6e', '20250314_092653_General_new.mp4', 'videos/2025/03/20250314_092653_General_new.mp4',
                        'new.mp4', 'General', 'video/mp4', 'Mp4', 2048, @sha, @created, 'Present', 'Pending', 0, NULL, NULL, 2);
                """;
            insert.Parameters.AddWithValue("@sha", new string('b', 64));
            insert.Parameters.AddWithValue("@created", ManifestTime.ToStored(ManifestTestContext.Start));
            insert.Parameters.AddWithValue("@mirrored", ManifestTime.ToStored(mirroredAt));
            await insert.ExecuteNonQueryAsync();
            transaction.Commit();
        }

        var manifest = _context.Open();
        var copies = await manifest.ReadMirroredCopiesAsync();

        _context.Scalar("PRAGMA user_version;").Should().Be(ManifestSchema.CurrentVersion);
        var copy = copies.Should().ContainSingle().Subject;
        copy.Video.Id.Should().Be("0195f0a1b2c3d4e5f60718293a4b5c6d");
        copy.CheckedAt.Should().Be(mirroredAt);
        copy.ContentMd5.Should().BeNull("the MD5 was not recorded before this step");
    }

    [Fact]
    public async Task The_background_check_takes_the_least_recently_checked_copy_through_the_index_without_a_sort()
    {
        await _context.Manifest.InitializeAsync(CancellationToken.None);
        using var connection = _context.OpenRaw();
        using var plan = connection.CreateCommand();
        plan.CommandText = "EXPLAIN QUERY PLAN SELECT id FROM videos WHERE mirror_state = 'Mirrored' ORDER BY mirror_checked_at LIMIT 2;";
        using var reader = plan.ExecuteReader();
        var steps = new List<string>();
        while (reader.Read())
        {
            steps.Add(reader.GetString(3));
        }

        steps.Should().ContainSingle().Which.Should().Contain("USING INDEX ix_videos_mirror_checked");
    }
}
