using System.Text.Json.Serialization;

namespace VideoVault.AspNetCore.Json;

/// <summary>The upload and video-info response: <c>{"success": true, ...video}</c>, flat as the seed's frontend expects.</summary>
internal sealed class VideoResultJson : VideoJson
{
    [JsonPropertyName("success")]
    [JsonPropertyOrder(-1)]
    public bool Success => true;

    /// <summary>
    /// <see langword="true"/> only on an upload whose <c>content_type</c> part came after the file, so too late to
    /// name the category; absent otherwise, so the usual body is unchanged.
    /// </summary>
    [JsonPropertyName("category_ignored")]
    [JsonPropertyOrder(1)]
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public bool? CategoryIgnored { get; set; }
}
