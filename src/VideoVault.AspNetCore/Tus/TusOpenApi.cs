using Microsoft.AspNetCore.OpenApi;
using Microsoft.OpenApi;

namespace VideoVault.AspNetCore.Tus;

/// <summary>
/// Describes the tus headers and the <c>application/offset+octet-stream</c> body in OpenAPI documents. The content type
/// is not declared as route metadata (<c>Accepts</c>): routing would then answer any other one with a bare 415 before
/// the handler could send its problem with <c>Tus-Resumable</c>. Hosts that never call <c>AddOpenApi()</c> never run this.
/// </summary>
internal static class TusOpenApi
{
    public static Func<OpenApiOperation, OpenApiOperationTransformerContext, CancellationToken, Task> Describe(bool body, bool bodyRequired, params string[] headers) =>
        (operation, _, _) =>
        {
            operation.Parameters ??= [];
            operation.Parameters.Add(Header(TusHeaders.TusResumable, $"The protocol version, '{TusHeaders.Version}'. Required on every request but OPTIONS (else 412).", required: true));
            foreach (var header in headers)
            {
                operation.Parameters.Add(Header(header, Describe(header), required: false));
            }

            if (body)
            {
                operation.RequestBody = new OpenApiRequestBody
                {
                    Required = bodyRequired,
                    Content = new Dictionary<string, OpenApiMediaType>
                    {
                        [TusHeaders.OffsetOctetStream] = new()
                        {
                            Schema = new OpenApiSchema { Type = JsonSchemaType.String, Format = "binary", Description = "The upload's bytes from Upload-Offset on." },
                        },
                    },
                };
            }

            return Task.CompletedTask;
        };

    private static OpenApiParameter Header(string name, string description, bool required) => new()
    {
        Name = name,
        In = ParameterLocation.Header,
        Required = required,
        Description = description,
        Schema = new OpenApiSchema { Type = JsonSchemaType.String },
    };

    private static string Describe(string header) => header switch
    {
        TusHeaders.UploadLength => "The whole upload's length in bytes (on a PATCH: only to declare a deferred length).",
        TusHeaders.UploadDeferLength => "'1' to create an upload whose length a later PATCH declares.",
        TusHeaders.UploadMetadata => "Comma-separated 'key base64value' pairs: filename (or name), filetype (or type), content_type (the category).",
        TusHeaders.UploadOffset => "The offset the body starts at: the offset HEAD reports (else 409).",
        TusHeaders.UploadChecksum => "'sha1|md5|sha256 <Base64 digest>' of this body; 460 and nothing kept on a mismatch.",
        TusHeaders.MethodOverride => "PATCH, DELETE, HEAD (or GET, OPTIONS): the method this POST stands for.",
        Endpoints.IdempotencyKeyHeader.Name => "A key (1 to 255 printable ASCII characters) for the video this upload becomes: the same key and bytes name the video stored the first time.",
        _ => header,
    };
}
