using Microsoft.Extensions.Logging;

namespace VideoVault.Events;

internal sealed partial class NotificationDispatcher
{
    /// <summary>The event dispatcher's log messages; event ids 4100–4149 belong to it.</summary>
    private static partial class Log
    {
        [LoggerMessage(EventId = 4100, EventName = "VideoEventDelivered", Level = LogLevel.Debug,
            Message = "Delivered the {Kind} event of video {VideoId} (attempt {Attempt})")]
        public static partial void Delivered(ILogger logger, VideoVaultEventKind kind, string videoId, int attempt);

        [LoggerMessage(EventId = 4101, EventName = "VideoEventHandlerFailed", Level = LogLevel.Warning,
            Message = "Event handler {Handler} failed on the {Kind} event of video {VideoId} (attempt {Attempt}); it will be delivered again")]
        public static partial void HandlerFailed(ILogger logger, string handler, VideoVaultEventKind kind, string videoId, int attempt, Exception exception);

        [LoggerMessage(EventId = 4102, EventName = "VideoEventDispatchFailed", Level = LogLevel.Error,
            Message = "Reading the event outbox failed; retrying shortly")]
        public static partial void DispatchFailed(ILogger logger, Exception exception);

        [LoggerMessage(EventId = 4103, EventName = "VideoEventsPurged", Level = LogLevel.Debug,
            Message = "Purged {Count} delivered event(s) from the outbox")]
        public static partial void Purged(ILogger logger, int count);
    }
}
