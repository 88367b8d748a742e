using Microsoft.Extensions.Logging;
using VideoVault.Mirroring.GoogleDrive;

namespace VideoVault.Maintenance;

internal sealed partial class VideoRestorer
{
    private static partial class Log
    {
        [LoggerMessage(EventId = 1410, EventName = "VideoRestored", Level = LogLevel.Information,
            Message = "Restored video {VideoId} at {RelativePath} from Drive ({Bytes} bytes downloaded in {Requests} request(s))")]
        public static partial void Restored(ILogger logger, string videoId, string relativePath, long bytes, int requests);

        // Information: the caller gets the same as a result; an unusable Drive copy is also logged loudly below.
        [LoggerMessage(EventId = 1411, EventName = "VideoNotRestored", Level = LogLevel.Information,
            Message = "Did not restore video {VideoId} ({Outcome}): found {Found}; {Done}")]
        public static partial void NotRestored(ILogger logger, string videoId, RestoreOutcome outcome, string found, string done);

        [LoggerMessage(EventId = 1412, EventName = "RestoreDownloadInterrupted", Level = LogLevel.Information,
            Message = "The Drive download of video {VideoId} stopped at byte {DurableBytes} ({Kind}): {Reason}")]
        public static partial void DownloadInterrupted(ILogger logger, string videoId, long durableBytes, DriveErrorKind kind, string reason);

        [LoggerMessage(EventId = 1413, EventName = "RestoreMirrorCopyUnusable", Level = LogLevel.Error,
            Message = "The Drive copy of video {VideoId} cannot be restored ({Outcome}): {Detail}. The video has no good copy on Drive")]
        public static partial void MirrorCopyUnusable(ILogger logger, string videoId, RestoreOutcome outcome, string detail);

        [LoggerMessage(EventId = 1414, EventName = "RestoreAuditFailed", Level = LogLevel.Warning,
            Message = "Could not record the failed restore of video {VideoId} in the audit trail")]
        public static partial void AuditFailed(ILogger logger, string videoId, Exception exception);
    }
}
