using VideoVault.Manifest;

namespace VideoVault.Core.Tests.Manifest;

public sealed class SqliteVideoManifestBulkTests : IAsyncLifetime
{
    private readonly ManifestTestContext _context = new();

    private SqliteVideoManifest Manifest => _context.Manifest;

    public Task InitializeAsync() => Task.CompletedTask;

    public Task DisposeAsync() => _context.DisposeAsync().AsTask();

    [Fact]
    public async Task Adding_many_commits_every_record_as_an_upload_would_over_several_batches()
    {
        var videos = Enumerable.Range(0, 25).Select(i => TestRecords.Create(ManifestTestContext.Start.AddSeconds(i))).ToList();

        await Manifest.AddManyAsync(videos, batchSize: 10, CancellationToken.None);

        var page = await Manifest.ListAsync(new VideoQuery { Limit = 100 });
        page.Total.Should().Be(25);
        page.Videos.Should().BeEquivalentTo(videos);
        (await Manifest.GetEventsAsync(new VideoEventQuery())).Should().HaveCount(25).And.OnlyContain(e => e.Kind == VideoEventKind.Stored);
        _context.Scalar("SELECT COUNT(*) FROM notifications WHERE kind = 'stored';").Should().Be(25);
    }

    [Fact]
    public async Task Records_are_read_one_batch_at_a_time()
    {
        var read = 0;
        IEnumerable<VideoRecord> Videos()
        {
            for (var i = 0; i < 4; i++)
            {
                read++;
                yield return TestRecords.Create(ManifestTestContext.Start.AddSeconds(i));
            }

            throw new InvalidOperationException("the source broke");
        }

        var act = () => Manifest.AddManyAsync(Videos(), batchSize: 3, CancellationToken.None);

        await act.Should().ThrowAsync<InvalidOperationException>().WithMessage("the source broke");
        read.Should().Be(4);
        (await Manifest.ListAsync(new VideoQuery())).Total.Should().Be(3, "the first batch committed before the second was read");
    }

    [Fact]
    public async Task A_duplicate_rolls_back_its_batch_and_keeps_the_batches_before_it()
    {
        var existing = TestRecords.Create(ManifestTestContext.Start);
        await Manifest.AddAsync(existing, VideoEventKind.Stored, null);
        var videos = Enumerable.Range(1, 4).Select(i => TestRecords.Create(ManifestTestContext.Start.AddSeconds(i))).ToList();
        videos.Add(TestRecords.Create(ManifestTestContext.Start.AddSeconds(9)) with { StoredName = existing.StoredName });

        var act = () => Manifest.AddManyAsync(videos, batchSize: 3, CancellationToken.None);

        (await act.Should().ThrowAsync<InvalidOperationException>()).WithMessage($"*{videos[^1].Id}*exists already*");
        var stored = await Manifest.ListAsync(new VideoQuery());
        stored.Videos.Select(v => v.Id).Should().BeEquivalentTo([existing.Id, videos[0].Id, videos[1].Id, videos[2].Id], "the second batch ({0}, then the duplicate) is rolled back", videos[3].Id);
        (await Manifest.GetEventsAsync(new VideoEventQuery { VideoId = videos[3].Id })).Should().BeEmpty();
    }
}
