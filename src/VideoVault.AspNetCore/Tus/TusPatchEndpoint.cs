using Microsoft.AspNetCore.Http;
using VideoVault.AspNetCore.Problems;

namespace VideoVault.AspNetCore.Tus;

/// <summary>
/// <c>PATCH {prefix}/uploads/{id}</c>: appends the body at <c>Upload-Offset</c> (optionally declaring a deferred
/// <c>Upload-Length</c> and checking <c>Upload-Checksum</c>), answers 204 with the new durable offset, and publishes
/// the video when the last byte is in.
/// </summary>
internal static class TusPatchEndpoint
{
    public static async Task<IResult> HandleAsync(TusRequest r, string id)
    {
        var request = r.Http.Request;

        // The specification says SHOULD 415 here (tusd and @tus/server answer 400); 415 is what it asks for.
        if (!TusRequest.IsOffsetOctetStream(request.ContentType))
        {
            return r.RefuseUnread(VideoVaultProblems.UnsupportedContentType($"A PATCH needs Content-Type: {TusHeaders.OffsetOctetStream}."));
        }

        if (!TusHeaderValue.TryReadNonNegative(request.Headers[TusHeaders.UploadOffset], out var offset) || offset is not { } at)
        {
            return r.RefuseUnread(VideoVaultProblems.BadRequest("A PATCH needs Upload-Offset: one non-negative integer, the offset HEAD reports."));
        }

        if (!TusHeaderValue.TryReadNonNegative(request.Headers[TusHeaders.UploadLength], out var length))
        {
            return r.RefuseUnread(VideoVaultProblems.BadRequest("Upload-Length must be one non-negative integer."));
        }

        if (!TusChecksum.TryRead(request.Headers[TusHeaders.UploadChecksum], out var checksum, out var checksumError))
        {
            return r.RefuseUnread(VideoVaultProblems.BadRequest(checksumError!));
        }

        if (!TusRequest.IsUploadId(id))
        {
            return r.RefuseUnread(VideoVaultProblems.NotFound(TusRequest.UnknownText));
        }

        var (appended, failure) = await r.AppendBodyAsync(id, at, new StagedAppendOptions { Checksum = checksum, DeclareLength = length })
            .ConfigureAwait(false);
        if (failure is not null)
        {
            return failure;
        }

        switch (appended!.Outcome)
        {
            case StagedUploadOutcome.Accepted when appended.Upload is { } upload:
                if (upload.IsFinished)
                {
                    (upload, var completeFailure) = await r.CompleteAsync(upload).ConfigureAwait(false);
                    if (completeFailure is not null)
                    {
                        return completeFailure;
                    }
                }

                r.WriteUpload(upload);
                return TypedResults.NoContent();

            case StagedUploadOutcome.AlreadyCompleted when appended.Upload is { Length: { } total } completed && at == total:
                // The final PATCH replayed by a client that lost its answer: the same answer again, nothing written.
                r.WriteUpload(completed);
                await r.WriteVideoAsync(completed).ConfigureAwait(false);
                return TypedResults.NoContent();

            case StagedUploadOutcome.AlreadyCompleted:
                return r.Problem(VideoVaultProblems.Conflict(
                    "Offset mismatch",
                    "The upload is complete; its offset is its length. HEAD it for the video it became."));

            default:
                if (appended.Outcome is StagedUploadOutcome.OffsetMismatch or StagedUploadOutcome.Busy)
                {
                    // Refused before reading: the client's bytes are not wanted.
                    return r.RefuseUnread(r.ProblemFor(appended));
                }

                return r.Refusal(appended);
        }
    }
}
