using System.Text.Json.Serialization;

namespace VideoVault.AspNetCore.Json;

/// <summary>
/// Source-generated serialisation for every response body the endpoints write, so the wire format does not depend on
/// the host's JSON options and works trimmed or AOT-compiled.
/// </summary>
[JsonSourceGenerationOptions(
    PropertyNamingPolicy = JsonKnownNamingPolicy.SnakeCaseLower,
    DefaultIgnoreCondition = JsonIgnoreCondition.Never)]
[JsonSerializable(typeof(VideoResultJson))]
[JsonSerializable(typeof(VideoListJson))]
[JsonSerializable(typeof(StorageStatsJson))]
[JsonSerializable(typeof(TusUploadJson))]
internal sealed partial class VideoVaultJsonContext : JsonSerializerContext;
