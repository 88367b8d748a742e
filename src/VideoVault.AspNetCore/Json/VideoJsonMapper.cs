namespace VideoVault.AspNetCore.Json;

/// <summary>Maps the core's records to their wire form.</summary>
internal static class VideoJsonMapper
{
    private const double BytesPerMegabyte = 1024 * 1024;

    public static VideoResultJson ToResult(VideoRecord video) => Map<VideoResultJson>(video);

    public static VideoJson ToListItem(VideoRecord video) => Map<VideoJson>(video);

    public static StorageStatsJson ToJson(StorageStatistics statistics)
    {
        var byState = new Dictionary<string, long>(StringComparer.Ordinal);
        foreach (var state in WireNames.MirrorStates)
        {
            byState[WireNames.Of(state)] = statistics.ByMirrorState.TryGetValue(state, out var count) ? count : 0;
        }

        var byCategory = new SortedDictionary<string, long>(StringComparer.Ordinal);
        foreach (var (category, count) in statistics.ByCategory)
        {
            byCategory[category] = count;
        }

        return new StorageStatsJson
        {
            TotalVideos = statistics.TotalVideos,
            TotalSizeBytes = statistics.TotalSizeBytes,
            TotalSizeMb = Megabytes(statistics.TotalSizeBytes),
            ByDriveStatus = byState,
            ByCategory = byCategory,
            DiskFreeBytes = statistics.DiskFreeBytes,
            Oldest = statistics.Oldest?.UtcDateTime,
            Newest = statistics.Newest?.UtcDateTime,
            MirrorBacklog = statistics.MirrorBacklog,
        };
    }

    private static T Map<T>(VideoRecord video)
        where T : VideoJson, new() => new()
    {
        VideoId = video.Id,
        Filename = video.StoredName,
        OriginalFilename = video.OriginalFileName,
        Category = video.Category,
        LocalBackup = video.RelativePath,
        LocalState = WireNames.Of(video.LocalState),
        SizeBytes = video.SizeBytes,
        FileSizeMb = Megabytes(video.SizeBytes),
        Sha256 = video.Sha256,
        MimeType = video.MimeType,
        Container = WireNames.Of(video.Container),
        CreatedAt = video.CreatedAt.UtcDateTime,
        DriveStatus = WireNames.Of(video.Mirror.State),
        DriveFileId = video.Mirror.RemoteFileId,
        DriveLink = video.Mirror.RemoteLink,
        MirrorAttempts = video.Mirror.Attempts,
        MirrorLastError = video.Mirror.LastError,
        MirrorNextAttemptAt = video.Mirror.NextAttemptAt?.UtcDateTime,
        MirroredAt = video.Mirror.MirroredAt?.UtcDateTime,
    };

    private static double Megabytes(long bytes) => Math.Round(bytes / BytesPerMegabyte, 2, MidpointRounding.AwayFromZero);
}
