using Microsoft.AspNetCore.Http;
using Microsoft.Net.Http.Headers;

namespace VideoVault.AspNetCore.Tus;

/// <summary>
/// <c>HEAD {prefix}/uploads/{id}</c>: the durable offset to resume at, the length (or <c>Upload-Defer-Length: 1</c>),
/// the metadata and the expiry, never cached; a completed upload answers its full offset and names its video.
/// </summary>
internal static class TusHeadEndpoint
{
    public static async Task<IResult> HandleAsync(TusRequest r, string id)
    {
        r.Http.Response.Headers.CacheControl = "no-store";
        var (upload, failure) = await TusUploadLookup.FindAsync(r, id).ConfigureAwait(false);
        if (failure is not null)
        {
            return failure;
        }

        r.WriteUpload(upload!);
        if (TusMetadata.Format(upload!) is { } metadata)
        {
            r.Http.Response.Headers[TusHeaders.UploadMetadata] = metadata;
        }

        if (upload!.State == StagedUploadState.Completed)
        {
            await r.WriteVideoAsync(upload).ConfigureAwait(false);
        }

        return TypedResults.Ok();
    }
}
