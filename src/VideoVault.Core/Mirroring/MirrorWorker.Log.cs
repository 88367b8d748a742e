using Microsoft.Extensions.Logging;

namespace VideoVault.Mirroring;

internal sealed partial class MirrorWorker
{
    /// <summary>The mirror worker's log messages; event ids 4000–4049 belong to it.</summary>
    private static partial class Log
    {
        [LoggerMessage(EventId = 4000, EventName = "MirrorWorkerStarted", Level = LogLevel.Information,
            Message = "Mirror worker started: up to {MaxParallel} upload(s) at a time; {Recovered} interrupted upload(s) resume, {Enabled} earlier video(s) newly queued")]
        public static partial void Started(ILogger logger, int maxParallel, int recovered, int enabled);

        [LoggerMessage(EventId = 4001, EventName = "MirrorWorkerStopped", Level = LogLevel.Information,
            Message = "Mirror worker stopped; {InFlight} upload(s) in flight resume after the restart")]
        public static partial void Stopped(ILogger logger, int inFlight);

        [LoggerMessage(EventId = 4002, EventName = "MirrorQueueFailed", Level = LogLevel.Error,
            Message = "Reading the mirror queue failed; trying again shortly")]
        public static partial void QueueFailed(ILogger logger, Exception exception);

        [LoggerMessage(EventId = 4003, EventName = "MirrorJobCrashed", Level = LogLevel.Error,
            Message = "The mirror job of video {VideoId} failed unexpectedly; it resumes after the next restart or requeue")]
        public static partial void JobCrashed(ILogger logger, string videoId, Exception exception);

        [LoggerMessage(EventId = 4004, EventName = "MirrorQueuePausedUntil", Level = LogLevel.Warning,
            Message = "Drive's upload limit was reached: no new uploads start before {Until}")]
        public static partial void Paused(ILogger logger, DateTimeOffset until);

        [LoggerMessage(EventId = 4005, EventName = "MirrorDisabledVideosQueued", Level = LogLevel.Information,
            Message = "Queued {Count} video(s) recorded without a mirror (adopted by a tool) for mirroring")]
        public static partial void DisabledQueued(ILogger logger, int count);
    }
}
