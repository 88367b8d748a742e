using System.Globalization;
using System.Text.Json.Serialization;

namespace VideoVault.Mirroring.GoogleDrive;

/// <summary>The wire shape of a files resource (only the fields the client asks for).</summary>
internal sealed class DriveFileResource
{
    public string? Id { get; set; }

    public string? Name { get; set; }

    public string? MimeType { get; set; }

    public string? Size { get; set; }

    public string? Md5Checksum { get; set; }

    public string? Sha256Checksum { get; set; }

    public string? WebViewLink { get; set; }

    public List<string>? Parents { get; set; }

    public Dictionary<string, string>? AppProperties { get; set; }

    public bool? Trashed { get; set; }

    public DriveFile ToDriveFile() => new()
    {
        Id = Id ?? throw new FormatException("Drive returned a file without an id."),
        Name = Name,
        MimeType = MimeType,
        Size = long.TryParse(Size, NumberStyles.None, CultureInfo.InvariantCulture, out var size) ? size : null,
        Md5Checksum = Md5Checksum,
        Sha256Checksum = Sha256Checksum,
        WebViewLink = WebViewLink,
        Parents = Parents ?? [],
        AppProperties = AppProperties ?? [],
        Trashed = Trashed ?? false,
    };
}

internal sealed class DriveFileListResource
{
    public List<DriveFileResource>? Files { get; set; }

    public string? NextPageToken { get; set; }

    public bool? IncompleteSearch { get; set; }
}

internal sealed class DriveGeneratedIdsResource
{
    public List<string>? Ids { get; set; }
}

internal sealed class GoogleErrorEnvelope
{
    public GoogleErrorBody? Error { get; set; }
}

internal sealed class GoogleErrorBody
{
    public int Code { get; set; }

    public string? Message { get; set; }

    public List<GoogleErrorItem>? Errors { get; set; }
}

internal sealed class GoogleErrorItem
{
    public string? Domain { get; set; }

    public string? Reason { get; set; }

    public string? Message { get; set; }
}

[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase, DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull)]
[JsonSerializable(typeof(DriveFileResource))]
[JsonSerializable(typeof(DriveFileListResource))]
[JsonSerializable(typeof(DriveGeneratedIdsResource))]
[JsonSerializable(typeof(GoogleErrorEnvelope))]
internal sealed partial class DriveJsonContext : JsonSerializerContext;
