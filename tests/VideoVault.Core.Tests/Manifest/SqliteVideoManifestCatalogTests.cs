using System.Globalization;
using Microsoft.Data.Sqlite;
using VideoVault.Manifest;

namespace VideoVault.Core.Tests.Manifest;

/// <summary>
/// The catalog's indexes (schema version <see cref="ManifestSchema.CatalogIndexVersion"/>): the trigram search finds
/// what a plain substring test finds, the counters equal a recount whatever happened to the rows, and pages by offset
/// or cursor are slices of one ordering.
/// </summary>
public sealed class SqliteVideoManifestCatalogTests : IAsyncLifetime
{
    // Characters that FTS5's query syntax, LIKE and C# strings treat specially, and letters whose case SQLite's trigram
    // tokenizer and OrdinalIgnoreCase fold alike.
    private const string NameAlphabet = "aAbBcC %_\"\\'*^():+-.ÉéÜüЖжЯяÑñ";

    private static readonly string[] CategorySpellings = ["General", "general", "GENERAL", "Tutorial", "Vlog", "vlog"];

    private readonly ManifestTestContext _context = new();

    private SqliteVideoManifest Manifest => _context.Manifest;

    public Task InitializeAsync() => Task.CompletedTask;

    public Task DisposeAsync() => _context.DisposeAsync().AsTask();

    [Fact]
    public async Task Search_finds_exactly_the_videos_whose_names_contain_the_text_ignoring_case_also_after_deletes_and_renames()
    {
        var random = new Random(11);
        var videos = new Dictionary<string, VideoRecord>();
        for (var i = 0; i < 300; i++)
        {
            var video = TestRecords.Create(ManifestTestContext.Start.AddSeconds(random.Next(100)), RandomName(random) + ".mp4");
            videos.Add(video.Id, video);
        }

        await Manifest.AddManyAsync(videos.Values, batchSize: 64, CancellationToken.None);
        await AssertSearchesMatchAsync(random, videos.Values);

        foreach (var video in videos.Values.OrderBy(_ => random.Next()).Take(60).ToList())
        {
            (await Manifest.RemoveAsync(video.Id, null)).Should().BeTrue();
            videos.Remove(video.Id);
        }

        // Nothing renames a video today, but a row whose names change must move in the index with them.
        using (var raw = _context.OpenRaw())
        {
            foreach (var video in videos.Values.OrderBy(_ => random.Next()).Take(60).ToList())
            {
                var renamed = video with { OriginalFileName = RandomName(random) + ".webm", StoredName = video.StoredName + "-" + RandomName(random) };
                using var update = raw.CreateCommand();
                update.CommandText = "UPDATE videos SET original_name = @original, stored_name = @stored WHERE id = @id;";
                update.Parameters.AddWithValue("@original", renamed.OriginalFileName);
                update.Parameters.AddWithValue("@stored", renamed.StoredName);
                update.Parameters.AddWithValue("@id", video.Id);
                update.ExecuteNonQuery().Should().Be(1);
                videos[video.Id] = renamed;
            }
        }

        await AssertSearchesMatchAsync(random, videos.Values);
        CheckSearchIndexAgainstRows();
    }

    [Theory]
    [InlineData("é", "É")]
    [InlineData("ÉTÉ", "été")]
    [InlineData("üb", "ÜBER")]
    [InlineData("жж", "ЖЖ")]
    [InlineData("ЯНВАРЬ", "январь")]
    public async Task Search_folds_unicode_case_for_short_and_indexed_texts(string search, string name)
    {
        var video = TestRecords.Create(ManifestTestContext.Start, $"{name}.mp4");
        await Manifest.AddAsync(video, VideoEventKind.Stored, null);
        await Manifest.AddAsync(TestRecords.Create(ManifestTestContext.Start, "other.mp4"), VideoEventKind.Stored, null);

        var page = await Manifest.ListAsync(new VideoQuery { Search = search });

        page.Videos.Select(v => v.Id).Should().Equal(video.Id);
        page.Total.Should().Be(1);
    }

    [Fact]
    public async Task Search_text_is_normalised_to_composed_form_before_matching()
    {
        var video = TestRecords.Create(ManifestTestContext.Start, "café-night.mp4");
        await Manifest.AddAsync(video, VideoEventKind.Stored, null);

        // "cafe" + U+0301 COMBINING ACUTE ACCENT: four characters decomposed, three once composed.
        (await Manifest.ListAsync(new VideoQuery { Search = "afe\u0301" })).Videos.Should().ContainSingle().Which.Id.Should().Be(video.Id);
        (await Manifest.ListAsync(new VideoQuery { Search = "CAFE\u0301-N" })).Videos.Should().ContainSingle().Which.Id.Should().Be(video.Id);
    }

    [Fact]
    public async Task Counters_equal_a_recount_after_random_uploads_deletes_mirror_changes_and_rolled_back_inserts()
    {
        await Manifest.InitializeAsync(CancellationToken.None);
        var random = new Random(7);
        var live = new List<VideoRecord>();
        var claimed = new List<string>();
        for (var step = 0; step < 400; step++)
        {
            _context.Time.Advance(TimeSpan.FromSeconds(1));
            switch (random.Next(12))
            {
                case 0 or 1 or 2:
                    var video = NewVideo(random);
                    (await Manifest.AddAsync(video, VideoEventKind.Stored, null)).Should().BeTrue();
                    live.Add(video);
                    break;
                case 3 when live.Count > 0:
                    // A duplicate is refused and its transaction rolled back.
                    (await Manifest.AddAsync(live[random.Next(live.Count)], VideoEventKind.Stored, null)).Should().BeFalse();
                    break;
                case 4 when live.Count > 0:
                    var removed = live[random.Next(live.Count)];
                    (await Manifest.RemoveAsync(removed.Id, null)).Should().BeTrue();
                    live.Remove(removed);
                    claimed.Remove(removed.Id);
                    break;
                case 5:
                    claimed.AddRange((await Manifest.ClaimDueAsync(random.Next(1, 4))).Select(job => job.Video.Id));
                    break;
                case 6 or 7 when claimed.Count > 0:
                    var id = claimed[random.Next(claimed.Count)];
                    claimed.Remove(id);
                    var marked = random.Next(3) switch
                    {
                        0 => await Manifest.MarkMirroredAsync(id, "remote-" + id, null),
                        1 => await Manifest.MarkRetryingAsync(id, "timeout", _context.Time.GetUtcNow()),
                        _ => await Manifest.MarkFailedAsync(id, "refused"),
                    };
                    marked.Should().BeTrue();
                    break;
                case 8:
                    await Manifest.RequeueAsync(null);
                    break;
                case 9:
                    await Manifest.EnableMirroringAsync();
                    if (random.Next(2) == 0)
                    {
                        await Manifest.RecoverInterruptedAsync();
                        claimed.Clear();
                    }

                    break;
                case 10:
                    await InsertAndRollBackAsync(NewVideo(random));
                    break;
                case 11:
                    // A bulk batch, with a duplicate at its end when there is one to take: the whole batch rolls back.
                    var batch = Enumerable.Range(0, random.Next(1, 5)).Select(_ => NewVideo(random)).ToList();
                    if (live.Count == 0)
                    {
                        await Manifest.AddManyAsync(batch, batchSize: batch.Count, CancellationToken.None);
                        live.AddRange(batch);
                        break;
                    }

                    var withDuplicate = batch.Append(live[random.Next(live.Count)]).ToList();
                    var add = () => Manifest.AddManyAsync(withDuplicate, batchSize: withDuplicate.Count, CancellationToken.None);
                    await add.Should().ThrowAsync<InvalidOperationException>();
                    break;
            }

            (await ReadCountersAsync()).Should().Equal(await RecountAsync(), "after step {0}", step);
        }

        live.Should().NotBeEmpty();
        await AssertStatisticsAndTotalsMatchRecountAsync();
    }

    [Fact]
    public async Task A_manifest_from_before_the_catalog_indexes_is_migrated_with_its_search_and_counters_built_from_its_rows()
    {
        Directory.CreateDirectory(Path.GetDirectoryName(_context.DatabasePath)!);
        var random = new Random(5);
        var videos = new List<VideoRecord>();
        using (var raw = _context.OpenRaw())
        {
            using (var transaction = raw.BeginTransaction())
            {
                await ManifestSchema.MigrateAsync(raw, transaction, ManifestSchema.CatalogIndexVersion - 1, CancellationToken.None);
                transaction.Commit();
            }

            // The columns the version before had, as a build of that version wrote them.
            for (var i = 0; i < 200; i++)
            {
                var video = NewVideo(random) with { OriginalFileName = RandomName(random) + ".mp4" };
                using var insert = raw.CreateCommand();
                insert.CommandText =
                    """
                    INSERT INTO videos (id, stored_name, relative_path, original_name, category, mime_type, container, size_bytes,
                                        sha256, created_at, local_state, mirror_state, mirror_attempts)
                    VALUES (@id, @stored_name, @relative_path, @original_name, @category, @mime_type, @container, @size_bytes,
                            @sha256, @created_at, @local_state, @mirror_state, @mirror_attempts);
                    """;
                VideoRow.AddInsertParameters(insert, video);
                insert.ExecuteNonQuery();
                videos.Add(video);
            }

            using var delete = raw.CreateCommand();
            delete.CommandText = "DELETE FROM videos WHERE rowid % 7 = 0 RETURNING id;";
            using var reader = delete.ExecuteReader();
            while (reader.Read())
            {
                var id = reader.GetString(0);
                videos.RemoveAll(v => v.Id == id);
            }
        }

        await Manifest.InitializeAsync(CancellationToken.None);

        _context.Scalar("PRAGMA user_version;").Should().Be(ManifestSchema.CurrentVersion);
        _context.Scalar("SELECT COUNT(DISTINCT search_key) FROM videos;").Should().Be(videos.Count);
        _context.Scalar("SELECT COUNT(*) FROM videos AS a JOIN videos AS b ON a.search_key < b.search_key AND (a.created_at, a.id) > (b.created_at, b.id);")
            .Should().Be(0, "existing rows are numbered in creation order, so their key blocks do not overlap");
        CheckSearchIndexAgainstRows();
        (await ReadCountersAsync()).Should().Equal(await RecountAsync());
        await AssertStatisticsAndTotalsMatchRecountAsync();
        await AssertSearchesMatchAsync(random, videos);

        // New rows take keys after the backfilled ones and join the index and the counters.
        var added = NewVideo(random) with { OriginalFileName = "after-the-upgrade.mp4" };
        (await Manifest.AddAsync(added, VideoEventKind.Stored, null)).Should().BeTrue();
        (await Manifest.ListAsync(new VideoQuery { Search = "AFTER-THE" })).Videos.Should().ContainSingle().Which.Id.Should().Be(added.Id);
        (await ReadCountersAsync()).Should().Equal(await RecountAsync());
    }

    [Fact]
    public async Task A_row_inserted_without_a_search_key_is_refused_rather_than_left_out_of_the_index()
    {
        await Manifest.InitializeAsync(CancellationToken.None);
        using var raw = _context.OpenRaw();
        using var insert = raw.CreateCommand();
        insert.CommandText = VideoRow.Insert.Replace("(SELECT COALESCE(MAX(search_key), 0) + 1 FROM videos)", "NULL", StringComparison.Ordinal);
        VideoRow.AddInsertParameters(insert, TestRecords.Create(ManifestTestContext.Start));

        var act = () => insert.ExecuteNonQuery();

        act.Should().Throw<SqliteException>().WithMessage("*search_key is required*");
    }

    [Fact]
    public async Task Pages_by_offset_are_slices_of_the_ordering_that_cursors_walk_for_every_kind_of_filter()
    {
        var random = new Random(3);
        var videos = new List<VideoRecord>();
        for (var i = 0; i < 130; i++)
        {
            // Few distinct instants, so many rows tie on created_at and the id decides.
            var mirror = random.Next(3) == 0 ? MirrorStatus.Pending : MirrorStatus.Disabled;
            videos.Add(TestRecords.Create(
                ManifestTestContext.Start.AddSeconds(random.Next(40)),
                random.Next(2) == 0 ? "clip-lecture.mp4" : "holiday.mp4",
                random.Next(2) == 0 ? "Tutorial" : "vlog",
                mirror));
        }

        await Manifest.AddManyAsync(videos, batchSize: 50, CancellationToken.None);
        var queries = new (VideoQuery Query, Func<VideoRecord, bool> Matches)[]
        {
            (new VideoQuery(), _ => true),
            (new VideoQuery { Category = "TUTORIAL" }, v => v.Category == "Tutorial"),
            (new VideoQuery { MirrorState = MirrorState.Pending }, v => v.Mirror.State == MirrorState.Pending),
            (new VideoQuery { Search = "lecture" }, v => v.OriginalFileName.Contains("lecture", StringComparison.Ordinal)),
            (new VideoQuery { Search = "cL" }, v => v.OriginalFileName.Contains("cl", StringComparison.Ordinal)),
            (new VideoQuery { Search = "day", Category = "vlog" }, v => v.OriginalFileName.Contains("day", StringComparison.Ordinal) && v.Category == "vlog"),
            (new VideoQuery { CreatedFrom = ManifestTestContext.Start.AddSeconds(20), MirrorState = MirrorState.Disabled },
                v => v.CreatedAt >= ManifestTestContext.Start.AddSeconds(20) && v.Mirror.State == MirrorState.Disabled),
        };

        foreach (var (query, matches) in queries)
        {
            var expected = NewestFirst(videos.Where(matches)).Select(v => v.Id).ToList();
            expected.Should().NotBeEmpty();
            foreach (var limit in new[] { 1, 7, 50 })
            {
                var cursorWalk = await ReadAllByCursorAsync(query with { Limit = limit });
                cursorWalk.Should().Equal(expected, "the cursor walk of {0} with limit {1}", query, limit);
                for (var page = 0; page * limit <= expected.Count; page++)
                {
                    var slice = await Manifest.ListAsync(query with { Limit = limit, Offset = page * limit });
                    slice.Videos.Select(v => v.Id).Should().Equal(expected.Skip(page * limit).Take(limit), "page {0} of {1} with limit {2}", page, query, limit);
                    slice.Total.Should().Be(expected.Count);
                }
            }
        }
    }

    [Fact]
    public async Task Search_pages_are_exact_when_rows_arrive_out_of_time_order_across_many_blocks_of_keys()
    {
        // Enough rows for several blocks of search keys; the second half arrives in random time order, as adopted files
        // would, so the blocks' time ranges overlap and the search must not stop early.
        var random = new Random(17);
        var rowsPerBlock = 1 << ManifestSchema.SearchKeyBlockBits;
        var videos = new List<VideoRecord>();
        for (var i = 0; i < (5 * rowsPerBlock) + 100; i++)
        {
            var second = i < 3 * rowsPerBlock ? i : random.Next(6 * rowsPerBlock);
            var name = $"{(i % 3 == 0 ? "alpha" : "beta")}-{random.Next(40)}.mp4";
            videos.Add(TestRecords.Create(ManifestTestContext.Start.AddSeconds(second), name, random.Next(2) == 0 ? "Tutorial" : "Vlog"));
        }

        await Manifest.AddManyAsync(videos, batchSize: 1000, CancellationToken.None);
        _context.Scalar("SELECT COUNT(*) FROM video_key_blocks;").Should().BeGreaterThan(4);
        var queries = new (VideoQuery Query, Func<VideoRecord, bool> Matches)[]
        {
            (new VideoQuery { Search = "ALPHA" }, v => v.OriginalFileName.StartsWith("alpha", StringComparison.Ordinal)),
            (new VideoQuery { Search = "ta-1" }, v => v.OriginalFileName.StartsWith("beta-1", StringComparison.Ordinal)),
            (new VideoQuery { Search = "ha-39." }, v => v.OriginalFileName == "alpha-39.mp4"),
            (new VideoQuery { Search = "beta", Category = "vlog" }, v => v.OriginalFileName.StartsWith("beta", StringComparison.Ordinal) && v.Category == "Vlog"),
            (new VideoQuery { Search = "alpha", MirrorState = MirrorState.Disabled, CreatedBefore = ManifestTestContext.Start.AddSeconds(4000) },
                v => v.OriginalFileName.StartsWith("alpha", StringComparison.Ordinal) && v.CreatedAt < ManifestTestContext.Start.AddSeconds(4000)),
        };

        foreach (var (query, matches) in queries)
        {
            var expected = NewestFirst(videos.Where(matches)).Select(v => v.Id).ToList();
            expected.Should().NotBeEmpty();
            (await ReadAllByCursorAsync(query with { Limit = 97 })).Should().Equal(expected, "the cursor walk of {0}", query);
            foreach (var (limit, page) in new[] { (1, 0), (1, 5), (50, 0), (50, 3), (50, expected.Count / 50), (1000, 0), (1000, 1) })
            {
                var slice = await Manifest.ListAsync(query with { Limit = limit, Offset = page * limit });
                slice.Videos.Select(v => v.Id).Should().Equal(expected.Skip(page * limit).Take(limit), "page {0} of {1} with limit {2}", page, query, limit);
                slice.Total.Should().Be(expected.Count);
            }
        }
    }

    [Fact]
    public async Task Adding_many_writes_each_row_with_its_event_and_notification_and_indexes_its_names()
    {
        var videos = Enumerable.Range(0, 25).Select(i => TestRecords.Create(ManifestTestContext.Start.AddSeconds(i))).ToList();
        await Manifest.AddAsync(videos[3], VideoEventKind.Stored, null);

        await Manifest.AddManyAsync(videos.Where((_, i) => i != 3), batchSize: 4, CancellationToken.None);
        foreach (var video in videos)
        {
            (await Manifest.ListAsync(new VideoQuery { Search = video.StoredName })).Videos.Should().ContainSingle().Which.Id.Should().Be(video.Id);
        }

        (await Manifest.ListAsync(new VideoQuery { Limit = 100 })).Videos.Should().BeEquivalentTo(videos);
        _context.Scalar("SELECT COUNT(*) FROM events WHERE kind = 'Stored';").Should().Be(25);
        _context.Scalar("SELECT COUNT(*) FROM notifications;").Should().Be(25);
        (await Manifest.GetStatisticsAsync()).TotalVideos.Should().Be(25);
    }

    private static IEnumerable<VideoRecord> NewestFirst(IEnumerable<VideoRecord> videos) =>
        videos.OrderByDescending(v => v.CreatedAt).ThenByDescending(v => v.Id, StringComparer.Ordinal);

    private static string RandomName(Random random) => RandomText(random, random.Next(3, 15));

    private static string RandomText(Random random, int length) =>
        string.Create(length, random, static (span, r) =>
        {
            for (var i = 0; i < span.Length; i++)
            {
                span[i] = NameAlphabet[r.Next(NameAlphabet.Length)];
            }
        });

    /// <summary>Searches of 1, 2, 3 and more characters: random ones, and pieces of real names with their case flipped.</summary>
    private static IEnumerable<string> Searches(Random random, IReadOnlyList<VideoRecord> videos)
    {
        for (var i = 0; i < 150; i++)
        {
            var length = 1 + (i % 6);
            if (i % 2 == 0)
            {
                yield return RandomText(random, length);
                continue;
            }

            var video = videos[random.Next(videos.Count)];
            var name = random.Next(2) == 0 ? video.OriginalFileName : video.StoredName;
            var start = random.Next(Math.Max(1, name.Length - length));
            var piece = name.Substring(start, Math.Min(length, name.Length - start));
            yield return string.Concat(piece.Select(c => random.Next(2) == 0 ? char.ToUpperInvariant(c) : char.ToLowerInvariant(c)));
        }
    }

    private async Task AssertSearchesMatchAsync(Random random, IReadOnlyCollection<VideoRecord> videos)
    {
        var all = videos.ToList();
        var hitSomething = 0;
        foreach (var search in Searches(random, all))
        {
            var expected = NewestFirst(all.Where(v =>
                    v.OriginalFileName.Contains(search, StringComparison.OrdinalIgnoreCase) ||
                    v.StoredName.Contains(search, StringComparison.OrdinalIgnoreCase)))
                .Select(v => v.Id)
                .ToList();

            var first = await Manifest.ListAsync(new VideoQuery { Search = search, Limit = VideoQuery.MaxLimit });

            first.Videos.Select(v => v.Id).Should().Equal(expected, "the search for '{0}'", search);
            first.Total.Should().Be(expected.Count, "the total of the search for '{0}'", search);
            hitSomething += expected.Count > 0 ? 1 : 0;
        }

        hitSomething.Should().BeGreaterThan(75, "most searches should find something, or the comparison proves little");
    }

    /// <summary>FTS5's own check: every row's names are in the index under its key, and nothing else is.</summary>
    private void CheckSearchIndexAgainstRows()
    {
        using var raw = _context.OpenRaw();
        using var check = raw.CreateCommand();
        check.CommandText = "INSERT INTO videos_search (videos_search, rank) VALUES ('integrity-check', 1);";
        check.ExecuteNonQuery();
    }

    private async Task<List<string>> ReadAllByCursorAsync(VideoQuery query)
    {
        var ids = new List<string>();
        var page = await Manifest.ListAsync(query);
        ids.AddRange(page.Videos.Select(v => v.Id));
        while (page.NextCursor is { } cursor)
        {
            page = await Manifest.ListAsync(query with { Cursor = cursor });
            ids.AddRange(page.Videos.Select(v => v.Id));
        }

        return ids;
    }

    private VideoRecord NewVideo(Random random) =>
        TestRecords.Create(
            _context.Time.GetUtcNow().AddSeconds(-random.Next(1000)),
            category: CategorySpellings[random.Next(CategorySpellings.Length)],
            mirror: random.Next(2) == 0 ? MirrorStatus.Pending : MirrorStatus.Disabled) with { SizeBytes = random.Next(1, 1 << 30) };

    /// <summary>A row inserted the way the manifest inserts it, then rolled back: the counters must not keep it.</summary>
    private async Task InsertAndRollBackAsync(VideoRecord video)
    {
        await Manifest.InitializeAsync(CancellationToken.None);
        using var raw = _context.OpenRaw();
        using var transaction = raw.BeginTransaction();
        using var insert = raw.CreateCommand();
        insert.Transaction = transaction;
        insert.CommandText = VideoRow.Insert;
        VideoRow.AddInsertParameters(insert, video);
        insert.ExecuteNonQuery().Should().Be(1);
        transaction.Rollback();
    }

    private Task<List<string>> ReadCountersAsync() =>
        ReadRowsAsync("SELECT dimension, value, videos, bytes FROM video_counts ORDER BY dimension, value;");

    private Task<List<string>> RecountAsync() =>
        ReadRowsAsync(
            """
            SELECT 'category', category, COUNT(*), SUM(size_bytes) FROM videos GROUP BY category
            UNION ALL
            SELECT 'mirror_state', mirror_state, COUNT(*), SUM(size_bytes) FROM videos GROUP BY mirror_state
            ORDER BY 1, 2;
            """);

    private async Task<List<string>> ReadRowsAsync(string sql)
    {
        using var raw = _context.OpenRaw();
        using var command = raw.CreateCommand();
        command.CommandText = sql;
        var rows = new List<string>();
        using var reader = await command.ExecuteReaderAsync();
        while (await reader.ReadAsync())
        {
            rows.Add(string.Join("|", Enumerable.Range(0, reader.FieldCount).Select(i => Convert.ToString(reader.GetValue(i), CultureInfo.InvariantCulture))));
        }

        return rows;
    }

    private async Task AssertStatisticsAndTotalsMatchRecountAsync()
    {
        var videos = new List<VideoRecord>();
        await foreach (var video in Manifest.ReadAllAsync())
        {
            videos.Add(video);
        }

        var stats = await Manifest.GetStatisticsAsync();
        stats.TotalVideos.Should().Be(videos.Count);
        stats.TotalSizeBytes.Should().Be(videos.Sum(v => v.SizeBytes));
        stats.Oldest.Should().Be(videos.Count == 0 ? null : videos.Min(v => v.CreatedAt));
        stats.Newest.Should().Be(videos.Count == 0 ? null : videos.Max(v => v.CreatedAt));
        foreach (var state in Enum.GetValues<MirrorState>())
        {
            var count = videos.Count(v => v.Mirror.State == state);
            stats.ByMirrorState[state].Should().Be(count, "the {0} count", state);
            (await Manifest.ListAsync(new VideoQuery { MirrorState = state, Limit = 1 })).Total.Should().Be(count);
        }

        stats.MirrorBacklog.Should().Be(videos.Count(v => v.Mirror.State is MirrorState.Pending or MirrorState.Uploading or MirrorState.Retrying));
        (await Manifest.CountBacklogAsync()).Should().Be(stats.MirrorBacklog);

        // Grouped as the list filter groups (ASCII case folded), each named by the spelling that sorts first.
        var groups = videos.GroupBy(v => v.Category.ToUpperInvariant()).ToList();
        stats.ByCategory.Should().HaveCount(groups.Count);
        foreach (var group in groups)
        {
            var name = group.Select(v => v.Category).Min(StringComparer.Ordinal)!;
            stats.ByCategory.Should().ContainKey(name).WhoseValue.Should().Be(group.Count());
            stats.ByCategory.Keys.Should().Contain(name);
            (await Manifest.ListAsync(new VideoQuery { Category = group.Key.ToLowerInvariant(), Limit = 1 })).Total.Should().Be(group.Count());
        }

        (await Manifest.ListAsync(new VideoQuery { Limit = 1 })).Total.Should().Be(videos.Count);
    }
}
