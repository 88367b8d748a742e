using Microsoft.AspNetCore.Http;
using VideoVault.AspNetCore.Problems;

namespace VideoVault.AspNetCore.Tus;

/// <summary>
/// Reads an upload for HEAD, GET and DELETE: 404 unknown, 410 expired. An upload that has every byte but was never
/// published (the host stopped between the last append and the commit, or the commit failed) is published here:
/// a tus client that sees the full offset on HEAD considers itself done and will not send another PATCH.
/// </summary>
internal static class TusUploadLookup
{
    public static async Task<(StagedUpload? Upload, IResult? Failure)> FindAsync(TusRequest r, string id, bool publishFinished = true)
    {
        if (!TusRequest.IsUploadId(id))
        {
            return (null, r.Problem(VideoVaultProblems.NotFound(TusRequest.UnknownText)));
        }

        var found = await r.Uploads.GetAsync(id, r.Aborted).ConfigureAwait(false);
        if (found.Outcome == StagedUploadOutcome.Accepted && found.Upload?.State == StagedUploadState.Expired)
        {
            return (null, r.Refusal(StagedUploadResult.Refused(StagedUploadOutcome.Expired, "expired", found.Upload)));
        }

        if (!found.IsAccepted || found.Upload is not { } upload)
        {
            return (null, r.Refusal(found));
        }

        if (publishFinished && upload.State == StagedUploadState.InProgress && upload.IsFinished)
        {
            TusRequest.Log.PublishingFinished(r.Logger, upload.Id, r.Method);
            var (completed, failure) = await r.CompleteAsync(upload).ConfigureAwait(false);
            if (failure is not null)
            {
                return (null, failure);
            }

            upload = completed;
        }

        return (upload, null);
    }
}
