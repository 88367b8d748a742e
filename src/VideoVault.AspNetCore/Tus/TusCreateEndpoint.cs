using Microsoft.AspNetCore.Http;
using VideoVault.AspNetCore.Endpoints;
using VideoVault.AspNetCore.Problems;

namespace VideoVault.AspNetCore.Tus;

/// <summary>
/// <c>POST {prefix}/uploads</c> (creation, creation-defer-length, creation-with-upload): creates a staged upload from
/// <c>Upload-Length</c> or <c>Upload-Defer-Length: 1</c> and <c>Upload-Metadata</c>, appends a body sent as
/// <c>application/offset+octet-stream</c> at once, and answers 201 with <c>Location</c>.
/// </summary>
internal static class TusCreateEndpoint
{
    /// <summary>The name the store keeps when the client sends none (the stored name's extension comes from the sniffed container).</summary>
    public const string DefaultFileName = "upload";

    public static async Task<IResult> HandleAsync(TusRequest r)
    {
        var request = r.Http.Request;
        if (!IdempotencyKeyHeader.TryRead(request, out var idempotencyKey, out var keyError))
        {
            return r.RefuseUnread(VideoVaultProblems.BadRequest(keyError!));
        }

        if (!TusHeaderValue.TryReadNonNegative(request.Headers[TusHeaders.UploadLength], out var length))
        {
            return r.RefuseUnread(VideoVaultProblems.BadRequest("Upload-Length must be one non-negative integer."));
        }

        var defer = request.Headers[TusHeaders.UploadDeferLength];
        if (defer.Count > 0 && (defer.Count != 1 || defer[0]?.Trim() != "1"))
        {
            return r.RefuseUnread(VideoVaultProblems.BadRequest("Upload-Defer-Length must be 1 when present."));
        }

        if ((length is null) == (defer.Count == 0))
        {
            return r.RefuseUnread(VideoVaultProblems.BadRequest("Send either Upload-Length or Upload-Defer-Length: 1 (not both)."));
        }

        if (length > r.Options.MaxFileSizeBytes)
        {
            return r.RefuseUnread(VideoVaultProblems.TooLarge(r.TooLargeText));
        }

        if (!TusMetadata.TryParse(request.Headers[TusHeaders.UploadMetadata].ToString(), out var metadata, out var metadataError))
        {
            return r.RefuseUnread(VideoVaultProblems.BadRequest(metadataError!));
        }

        var withUpload = TusRequest.HasBody(request);
        if (withUpload && !TusRequest.IsOffsetOctetStream(request.ContentType))
        {
            return r.RefuseUnread(VideoVaultProblems.UnsupportedContentType(
                $"A POST that carries upload bytes (creation-with-upload) needs Content-Type: {TusHeaders.OffsetOctetStream}; create without a body otherwise."));
        }

        if (!TusChecksum.TryRead(request.Headers[TusHeaders.UploadChecksum], out var checksum, out var checksumError))
        {
            return r.RefuseUnread(VideoVaultProblems.BadRequest(checksumError!));
        }

        var created = await r.Uploads.CreateAsync(
            new StagedUploadRequest(metadata.FileName ?? DefaultFileName)
            {
                Length = length,
                Category = metadata.Category,
                DeclaredMimeType = metadata.FileType,
                IdempotencyKey = idempotencyKey,
            },
            r.Aborted).ConfigureAwait(false);
        if (!created.IsAccepted || created.Upload is not { } upload)
        {
            if (withUpload)
            {
                r.Http.Response.Headers.Connection = "close";
            }

            return r.Refusal(created);
        }

        TusRequest.Log.Created(r.Logger, upload.Id, length);
        var location = r.UploadUrl(upload.Id);
        if (!withUpload)
        {
            r.WriteUpload(upload);
            r.Http.Response.Headers.Remove(TusHeaders.UploadOffset);
            return TypedResults.Created(location);
        }

        return await AppendFirstPieceAsync(r, upload, location, checksum).ConfigureAwait(false);
    }

    private static async Task<IResult> AppendFirstPieceAsync(TusRequest r, StagedUpload upload, string location, UploadChecksum? checksum)
    {
        var (appended, failure) = await r.AppendBodyAsync(upload.Id, 0, new StagedAppendOptions { Checksum = checksum }).ConfigureAwait(false);
        if (failure is not null)
        {
            // The upload exists and keeps what arrived: say where it is, so the client can HEAD it and resume.
            r.Http.Response.Headers.Location = location;
            return failure;
        }

        if (!appended!.IsAccepted || appended.Upload is not { } current)
        {
            if (appended.Outcome is not (StagedUploadOutcome.Unknown or StagedUploadOutcome.UnsupportedContainer or StagedUploadOutcome.IdempotencyKeyConflict))
            {
                r.Http.Response.Headers.Location = location;
            }

            return r.Refusal(appended);
        }

        if (current.IsFinished)
        {
            (current, var completeFailure) = await r.CompleteAsync(current).ConfigureAwait(false);
            if (completeFailure is not null)
            {
                return completeFailure;
            }
        }

        r.WriteUpload(current);
        return TypedResults.Created(location);
    }
}
