namespace VideoVault.Manifest;

/// <summary>Many new records at once: filling a manifest for a benchmark or an import, not the upload path.</summary>
internal sealed partial class SqliteVideoManifest
{
    /// <summary>
    /// Commits <paramref name="videos"/> as <see cref="VideoEventKind.Stored"/> records in transactions of
    /// <paramref name="batchSize"/> records, each through the same insert as <see cref="AddAsync"/> (the row, its
    /// event, its mirror job and its host event). One durable commit per batch instead of per record is what makes it
    /// fast. The records are read lazily, one batch at a time, so a caller can stream millions of them.
    /// </summary>
    /// <exception cref="InvalidOperationException">A record's id, stored name, relative path or idempotency key exists
    /// already; its batch is rolled back, the batches before it stay committed.</exception>
    internal async Task AddManyAsync(IEnumerable<VideoRecord> videos, int batchSize, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(videos);
        ArgumentOutOfRangeException.ThrowIfLessThan(batchSize, 1);
        using var pending = videos.GetEnumerator();
        var more = true;
        while (more)
        {
            more = await WriteAsync(
                async (connection, transaction) =>
                {
                    for (var count = 0; count < batchSize; count++)
                    {
                        if (!pending.MoveNext())
                        {
                            return false;
                        }

                        var video = pending.Current;
                        ThrowIfIncomplete(video);
                        if (!await InsertVideoAsync(connection, transaction, video, VideoEventKind.Stored, null, cancellationToken).ConfigureAwait(false))
                        {
                            throw new InvalidOperationException(
                                $"A record with the id, stored name, relative path or idempotency key of video {video.Id} ('{video.StoredName}') exists already.");
                        }
                    }

                    return true;
                },
                cancellationToken).ConfigureAwait(false);
        }
    }

    private static void ThrowIfIncomplete(VideoRecord video)
    {
        ArgumentNullException.ThrowIfNull(video, nameof(video));
        ArgumentException.ThrowIfNullOrWhiteSpace(video.Id, nameof(video));
        ArgumentException.ThrowIfNullOrWhiteSpace(video.StoredName, nameof(video));
        ArgumentException.ThrowIfNullOrWhiteSpace(video.RelativePath, nameof(video));
        ArgumentNullException.ThrowIfNull(video.Mirror, nameof(video));
    }
}
