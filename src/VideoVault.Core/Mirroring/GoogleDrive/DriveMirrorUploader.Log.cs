using Microsoft.Extensions.Logging;

namespace VideoVault.Mirroring.GoogleDrive;

internal sealed partial class DriveMirrorUploader
{
    /// <summary>The Drive mirror job's log messages; event ids 4050–4079 belong to it.</summary>
    private static partial class Log
    {
        [LoggerMessage(EventId = 4050, EventName = "MirrorVideoMirrored", Level = LogLevel.Information,
            Message = "Video {VideoId} is mirrored as Drive file {FileId} ({Bytes} bytes verified, attempt {Attempt})")]
        public static partial void Mirrored(ILogger logger, string videoId, string fileId, long bytes, int attempt);

        [LoggerMessage(EventId = 4051, EventName = "MirrorCopyAdopted", Level = LogLevel.Information,
            Message = "Video {VideoId}: an earlier attempt's Drive file {FileId} is complete and verified; adopted instead of uploading again")]
        public static partial void Adopted(ILogger logger, string videoId, string fileId);

        [LoggerMessage(EventId = 4052, EventName = "MirrorCopyDeleted", Level = LogLevel.Warning,
            Message = "Video {VideoId}: deleting Drive file {FileId}: {Problem}")]
        public static partial void DeletingCopy(ILogger logger, string videoId, string fileId, string problem);

        [LoggerMessage(EventId = 4053, EventName = "MirrorResuming", Level = LogLevel.Information,
            Message = "Video {VideoId}: resuming the saved upload session (round {Round})")]
        public static partial void Resuming(ILogger logger, string videoId, int round);

        [LoggerMessage(EventId = 4054, EventName = "MirrorSessionSaved", Level = LogLevel.Debug,
            Message = "Video {VideoId}: upload session persisted before the first byte")]
        public static partial void SessionSaved(ILogger logger, string videoId);

        [LoggerMessage(EventId = 4055, EventName = "MirrorSessionExpired", Level = LogLevel.Warning,
            Message = "Video {VideoId}: the upload session is gone ({Detail}); starting a fresh one with the same file id")]
        public static partial void SessionExpired(ILogger logger, string videoId, string detail);

        [LoggerMessage(EventId = 4056, EventName = "MirrorAlreadyExists", Level = LogLevel.Information,
            Message = "Video {VideoId}: Drive already has file {FileId}; verifying it instead of creating another")]
        public static partial void AlreadyExists(ILogger logger, string videoId, string fileId);

        [LoggerMessage(EventId = 4057, EventName = "MirrorRetrying", Level = LogLevel.Warning,
            Message = "Video {VideoId}: attempt {Attempt} failed, retrying in {Delay}: {Error}")]
        public static partial void Retrying(ILogger logger, string videoId, int attempt, TimeSpan delay, string error);

        [LoggerMessage(EventId = 4058, EventName = "MirrorQueuePaused", Level = LogLevel.Warning,
            Message = "Video {VideoId} hit Drive's upload limit; the mirror queue pauses until {Until}: {Error}")]
        public static partial void QueuePaused(ILogger logger, string videoId, DateTimeOffset until, string error);

        [LoggerMessage(EventId = 4059, EventName = "MirrorInterrupted", Level = LogLevel.Information,
            Message = "Video {VideoId}: upload interrupted by the host stopping; it resumes after the restart")]
        public static partial void Interrupted(ILogger logger, string videoId);

        [LoggerMessage(EventId = 4060, EventName = "MirrorJobNoLongerClaimed", Level = LogLevel.Information,
            Message = "Video {VideoId} was deleted or requeued during its upload; the attempt stops")]
        public static partial void NoLongerClaimed(ILogger logger, string videoId);

        [LoggerMessage(EventId = 4061, EventName = "MirrorUnexpectedFailure", Level = LogLevel.Error,
            Message = "Video {VideoId}: unexpected error while mirroring; it will be retried")]
        public static partial void UnexpectedFailure(ILogger logger, string videoId, Exception exception);

        [LoggerMessage(EventId = 4062, EventName = "MirrorOrphanCleanupFailed", Level = LogLevel.Warning,
            Message = "Video {VideoId} was deleted during its upload, and its Drive copy could not be deleted; delete it from the folder by hand (its videoVaultId app property is the video id)")]
        public static partial void OrphanCleanupFailed(ILogger logger, string videoId, Exception exception);
    }
}
