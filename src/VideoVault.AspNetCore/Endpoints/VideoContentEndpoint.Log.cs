using Microsoft.Extensions.Logging;

namespace VideoVault.AspNetCore.Endpoints;

internal sealed partial class VideoContentEndpoint
{
    private static partial class Log
    {
        [LoggerMessage(EventId = 3300, EventName = "DownloadLocalCopyGone", Level = LogLevel.Information,
            Message = "Download of video {VideoId} refused: its local copy is {Availability}")]
        public static partial void LocalCopyGone(ILogger logger, string videoId, VideoFileAvailability availability);
    }
}
