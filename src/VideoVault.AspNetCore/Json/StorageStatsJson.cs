using System.Text.Json.Serialization;

namespace VideoVault.AspNetCore.Json;

/// <summary>The storage-stats response.</summary>
internal sealed class StorageStatsJson
{
    [JsonPropertyName("success")]
    public bool Success => true;

    [JsonPropertyName("total_videos")]
    public required long TotalVideos { get; init; }

    [JsonPropertyName("total_size_bytes")]
    public required long TotalSizeBytes { get; init; }

    [JsonPropertyName("total_size_mb")]
    public required double TotalSizeMb { get; init; }

    [JsonPropertyName("by_drive_status")]
    public required IReadOnlyDictionary<string, long> ByDriveStatus { get; init; }

    [JsonPropertyName("by_category")]
    public required IReadOnlyDictionary<string, long> ByCategory { get; init; }

    [JsonPropertyName("disk_free_bytes")]
    public required long DiskFreeBytes { get; init; }

    [JsonPropertyName("oldest")]
    public DateTime? Oldest { get; init; }

    [JsonPropertyName("newest")]
    public DateTime? Newest { get; init; }

    [JsonPropertyName("mirror_backlog")]
    public required long MirrorBacklog { get; init; }
}
