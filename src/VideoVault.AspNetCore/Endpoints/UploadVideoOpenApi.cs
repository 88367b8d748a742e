using Microsoft.AspNetCore.OpenApi;
using Microsoft.OpenApi;

namespace VideoVault.AspNetCore.Endpoints;

/// <summary>
/// Describes the upload's multipart body, its <c>category</c> query value and its <c>Idempotency-Key</c> header in
/// OpenAPI documents. The handler reads the raw body, so nothing in its signature says what it takes; and declaring the
/// content type as route metadata (<c>Accepts</c>) would make routing answer any other content type with a bare 415
/// instead of the handler's 400 problem. Hosts that never call <c>AddOpenApi()</c> never run this.
/// </summary>
internal static class UploadVideoOpenApi
{
    public const string MultipartFormData = "multipart/form-data";

    public static Task DescribeAsync(OpenApiOperation operation, OpenApiOperationTransformerContext context, CancellationToken cancellationToken)
    {
        operation.Parameters ??= [];
        operation.Parameters.Add(new OpenApiParameter
        {
            Name = UploadVideoEndpoint.CategoryQueryName,
            In = ParameterLocation.Query,
            Required = false,
            Description = $"The category, used when no '{UploadVideoEndpoint.CategoryFieldName}' field precedes the file part.",
            Schema = new OpenApiSchema { Type = JsonSchemaType.String },
        });
        operation.Parameters.Add(new OpenApiParameter
        {
            Name = IdempotencyKeyHeader.Name,
            In = ParameterLocation.Header,
            Required = false,
            Description =
                "A key the client chose for this upload (e.g. a UUID): 1 to 255 printable ASCII characters, sent quoted as a " +
                "structured-field string or bare (the quotes do not count). The same " +
                "key with the same bytes answers 201 with the video stored the first time and 'Idempotent-Replayed: true'; " +
                "the same key with other bytes is a 422 problem; an invalid key is a 400 problem.",
            // No maxLength: the quoted form may be two characters longer than the key, and both forms are valid.
            Schema = new OpenApiSchema { Type = JsonSchemaType.String, MinLength = 1 },
        });

        operation.RequestBody = new OpenApiRequestBody
        {
            Required = true,
            Content = new Dictionary<string, OpenApiMediaType>
            {
                [MultipartFormData] = new()
                {
                    Schema = new OpenApiSchema
                    {
                        Type = JsonSchemaType.Object,
                        Required = new HashSet<string> { UploadVideoEndpoint.VideoFieldName },
                        Properties = new Dictionary<string, IOpenApiSchema>
                        {
                            [UploadVideoEndpoint.CategoryFieldName] = new OpenApiSchema
                            {
                                Type = JsonSchemaType.String,
                                Description = "The category. Applied only when this field comes before the file part.",
                            },
                            [UploadVideoEndpoint.VideoFieldName] = new OpenApiSchema
                            {
                                Type = JsonSchemaType.String,
                                Format = "binary",
                                Description = "The video file, with a file name. Its type is detected from its bytes.",
                            },
                        },
                    },
                },
            },
        };

        return Task.CompletedTask;
    }
}
