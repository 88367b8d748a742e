using System.Diagnostics;
using Microsoft.Extensions.Logging.Abstractions;
using VideoVault.Manifest;
using VideoVault.Storage;

namespace VideoVault.Benchmarks.Catalog;

/// <summary>
/// A store root filled with a made-up catalog through the store's own code (<c>AddManyAsync</c>: the same insert as
/// an upload, a transaction per batch), with a file (a hard link) at the path of every record whose local copy is
/// present, so the host's start-up finds the store as a year of uploads would have left it.
/// </summary>
internal sealed record CatalogStore(string Root, int Count, long FrequentSearchHits, IReadOnlyList<VideoRecord> Sample, TimeSpan FillTime, long Files)
{
    private const int BatchSize = 10_000;
    private const int SampleSize = 64;

    /// <summary>Host events older than this are purged at each start of a host without handlers (VideoVaultEventOptions).</summary>
    private static readonly TimeSpan KeepUndeliveredWithoutHandler = TimeSpan.FromDays(7);

    public static async Task<CatalogStore> CreateAsync(string root, int count, CancellationToken cancellationToken)
    {
        if (Directory.Exists(root))
        {
            Directory.Delete(root, recursive: true);
        }

        var paths = new VideoVaultPaths(root);
        paths.EnsureCreated();
        var yearEnd = DateTimeOffset.UtcNow;
        var videos = new CatalogVideos(count, yearEnd);
        var clock = new ReplayClock(videos.YearStart);
        var links = new HardLinks(root + ".sources");
        var sample = new List<VideoRecord>(SampleSize);
        var sampleEvery = Math.Max(1, count / SampleSize);
        var index = 0;

        var stopwatch = Stopwatch.StartNew();
        var manifest = new SqliteVideoManifest(paths.ManifestPath, clock, NullLogger<SqliteVideoManifest>.Instance);
        await using (manifest.ConfigureAwait(false))
        {
            await manifest.AddManyAsync(videos.Generate().Select(Prepare), BatchSize, cancellationToken).ConfigureAwait(false);

            // A host without handlers purges these at every start; a store that ran for a year holds only the last week's.
            clock.Now = yearEnd;
            await manifest.PurgeUndeliveredNotificationsAsync(yearEnd - KeepUndeliveredWithoutHandler, cancellationToken).ConfigureAwait(false);
        }

        return new CatalogStore(paths.Root, count, CatalogVideos.FrequentSearchHits(count), sample, stopwatch.Elapsed, links.Count);

        VideoRecord Prepare(VideoRecord video)
        {
            clock.Now = video.CreatedAt;
            if (video.LocalState == LocalCopyState.Present)
            {
                links.Link(paths.ResolveVideo(video.RelativePath));
            }

            if (index++ % sampleEvery == sampleEvery / 2 && sample.Count < SampleSize)
            {
                sample.Add(video);
            }

            return video;
        }
    }
}
