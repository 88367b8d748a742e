using Microsoft.Extensions.Logging;

namespace VideoVault.Storage;

internal sealed partial class LocalVideoStore
{
    private static partial class Log
    {
        [LoggerMessage(EventId = 1000, EventName = "VideoStored", Level = LogLevel.Information,
            Message = "Stored video {VideoId} at {RelativePath} ({SizeBytes} bytes, {Container})")]
        public static partial void Stored(ILogger logger, string videoId, string relativePath, long sizeBytes, VideoContainer container);

        [LoggerMessage(EventId = 1001, EventName = "UploadRefused", Level = LogLevel.Information,
            Message = "Refused upload {OriginalFileName}: {Reason}")]
        public static partial void Refused(ILogger logger, string reason, string originalFileName);

        [LoggerMessage(EventId = 1002, EventName = "UploadFailed", Level = LogLevel.Warning,
            Message = "Upload failed ({ErrorType}) and was not acknowledged")]
        public static partial void SaveFailed(ILogger logger, string errorType, Exception exception);

        [LoggerMessage(EventId = 1003, EventName = "ManifestCommitFailed", Level = LogLevel.Error,
            Message = "The manifest commit failed after {RelativePath} was made durable and the manifest could not say whether the record exists; the file is kept, and the next start-up commits it from its publish intent unless the record exists")]
        public static partial void ManifestCommitFailed(ILogger logger, string relativePath, Exception exception);

        [LoggerMessage(EventId = 1004, EventName = "VideoDeleted", Level = LogLevel.Information,
            Message = "Deleted video {VideoId} ({RelativePath})")]
        public static partial void Deleted(ILogger logger, string videoId, string relativePath);

        [LoggerMessage(EventId = 1005, EventName = "FileOfRecordMissing", Level = LogLevel.Warning,
            Message = "The file of video {VideoId} is missing at {RelativePath}")]
        public static partial void FileOfRecordMissing(ILogger logger, string videoId, string relativePath);

        [LoggerMessage(EventId = 1006, EventName = "AuditAppendFailed", Level = LogLevel.Warning,
            Message = "Could not append a {Kind} event to the audit trail")]
        public static partial void AuditFailed(ILogger logger, VideoEventKind kind, Exception exception);

        [LoggerMessage(EventId = 1007, EventName = "UnpublishFailed", Level = LogLevel.Error,
            Message = "Could not take back {RelativePath} after its upload failed; the next start-up commits it from its publish intent although the client was told the upload failed")]
        public static partial void UnpublishFailed(ILogger logger, string relativePath, Exception exception);

        [LoggerMessage(EventId = 1015, EventName = "PublishIntentNotRemoved", Level = LogLevel.Warning,
            Message = "Could not remove the publish intent of video {VideoId} after its publish was taken back; the next start-up finds no file for it and drops it")]
        public static partial void PublishIntentNotRemoved(ILogger logger, string videoId, Exception exception);

        [LoggerMessage(EventId = 1008, EventName = "OutOfSpaceWhilePublishing", Level = LogLevel.Warning,
            Message = "The disk filled up after the body of an upload was written ({ErrorType}); the upload was refused and nothing was kept")]
        public static partial void OutOfSpaceWhilePublishing(ILogger logger, string errorType, Exception exception);

        [LoggerMessage(EventId = 1009, EventName = "CommitCheckFailed", Level = LogLevel.Error,
            Message = "Could not tell whether the record of video {VideoId} was committed after its commit reported an error")]
        public static partial void CommitCheckFailed(ILogger logger, string videoId, Exception exception);

        [LoggerMessage(EventId = 1010, EventName = "UploadAborted", Level = LogLevel.Information,
            Message = "Upload aborted while receiving the body: {ExceptionType}")]
        public static partial void UploadAborted(ILogger logger, string exceptionType);

        [LoggerMessage(EventId = 1011, EventName = "ManifestCommitRolledBack", Level = LogLevel.Warning,
            Message = "The manifest commit of {RelativePath} failed ({ErrorType}) and the record is absent; the file was taken back and the upload failed")]
        public static partial void ManifestCommitRolledBack(ILogger logger, string relativePath, string errorType);

        [LoggerMessage(EventId = 1012, EventName = "ManifestErrorAfterCommit", Level = LogLevel.Warning,
            Message = "The manifest reported an error ({ErrorType}) although the record of video {VideoId} was committed; the video is stored")]
        public static partial void ManifestErrorAfterCommit(ILogger logger, string videoId, string errorType, Exception exception);

        [LoggerMessage(EventId = 1013, EventName = "UploadReplayed", Level = LogLevel.Information,
            Message = "Upload repeated the idempotency key and bytes of video {VideoId} ({RelativePath}); answered with that video and stored nothing new")]
        public static partial void Replayed(ILogger logger, string videoId, string relativePath);

        [LoggerMessage(EventId = 1014, EventName = "UploadIdempotencyKeyConflict", Level = LogLevel.Information,
            Message = "Upload reused the idempotency key of video {VideoId} with different bytes; refused and stored nothing")]
        public static partial void IdempotencyKeyConflict(ILogger logger, string videoId);

        [LoggerMessage(EventId = 1300, EventName = "ResumableUploadStarted", Level = LogLevel.Information,
            Message = "Resumable upload {UploadId} started for '{OriginalFileName}' ({Length} bytes declared; -1 = deferred)")]
        public static partial void UploadStarted(ILogger logger, string uploadId, string originalFileName, long length);

        [LoggerMessage(EventId = 1301, EventName = "ResumableUploadResumed", Level = LogLevel.Information,
            Message = "Resumable upload {UploadId} resumed at byte {Offset}")]
        public static partial void UploadResumed(ILogger logger, string uploadId, long offset);

        [LoggerMessage(EventId = 1302, EventName = "ResumableUploadInterrupted", Level = LogLevel.Information,
            Message = "Resumable upload {UploadId} was interrupted; its bytes up to {Offset} are durable")]
        public static partial void UploadInterrupted(ILogger logger, string uploadId, long offset);

        [LoggerMessage(EventId = 1303, EventName = "ResumableUploadChecksumMismatch", Level = LogLevel.Information,
            Message = "A piece of upload {UploadId} at byte {Offset} ({Length} bytes) did not match its checksum and was dropped")]
        public static partial void ChecksumMismatch(ILogger logger, string uploadId, long offset, long length);

        [LoggerMessage(EventId = 1304, EventName = "ResumableUploadRehashed", Level = LogLevel.Information,
            Message = "Upload {UploadId}: hashed its first {Length} bytes again from the disk (restart or interruption)")]
        public static partial void UploadRehashed(ILogger logger, string uploadId, long length);

        [LoggerMessage(EventId = 1305, EventName = "ResumableUploadTerminated", Level = LogLevel.Information,
            Message = "Resumable upload {UploadId} terminated at byte {Offset}; its bytes were removed")]
        public static partial void UploadTerminated(ILogger logger, string uploadId, long offset);

        [LoggerMessage(EventId = 1306, EventName = "ResumableUploadExpired", Level = LogLevel.Information,
            Message = "Resumable upload {UploadId} expired at byte {Offset} (completed: {Completed})")]
        public static partial void UploadExpired(ILogger logger, string uploadId, long offset, bool completed);

        [LoggerMessage(EventId = 1307, EventName = "FinishedUploadRecovered", Level = LogLevel.Warning,
            Message = "Upload {UploadId} had every byte but no video after a restart; completing it ended as {Outcome}")]
        public static partial void FinishedUploadRecovered(ILogger logger, string uploadId, StagedUploadOutcome outcome);

        [LoggerMessage(EventId = 1308, EventName = "OrphanUploadFileRemoved", Level = LogLevel.Warning,
            Message = "Removed '{FileName}' from the resumable uploads folder: no upload owns it (a crash before its upload was recorded)")]
        public static partial void OrphanUploadFileRemoved(ILogger logger, string fileName);

        [LoggerMessage(EventId = 1309, EventName = "ResumableUploadFileNotRemoved", Level = LogLevel.Warning,
            Message = "The bytes of upload {UploadId} could not be removed; the next start-up sweeps them")]
        public static partial void UploadFileNotRemoved(ILogger logger, string uploadId, Exception exception);
    }
}
