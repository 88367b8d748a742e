using Microsoft.AspNetCore.OpenApi;
using Microsoft.OpenApi;

namespace VideoVault.AspNetCore.Endpoints;

/// <summary>
/// Describes the download in OpenAPI documents: the <c>download</c> query value, the request headers the file sender
/// honours (ranges and preconditions), and its answers as inline binary strings rather than a schema named after .NET's
/// <c>Stream</c>. Hosts that never call <c>AddOpenApi()</c> never run this.
/// </summary>
internal static class VideoContentOpenApi
{
    private static readonly (string Name, string Description)[] RequestHeaders =
    [
        ("Range", "One byte range ('bytes=0-1023', 'bytes=-500', 'bytes=1000-'): 206 with those bytes, 416 when it starts past the end."),
        ("If-Range", "The ETag (or Last-Modified) the client holds: the range is served only if it still matches, else the whole video."),
        ("If-None-Match", "ETags the client holds: 304 when one is the video's."),
        ("If-Modified-Since", "304 when the video was stored at or before that time."),
    ];

    public static Task DescribeAsync(OpenApiOperation operation, OpenApiOperationTransformerContext context, CancellationToken cancellationToken)
    {
        foreach (var parameter in operation.Parameters ?? [])
        {
            if (parameter is OpenApiParameter { Name: VideoContentEndpoint.DownloadQueryName } download)
            {
                download.Description = "'true' (or 1): Content-Disposition: attachment, so a browser saves the file; 'false' (or 0, the default): inline, so it plays.";
                download.Schema = new OpenApiSchema { Type = JsonSchemaType.String, Enum = ["true", "false", "1", "0"] };
            }
            else if (parameter is OpenApiParameter { Name: "filename" } filename)
            {
                filename.Description = "The video's stored file name or its id.";
            }
        }

        operation.Parameters ??= [];
        foreach (var (name, description) in RequestHeaders)
        {
            operation.Parameters.Add(new OpenApiParameter
            {
                Name = name,
                In = ParameterLocation.Header,
                Required = false,
                Description = description,
                Schema = new OpenApiSchema { Type = JsonSchemaType.String },
            });
        }

        foreach (var response in operation.Responses?.Values.Select(value => value.Content) ?? [])
        {
            foreach (var (mediaType, content) in response ?? Enumerable.Empty<KeyValuePair<string, OpenApiMediaType>>())
            {
                if (mediaType.StartsWith("video/", StringComparison.Ordinal) || mediaType == "application/octet-stream")
                {
                    content.Schema = new OpenApiSchema { Type = JsonSchemaType.String, Format = "binary" };
                }
            }
        }

        return Task.CompletedTask;
    }
}
