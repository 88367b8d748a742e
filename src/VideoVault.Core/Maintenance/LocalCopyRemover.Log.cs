using Microsoft.Extensions.Logging;

namespace VideoVault.Maintenance;

internal sealed partial class LocalCopyRemover
{
    private static partial class Log
    {
        [LoggerMessage(EventId = 6010, EventName = "LocalCopyRemoved", Level = LogLevel.Information,
            Message = "Removed the local copy of video {VideoId} ({RelativePath}, {SizeBytes} bytes); it is verified on the mirror")]
        public static partial void Removed(ILogger logger, string videoId, string relativePath, long sizeBytes);

        [LoggerMessage(EventId = 6011, EventName = "LocalCopyRemovedUnmirrored", Level = LogLevel.Warning,
            Message = "Removed the local copy of video {VideoId} ({RelativePath}) although it is not verified on the mirror (state {MirrorState}), by explicit override")]
        public static partial void RemovedUnmirrored(ILogger logger, string videoId, string relativePath, MirrorState mirrorState);
    }
}
