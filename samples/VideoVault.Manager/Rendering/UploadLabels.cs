using System.Globalization;

namespace VideoVault.Manager.Rendering;

/// <summary>How a resumable upload's state and progress are named in tables and JSON.</summary>
internal static class UploadLabels
{
    /// <summary>
    /// Past its expiry time counts as expired even before the store's sweep marked it, since that is what
    /// <c>uploads expire</c> will remove.
    /// </summary>
    public static bool IsExpired(StagedUpload upload, DateTimeOffset now) =>
        upload.State == StagedUploadState.Expired || (upload.State != StagedUploadState.Completed && upload.ExpiresAt <= now);

    /// <summary><c>in_progress</c>, <c>completed</c> or <c>expired</c>.</summary>
    public static string Of(StagedUpload upload, DateTimeOffset now) =>
        IsExpired(upload, now) ? "expired" : upload.State == StagedUploadState.Completed ? "completed" : "in_progress";

    /// <summary><c>12.0 MiB of 4.0 GiB (0 %)</c>, or <c>12.0 MiB of ?</c> while the length is deferred.</summary>
    public static string Received(StagedUpload upload)
    {
        if (upload.Length is not { } length)
        {
            return $"{ByteSize.Format(upload.Offset)} of ?";
        }

        var percent = length == 0 ? 100 : (int)(upload.Offset * 100 / length);
        return string.Create(CultureInfo.InvariantCulture, $"{ByteSize.Format(upload.Offset)} of {ByteSize.Format(length)} ({percent} %)");
    }
}
