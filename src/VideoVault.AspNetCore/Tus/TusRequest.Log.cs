using Microsoft.Extensions.Logging;

namespace VideoVault.AspNetCore.Tus;

internal sealed partial class TusRequest
{
    internal static partial class Log
    {
        [LoggerMessage(EventId = 3200, EventName = "TusUploadCreated", Level = LogLevel.Information,
            Message = "Resumable upload {UploadId} created (declared length {Length}, null when deferred)")]
        public static partial void Created(ILogger logger, string uploadId, long? length);

        [LoggerMessage(EventId = 3201, EventName = "TusUploadCompleted", Level = LogLevel.Information,
            Message = "Resumable upload {UploadId} stored as {VideoId} ({StoredName}, {SizeBytes} bytes)")]
        public static partial void Completed(ILogger logger, string uploadId, string videoId, string storedName, long sizeBytes);

        [LoggerMessage(EventId = 3202, EventName = "TusClientGone", Level = LogLevel.Information,
            Message = "Resumable upload {UploadId}: the client went away mid-body; the bytes that arrived are kept for a resume")]
        public static partial void ClientGone(ILogger logger, string uploadId);

        [LoggerMessage(EventId = 3203, EventName = "TusBodyRejected", Level = LogLevel.Information,
            Message = "Resumable upload {UploadId}: the body was cut short or refused by the server (status {StatusCode}); the bytes that arrived are kept")]
        public static partial void BodyRejected(ILogger logger, string uploadId, int statusCode);

        [LoggerMessage(EventId = 3204, EventName = "TusRefusedByContentLength", Level = LogLevel.Information,
            Message = "Resumable upload {UploadId}: Content-Length {ContentLength} exceeds the limit of {Limit} bytes; refused before reading")]
        public static partial void RefusedByContentLength(ILogger logger, string uploadId, long contentLength, long limit);

        [LoggerMessage(EventId = 3205, EventName = "TusBodySizeLimitReadOnly", Level = LogLevel.Warning,
            Message = "The request body size limit could not be raised for a tus request (the body was already read by another component); the server limit of {Limit} bytes applies")]
        public static partial void BodySizeLimitReadOnly(ILogger logger, long? limit);

        [LoggerMessage(EventId = 3206, EventName = "TusUploadTerminated", Level = LogLevel.Information,
            Message = "Resumable upload {UploadId} terminated by its client")]
        public static partial void Terminated(ILogger logger, string uploadId);

        [LoggerMessage(EventId = 3207, EventName = "TusFinishedUploadPublished", Level = LogLevel.Information,
            Message = "Resumable upload {UploadId} had every byte but was not yet published (its last answer was lost); publishing it on {Method}")]
        public static partial void PublishingFinished(ILogger logger, string uploadId, string method);
    }
}
