using Microsoft.Extensions.Logging;

namespace VideoVault.Mirroring.GoogleDrive;

internal sealed partial class DriveCopyChecker
{
    private static partial class Log
    {
        [LoggerMessage(EventId = 4080, EventName = "MirrorCopyCheckFailed", Level = LogLevel.Warning,
            Message = "Could not check the Drive copy {RemoteFileId} of video {VideoId}: {Error}")]
        public static partial void CheckFailed(ILogger logger, string videoId, string remoteFileId, string error);

        [LoggerMessage(EventId = 4081, EventName = "MirrorCopyUnverified", Level = LogLevel.Information,
            Message = "The Drive copy {RemoteFileId} of video {VideoId} could not be verified by checksum: {Detail}")]
        public static partial void Unverified(ILogger logger, string videoId, string remoteFileId, string detail);

        [LoggerMessage(EventId = 4082, EventName = "MirrorCopyRequeued", Level = LogLevel.Warning,
            Message = "The Drive copy {RemoteFileId} of video {VideoId} is gone or wrong ({Found}); re-queued for upload from the intact local copy")]
        public static partial void Requeued(ILogger logger, string videoId, string remoteFileId, string found);

        [LoggerMessage(EventId = 4083, EventName = "MirrorCopyLost", Level = LogLevel.Critical,
            Message = "Video {VideoId} ({StoredName}) is LOST: its Drive copy {RemoteFileId} is gone or wrong ({Found}) and {Why}. Restore it from a backup outside VideoVault if one exists.")]
        public static partial void Lost(ILogger logger, string videoId, string storedName, string remoteFileId, string found, string why);

        [LoggerMessage(EventId = 4084, EventName = "MirrorCopyLocalHashFailed", Level = LogLevel.Warning,
            Message = "Could not read the local copy of video {VideoId} to learn its MD5; the Drive copy is checked without it")]
        public static partial void LocalHashFailed(ILogger logger, string videoId, Exception exception);
    }
}
