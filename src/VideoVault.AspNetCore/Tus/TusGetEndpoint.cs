using Microsoft.AspNetCore.Http;
using VideoVault.AspNetCore.Json;
using VideoVault.AspNetCore.Problems;

namespace VideoVault.AspNetCore.Tus;

/// <summary>
/// <c>GET {prefix}/uploads/{id}</c> (VideoVault's own; tus defines no GET): a completed upload answers with its
/// video's JSON, exactly as <c>video-info</c> does, so a client that lost the last answer finds its video; an
/// unfinished one answers with its state.
/// </summary>
internal static class TusGetEndpoint
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
        if (upload!.State == StagedUploadState.Completed)
        {
            var video = await r.WriteVideoAsync(upload).ConfigureAwait(false);
            if (video is null)
            {
                return r.Problem(VideoVaultProblems.NotFound("The upload completed, but its video has since been deleted."));
            }

            return TypedResults.Json(VideoJsonMapper.ToResult(video), VideoVaultJsonContext.Default.VideoResultJson);
        }

        return TypedResults.Json(
            new TusUploadJson
            {
                UploadId = upload.Id,
                State = "in_progress",
                Offset = upload.Offset,
                Length = upload.Length,
                OriginalFilename = upload.OriginalFileName,
                Category = upload.Category,
                CreatedAt = upload.CreatedAt.UtcDateTime,
                UpdatedAt = upload.UpdatedAt.UtcDateTime,
                ExpiresAt = upload.ExpiresAt.UtcDateTime,
                VideoId = upload.VideoId,
            },
            VideoVaultJsonContext.Default.TusUploadJson);
    }
}
