namespace VideoVault;

/// <summary>Totals of the store.</summary>
public sealed record StorageStatistics
{
    /// <summary>The number of videos in the manifest.</summary>
    public required long TotalVideos { get; init; }

    /// <summary>The sum of their sizes in bytes.</summary>
    public required long TotalSizeBytes { get; init; }

    /// <summary>Counts by mirror state (every state is present, zero included).</summary>
    public required IReadOnlyDictionary<MirrorState, long> ByMirrorState { get; init; }

    /// <summary>Counts by category.</summary>
    public required IReadOnlyDictionary<string, long> ByCategory { get; init; }

    /// <summary>Free bytes on the file system that holds the store.</summary>
    public required long DiskFreeBytes { get; init; }

    /// <summary>When the oldest video was stored, if any.</summary>
    public DateTimeOffset? Oldest { get; init; }

    /// <summary>When the newest video was stored, if any.</summary>
    public DateTimeOffset? Newest { get; init; }

    /// <summary>Videos waiting to be mirrored (pending, uploading or retrying).</summary>
    public long MirrorBacklog { get; init; }
}
