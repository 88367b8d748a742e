using Microsoft.Extensions.Logging;

namespace VideoVault.Uploads;

internal sealed partial class UploadExpiryService
{
    private static partial class Log
    {
        [LoggerMessage(EventId = 1320, EventName = "ExpiredUploadsRemoved", Level = LogLevel.Information,
            Message = "Removed {Count} expired resumable uploads")]
        public static partial void Expired(ILogger logger, int count);

        [LoggerMessage(EventId = 1321, EventName = "FinishedUploadsRecovered", Level = LogLevel.Information,
            Message = "Published {Count} resumable uploads that had every byte when the host stopped")]
        public static partial void Recovered(ILogger logger, int count);

        [LoggerMessage(EventId = 1322, EventName = "UploadSweepFailed", Level = LogLevel.Warning,
            Message = "Looking after resumable uploads failed; the next round tries again")]
        public static partial void SweepFailed(ILogger logger, Exception exception);
    }
}
