using Microsoft.Extensions.Logging;

namespace VideoVault.Mirroring.GoogleDrive;

internal sealed partial class DriveCopyCheckService
{
    private static partial class Log
    {
        [LoggerMessage(EventId = 4090, EventName = "MirrorCopyChecksStarted", Level = LogLevel.Information,
            Message = "Checking the {Mirrored} mirrored copies on Drive in the background: one every {Interval}, each at least every {MaxAge}")]
        public static partial void Started(ILogger logger, long mirrored, TimeSpan interval, TimeSpan maxAge);

        [LoggerMessage(EventId = 4091, EventName = "MirrorCopyChecksTooSlow", Level = LogLevel.Warning,
            Message = "At one check every {Interval}, a pass over the {Mirrored} mirrored copies takes {FullPass}, longer than VideoVault:Drive:CopyCheckMaxAge ({MaxAge}): copies will be checked less often than that. Lower CopyCheckInterval or raise CopyCheckMaxAge.")]
        public static partial void PaceTooSlow(ILogger logger, long mirrored, TimeSpan interval, TimeSpan fullPass, TimeSpan maxAge);

        [LoggerMessage(EventId = 4092, EventName = "MirrorCopyChecksOff", Level = LogLevel.Information,
            Message = "Background checks of the mirrored copies are off (VideoVault:Drive:CheckCopiesInBackground is false); 'videovault verify --drive' checks them on demand")]
        public static partial void Off(ILogger logger);

        [LoggerMessage(EventId = 4093, EventName = "MirrorCopyChecksFailed", Level = LogLevel.Error,
            Message = "The background check of mirrored copies failed; it tries again after the interval")]
        public static partial void Failed(ILogger logger, Exception exception);
    }
}
