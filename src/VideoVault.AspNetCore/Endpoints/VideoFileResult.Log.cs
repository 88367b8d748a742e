using Microsoft.Extensions.Logging;

namespace VideoVault.AspNetCore.Endpoints;

internal sealed partial class VideoFileResult
{
    private static partial class Log
    {
        [LoggerMessage(EventId = 3301, EventName = "DownloadFileVanished", Level = LogLevel.Warning,
            Message = "The file of video {VideoId} vanished before it could be sent ({RelativePath}); answered 410")]
        public static partial void FileVanished(ILogger logger, string videoId, string relativePath);

        [LoggerMessage(EventId = 3302, EventName = "DownloadClientGone", Level = LogLevel.Debug,
            Message = "The client went away during the download of video {VideoId}")]
        public static partial void ClientGone(ILogger logger, string videoId);

        [LoggerMessage(EventId = 3303, EventName = "DownloadFailed", Level = LogLevel.Error,
            Message = "Sending the file of video {VideoId} failed")]
        public static partial void SendFailed(ILogger logger, Exception exception, string videoId);
    }
}
