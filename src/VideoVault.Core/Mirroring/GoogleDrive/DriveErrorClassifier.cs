using System.Net.Sockets;
using Google;
using Google.Apis.Auth.OAuth2.Responses;

namespace VideoVault.Mirroring.GoogleDrive;

/// <summary>Maps Drive statuses, reasons and exceptions to what the mirror should do (drive-protocol.md §1.4).</summary>
internal static class DriveErrorClassifier
{
    public static DriveError FromStatus(DriveOperation operation, int status, string? reason, string? message, TimeSpan? retryAfter, string folderId)
    {
        var detail = string.IsNullOrWhiteSpace(message) ? $"HTTP {status}" : message;
        DriveError Error(DriveErrorKind kind, string text) => new(kind, text, status, reason, retryAfter);

        if (status >= 500 || status is 429 or 408)
        {
            return Error(DriveErrorKind.Transient, $"Drive is unavailable or rate-limiting: {detail}");
        }

        switch (status, reason)
        {
            case (403, "rateLimitExceeded" or "userRateLimitExceeded" or "sharingRateLimitExceeded"):
                return Error(DriveErrorKind.Transient, $"Drive rate limit: {detail}");
            case (403, "uploadLimitExceeded" or "dailyLimitExceeded"):
                return Error(DriveErrorKind.QuotaPaused, $"Drive's upload quota is used up ({reason}); uploads pause and resume later: {detail}");
            case (403, "storageQuotaExceeded"):
                return Error(DriveErrorKind.Permanent,
                    $"Drive refused the upload with storageQuotaExceeded ({detail}). A service account has no storage of its own: set VideoVault:Drive:FolderId to a folder in a shared drive the service account is a member of (uploads send supportsAllDrives=true), or set VideoVault:Drive:ImpersonateUser to a Workspace user with domain-wide delegation, or use an OAuth authorized_user credential. For a user account, free space in that user's Drive.");
            case (403, "insufficientFilePermissions" or "insufficientPermissions" or "appNotAuthorizedToFile" or "forbidden"):
                return Error(DriveErrorKind.Permanent,
                    $"The Drive account may not write to folder '{folderId}' ({reason}: {detail}). Share the folder (or add the account to its shared drive) as Content manager, or check VideoVault:Drive:FolderId and Scope.");
            case (403, _):
                return Error(DriveErrorKind.Permanent, $"Drive refused the request ({reason ?? "403"}): {detail}");
            case (401, _):
                return Error(DriveErrorKind.Permanent,
                    $"Drive rejected the credentials even after a token refresh ({detail}). The key or refresh token may be revoked or lack the Drive scope; replace VideoVault:Drive:CredentialsPath.");
        }

        return operation switch
        {
            _ when status == 409 => Error(DriveErrorKind.AlreadyExists, $"A Drive file with the pre-generated id already exists: {detail}"),
            DriveOperation.UploadSession when status is 404 or 410 => Error(DriveErrorKind.SessionExpired, $"The upload session expired or is unknown to Drive: {detail}"),

            // drive-protocol.md §1.4: any other 4xx during a resumable upload means "start a new session".
            DriveOperation.UploadSession => Error(DriveErrorKind.SessionExpired, $"Drive rejected the upload session (HTTP {status}); a new session is needed: {detail}"),
            DriveOperation.InitiateUpload when status == 404 => Error(DriveErrorKind.Permanent,
                $"Drive does not know folder '{folderId}' or the account cannot see it ({detail}). Check VideoVault:Drive:FolderId and share the folder with the account."),
            _ => Error(DriveErrorKind.Permanent, $"Drive refused the request (HTTP {status}{(reason is null ? "" : " " + reason)}): {detail}"),
        };
    }

    /// <summary>The <see cref="DriveError.Reason"/> of a failure to read the local file while uploading.</summary>
    public const string LocalReadReason = "local_read";

    // The messages below are served over HTTP as the mirror's last error: fixed text per kind, never an exception's
    // message (which may carry a local path); the callers log the exception itself.
    public static DriveError FromException(DriveOperation operation, Exception exception, TimeSpan? retryAfter, string folderId)
    {
        if (MirrorErrorText.Find<LocalFileReadException>(exception) is { } local)
        {
            // Retried like a blip, bounded by MaxAttempts: a disk error may pass, and a final failure needs an admin anyway.
            return new DriveError(DriveErrorKind.Transient, local.Message, null, LocalReadReason, retryAfter);
        }

        switch (exception)
        {
            case GoogleApiException { HttpStatusCode: var code } api when (int)code >= 400:
                var reason = api.Error?.Errors?.FirstOrDefault()?.Reason;
                return FromStatus(operation, (int)code, reason, api.Error?.Message ?? api.Message, retryAfter, folderId);
            case TokenResponseException token:
                var status = (int?)token.StatusCode;
                if (status is null or >= 500 or 429)
                {
                    return new DriveError(DriveErrorKind.Transient, $"The token server failed: {token.Error?.Error} {token.Error?.ErrorDescription}".TrimEnd(), status, token.Error?.Error, retryAfter);
                }

                return new DriveError(DriveErrorKind.Permanent,
                    $"The token server refused the credentials ({token.Error?.Error}: {token.Error?.ErrorDescription}). The key or refresh token may be revoked or deleted, the clock may be off, or domain-wide delegation may not be granted for VideoVault:Drive:ImpersonateUser; replace the credentials file or fix the delegation.",
                    status, token.Error?.Error);
            case HttpRequestException or IOException or SocketException or TimeoutException or OperationCanceledException:
                return new DriveError(DriveErrorKind.Transient, $"Network error talking to Drive ({exception.GetType().Name}).", null, null, retryAfter);
            default:
                // Unknown failures are retried (bounded by MaxAttempts): marking a video failed on a blip would need an admin.
                return new DriveError(DriveErrorKind.Transient, $"Unexpected error talking to Drive ({exception.GetType().Name}).", null, null, retryAfter);
        }
    }
}
