using Microsoft.Extensions.Logging;

namespace VideoVault.Maintenance;

internal sealed partial class PublishIntentRecovery
{
    private static partial class Log
    {
        [LoggerMessage(EventId = 1110, EventName = "InterruptedPublishRecovered", Level = LogLevel.Warning,
            Message = "Recovered video {VideoId} at {RelativePath} {Occasion}: a crash came between its rename into place and its commit; it is now committed from its publish intent")]
        public static partial void Recovered(ILogger logger, string videoId, string relativePath, string occasion);

        [LoggerMessage(EventId = 1111, EventName = "PublishIntentDropped", Level = LogLevel.Information,
            Message = "Dropped the publish intent of video {VideoId}: its file never reached videos/ (the crash or failure came before the rename)")]
        public static partial void IntentDropped(ILogger logger, string videoId);

        [LoggerMessage(EventId = 1112, EventName = "PublishInFlight", Level = LogLevel.Debug,
            Message = "Left {RelativePath} alone: its publish (video {VideoId}) is recent, and a running host may be committing it")]
        public static partial void InFlight(ILogger logger, string relativePath, string videoId);

        [LoggerMessage(EventId = 1113, EventName = "InterruptedDuplicateRemoved", Level = LogLevel.Warning,
            Message = "Removed {RelativePath}, the interrupted publish of video {VideoId}: its idempotency key belongs to video {WinnerId}, committed first")]
        public static partial void DuplicateRemoved(ILogger logger, string relativePath, string videoId, string winnerId);

        [LoggerMessage(EventId = 1114, EventName = "InterruptedPublishRefused", Level = LogLevel.Warning,
            Message = "Could not commit {RelativePath} as video {VideoId} from its publish intent: the manifest refused the record; the file is left for reconciliation")]
        public static partial void RecoveryRefused(ILogger logger, string relativePath, string videoId);
    }
}
