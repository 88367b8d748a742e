using Microsoft.Extensions.Logging;

namespace VideoVault.AspNetCore.Endpoints;

internal sealed partial class UploadVideoEndpoint
{
    private static partial class Log
    {
        [LoggerMessage(EventId = 3001, EventName = "UploadStored", Level = LogLevel.Information,
            Message = "Upload stored as {VideoId} ({StoredName}, {SizeBytes} bytes)")]
        public static partial void Stored(ILogger logger, string videoId, string storedName, long sizeBytes);

        // 3002 is retired: it logged the store's refusals a second time (the store's 1001 UploadRefused already names
        // the reason and the file, and the status follows from the reason). Reusing it would confuse old log queries.

        [LoggerMessage(EventId = 3003, EventName = "UploadRefusedByContentLength", Level = LogLevel.Information,
            Message = "Upload refused before reading: Content-Length {ContentLength} exceeds the limit of {BodyLimit} bytes")]
        public static partial void RefusedByContentLength(ILogger logger, long contentLength, long bodyLimit);

        [LoggerMessage(EventId = 3004, EventName = "UploadClientAborted", Level = LogLevel.Information,
            Message = "Upload abandoned: the client disconnected before the body was complete")]
        public static partial void ClientAborted(ILogger logger);

        [LoggerMessage(EventId = 3005, EventName = "UploadBodyRejected", Level = LogLevel.Information,
            Message = "Upload body rejected by the server with status {StatusCode}")]
        public static partial void BodyRejected(ILogger logger, int statusCode);

        [LoggerMessage(EventId = 3006, EventName = "UploadMalformedMultipart", Level = LogLevel.Information,
            Message = "Upload refused: malformed or incomplete multipart body ({ExceptionType})")]
        public static partial void MalformedMultipart(ILogger logger, string exceptionType);

        [LoggerMessage(EventId = 3007, EventName = "UploadTrailingFormRefused", Level = LogLevel.Information,
            Message = "The parts after the file were refused: {Reason}")]
        public static partial void TrailingFormRefused(ILogger logger, string reason);

        [LoggerMessage(EventId = 3009, EventName = "UploadBodySizeLimitReadOnly", Level = LogLevel.Warning,
            Message = "The request body size limit could not be raised for the upload (the body was already read by another component); the server limit of {Limit} bytes applies")]
        public static partial void BodySizeLimitReadOnly(ILogger logger, long? limit);
    }
}
