using Microsoft.AspNetCore.Http;
using VideoVault.AspNetCore.Problems;

namespace VideoVault.AspNetCore.Tus;

/// <summary>
/// <c>DELETE {prefix}/uploads/{id}</c> (termination): cancels an unfinished upload and removes its bytes, 204. A
/// completed upload is a stored video now: terminating it is refused with 409, since removing a video is a deliberate
/// act on the video, not a side effect of a protocol clean-up.
/// </summary>
internal static class TusDeleteEndpoint
{
    public static async Task<IResult> HandleAsync(TusRequest r, string id)
    {
        var (upload, failure) = await TusUploadLookup.FindAsync(r, id, publishFinished: false).ConfigureAwait(false);
        if (failure is not null)
        {
            return failure;
        }

        if (upload!.State == StagedUploadState.Completed)
        {
            return CompletedRefusal(r, await r.WriteVideoAsync(upload).ConfigureAwait(false) is not null);
        }

        var cancelled = await r.Uploads.CancelAsync(id, r.Aborted).ConfigureAwait(false);
        if (cancelled.Outcome == StagedUploadOutcome.AlreadyCompleted && cancelled.Upload is { } completed)
        {
            // Completed between the read above and the cancel: the same answer as if it had been complete before.
            return CompletedRefusal(r, await r.WriteVideoAsync(completed).ConfigureAwait(false) is not null);
        }

        if (!cancelled.IsAccepted)
        {
            return r.Refusal(cancelled);
        }

        TusRequest.Log.Terminated(r.Logger, id);
        return TypedResults.NoContent();
    }

    private static IResult CompletedRefusal(TusRequest r, bool videoExists) => r.Problem(VideoVaultProblems.Conflict(
        "Upload complete",
        videoExists
            ? $"The upload is complete and stored as a video ({TusHeaders.Video} names it); terminating it would not remove the video. Delete the video instead."
            : "The upload is complete and its video has since been deleted; there is nothing left to terminate."));
}
