using System.Globalization;
using Microsoft.AspNetCore.Http;

namespace VideoVault.AspNetCore.Tus;

/// <summary><c>OPTIONS {prefix}/uploads[/{id}]</c>: what this server speaks (tus's discovery), 204 without a body.</summary>
internal static class TusOptionsEndpoint
{
    public static IResult Handle(TusRequest request)
    {
        var headers = request.Http.Response.Headers;
        headers[TusHeaders.TusVersion] = TusHeaders.Version;
        headers[TusHeaders.TusExtension] = TusHeaders.Extensions;
        headers[TusHeaders.TusMaxSize] = request.Options.MaxFileSizeBytes.ToString(CultureInfo.InvariantCulture);
        headers[TusHeaders.TusChecksumAlgorithm] = TusHeaders.ChecksumAlgorithms;
        return TypedResults.NoContent();
    }
}
