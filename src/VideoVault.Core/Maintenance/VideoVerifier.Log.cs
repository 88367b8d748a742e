using Microsoft.Extensions.Logging;

namespace VideoVault.Maintenance;

internal sealed partial class VideoVerifier
{
    private static partial class Log
    {
        [LoggerMessage(EventId = 6000, EventName = "VerifyCorrupt", Level = LogLevel.Error,
            Message = "Video {VideoId} at {RelativePath} is corrupt: recorded sha256 {Expected}, found {Actual}")]
        public static partial void Corrupt(ILogger logger, string videoId, string relativePath, string expected, string actual);

        [LoggerMessage(EventId = 6001, EventName = "VerifyMissing", Level = LogLevel.Warning,
            Message = "Video {VideoId}: its file {RelativePath} is missing")]
        public static partial void Missing(ILogger logger, string videoId, string relativePath);
    }
}
