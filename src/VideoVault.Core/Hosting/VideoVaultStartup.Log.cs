using Microsoft.Extensions.Logging;

namespace VideoVault.Hosting;

internal sealed partial class VideoVaultStartup
{
    private static partial class Log
    {
        [LoggerMessage(EventId = 1200, EventName = "StoreReady", Level = LogLevel.Information,
            Message = "VideoVault store ready at {Root}: {Swept} temp files swept, {Recovered} interrupted publishes recovered, {Dropped} publish intents without a file dropped")]
        public static partial void Ready(ILogger logger, string root, int swept, int recovered, int dropped);

        [LoggerMessage(EventId = 1203, EventName = "StoreReadyAfterFullReconciliation", Level = LogLevel.Information,
            Message = "VideoVault store ready at {Root} after a full reconciliation (the manifest keeps no publish intents): {Swept} temp files swept, {Adopted} files adopted, {Missing} files missing")]
        public static partial void ReadyAfterFullReconciliation(ILogger logger, string root, int swept, int adopted, int missing);

        [LoggerMessage(EventId = 1201, EventName = "MissingFilesAtStartup", Level = LogLevel.Error,
            Message = "{Missing} videos in the manifest have no file on disk; they are flagged missing (see the audit trail)")]
        public static partial void MissingFilesAtStartup(ILogger logger, int missing);

        [LoggerMessage(EventId = 1202, EventName = "EventOutboxTrimmed", Level = LogLevel.Information,
            Message = "Event outbox trimmed: {Delivered} delivered events past their retention, {Undelivered} old undelivered events that no handler in this host would receive")]
        public static partial void OutboxTrimmed(ILogger logger, int delivered, int undelivered);
    }
}
