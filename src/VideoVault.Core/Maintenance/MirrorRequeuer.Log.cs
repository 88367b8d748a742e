using Microsoft.Extensions.Logging;

namespace VideoVault.Maintenance;

internal sealed partial class MirrorRequeuer
{
    private static partial class Log
    {
        [LoggerMessage(EventId = 6020, EventName = "MirrorRequeued", Level = LogLevel.Information,
            Message = "Requeued the mirror of video {VideoId} (was {MirrorState})")]
        public static partial void Requeued(ILogger logger, string videoId, MirrorState mirrorState);
    }
}
