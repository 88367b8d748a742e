using Microsoft.Extensions.Logging;

namespace VideoVault.Maintenance;

internal sealed partial class VideoMaintenance
{
    private static partial class Log
    {
        [LoggerMessage(EventId = 1100, EventName = "Reconciled", Level = LogLevel.Information,
            Message = "Reconciliation (dry run: {DryRun}): {Recovered} recovered, {Adopted} adopted, {Missing} missing, {Restored} restored, {Skipped} skipped, {Conflicting} conflicting, {Swept} temp files swept")]
        public static partial void Reconciled(ILogger logger, bool dryRun, int recovered, int adopted, int missing, int restored, int skipped, int conflicting, int swept);

        [LoggerMessage(EventId = 1101, EventName = "FileAdopted", Level = LogLevel.Warning,
            Message = "Adopted {RelativePath} as video {VideoId} ({SizeBytes} bytes, {Container}): it had no manifest record")]
        public static partial void Adopted(ILogger logger, string videoId, string relativePath, long sizeBytes, VideoContainer container);

        [LoggerMessage(EventId = 1102, EventName = "FileMissing", Level = LogLevel.Error,
            Message = "The file of video {VideoId} is missing at {RelativePath}; the record is flagged missing")]
        public static partial void FileMissing(ILogger logger, string videoId, string relativePath);

        [LoggerMessage(EventId = 1103, EventName = "FileRestored", Level = LogLevel.Information,
            Message = "The file of video {VideoId} is back at {RelativePath}")]
        public static partial void FileRestored(ILogger logger, string videoId, string relativePath);

        [LoggerMessage(EventId = 1104, EventName = "OrphanTooYoung", Level = LogLevel.Debug,
            Message = "Left {RelativePath} alone: it changed within the adoption grace period (a host may be committing it); it is adoptable from {AdoptableAt}")]
        public static partial void OrphanTooYoung(ILogger logger, string relativePath, DateTimeOffset adoptableAt);

        [LoggerMessage(EventId = 1105, EventName = "AdoptionConflict", Level = LogLevel.Warning,
            Message = "Could not adopt {RelativePath}: a record with the same stored name already exists")]
        public static partial void AdoptionConflict(ILogger logger, string relativePath);

        [LoggerMessage(EventId = 1107, EventName = "FileConflicts", Level = LogLevel.Error,
            Message = "A file is back at {RelativePath}, the path of missing video {VideoId}, but its size or SHA-256 differs from the record; it was not accepted and the video stays missing")]
        public static partial void FileConflicts(ILogger logger, string videoId, string relativePath);
    }
}
