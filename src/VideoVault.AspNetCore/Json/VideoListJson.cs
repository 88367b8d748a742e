using System.Text.Json.Serialization;

namespace VideoVault.AspNetCore.Json;

/// <summary>The list response: one page of videos and how to get the next one.</summary>
internal sealed class VideoListJson
{
    [JsonPropertyName("success")]
    public bool Success => true;

    [JsonPropertyName("videos")]
    public required IReadOnlyList<VideoJson> Videos { get; init; }

    [JsonPropertyName("total")]
    public required long Total { get; init; }

    [JsonPropertyName("limit")]
    public required int Limit { get; init; }

    [JsonPropertyName("next_cursor")]
    public string? NextCursor { get; init; }

    /// <summary>The 1-based page number for page-number paging; <see langword="null"/> when a cursor was used.</summary>
    [JsonPropertyName("page")]
    public int? Page { get; init; }
}
