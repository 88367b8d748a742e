using System.Security.Cryptography;
using System.Text.Json.Nodes;

namespace VideoVault.FakeDrive;

/// <summary>Everything the fake Drive remembers; guarded by <see cref="Gate"/>.</summary>
internal sealed class FakeDriveState : IDisposable
{
    private const string IdAlphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";

    public Lock Gate { get; } = new();

    public OrderedDictionary<string, FakeDriveFile> Files { get; } = new(StringComparer.Ordinal);

    public Dictionary<string, UploadSession> Sessions { get; } = new(StringComparer.Ordinal);

    public Dictionary<string, FakeDriveTokenGrant> Tokens { get; } = new(StringComparer.Ordinal);

    public List<FakeDriveTokenGrant> Grants { get; } = [];

    public HashSet<string> GeneratedIds { get; } = new(StringComparer.Ordinal);

    public Dictionary<string, (string ClientEmail, RSA Key)> ServiceAccountKeys { get; } = new(StringComparer.Ordinal);

    public Dictionary<string, (string ClientId, string ClientSecret)> RefreshTokens { get; } = new(StringComparer.Ordinal);

    public static string NewDriveId()
    {
        // Drive ids are 33 URL-safe characters; the leading '1' matches what files.generateIds hands out.
        return "1" + RandomNumberGenerator.GetString(IdAlphabet, 32);
    }

    public static string NewToken(string prefix) => prefix + RandomNumberGenerator.GetHexString(32, lowercase: true);

    public static JsonObject ToResource(FakeDriveFile file)
    {
        var resource = new JsonObject
        {
            ["kind"] = "drive#file",
            ["id"] = file.Id,
            ["name"] = file.Name,
            ["mimeType"] = file.MimeType,
            ["parents"] = new JsonArray(file.Parents.Select(p => (JsonNode?)JsonValue.Create(p)).ToArray()),
            ["size"] = file.Size.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["md5Checksum"] = file.Md5Checksum,
            ["sha256Checksum"] = file.Sha256Checksum,
            ["trashed"] = file.Trashed,
            ["createdTime"] = file.CreatedTime.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", System.Globalization.CultureInfo.InvariantCulture),
            ["modifiedTime"] = file.CreatedTime.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", System.Globalization.CultureInfo.InvariantCulture),
            ["webViewLink"] = $"https://drive.google.com/file/d/{file.Id}/view?usp=drivesdk",
        };
        if (file.OmitsSha256)
        {
            resource.Remove("sha256Checksum");
        }

        if (file.AppProperties.Count > 0)
        {
            resource["appProperties"] = new JsonObject(file.AppProperties.Select(p => KeyValuePair.Create(p.Key, (JsonNode?)JsonValue.Create(p.Value))));
        }

        return resource;
    }

    public void Dispose()
    {
        foreach (var (_, key) in ServiceAccountKeys.Values)
        {
            key.Dispose();
        }
    }
}
