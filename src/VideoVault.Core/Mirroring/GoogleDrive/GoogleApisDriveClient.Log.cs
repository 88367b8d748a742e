using Microsoft.Extensions.Logging;

namespace VideoVault.Mirroring.GoogleDrive;

internal sealed partial class GoogleApisDriveClient
{
    private static partial class Log
    {
        // A session URI is a bearer capability (whoever has it can upload into the session without credentials), so
        // only a short hash of it is logged: enough to tell sessions apart, useless to anyone reading the logs.
        [LoggerMessage(EventId = 4070, EventName = "DriveSessionStarted", Level = LogLevel.Debug,
            Message = "Started a Drive upload session for video {VideoId} (session {SessionHash})")]
        public static partial void SessionStarted(ILogger logger, string videoId, string sessionHash);

        [LoggerMessage(EventId = 4071, EventName = "DriveUploadResuming", Level = LogLevel.Information,
            Message = "Resuming the Drive upload session of video {VideoId} (session {SessionHash})")]
        public static partial void UploadResuming(ILogger logger, string videoId, string sessionHash);

        [LoggerMessage(EventId = 4072, EventName = "DriveUploadCompleted", Level = LogLevel.Information,
            Message = "Uploaded video {VideoId} to Drive file {FileId} ({Size} bytes)")]
        public static partial void UploadCompleted(ILogger logger, string videoId, string fileId, long size);

        [LoggerMessage(EventId = 4073, EventName = "DriveUploadFailed", Level = LogLevel.Warning,
            Message = "The Drive upload of video {VideoId} failed ({Kind}): {Reason}")]
        public static partial void UploadFailed(ILogger logger, string videoId, DriveErrorKind kind, string reason, Exception? exception);

        [LoggerMessage(EventId = 4074, EventName = "DriveRequestFailed", Level = LogLevel.Warning,
            Message = "Drive {Method} {Path} failed ({Kind}): {Reason}")]
        public static partial void RequestFailed(ILogger logger, string method, string path, DriveErrorKind kind, string reason, Exception? exception);

        [LoggerMessage(EventId = 4075, EventName = "DriveIncompleteSearch", Level = LogLevel.Warning,
            Message = "Drive reported an incomplete search for {Query}; results may be missing")]
        public static partial void IncompleteSearch(ILogger logger, string query);
    }
}
