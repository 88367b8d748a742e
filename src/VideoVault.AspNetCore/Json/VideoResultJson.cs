using System.Text.Json.Serialization;

namespace VideoVault.AspNetCore.Json;

/// <summary>The upload and video-info response: <c>{"success": true, ...video}</c>, flat as the seed's frontend expects.</summary>
internal sealed class VideoResultJson : VideoJson
{
    [JsonPropertyName("success")]
    [JsonPropertyOrder(-1)]
    public bool Success => true;
}
