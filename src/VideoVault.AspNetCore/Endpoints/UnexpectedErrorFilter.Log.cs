using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace VideoVault.AspNetCore.Endpoints;

internal sealed partial class UnexpectedErrorFilter
{
    private static partial class Log
    {
        [LoggerMessage(EventId = 3101, EventName = "UnexpectedError", Level = LogLevel.Error,
            Message = "Unexpected error in VideoVault endpoint {Method} {Path}")]
        public static partial void Unexpected(ILogger logger, Exception exception, string method, PathString path);

        [LoggerMessage(EventId = 3102, EventName = "ClientGone", Level = LogLevel.Debug,
            Message = "The client disconnected during {Path}")]
        public static partial void ClientGone(ILogger logger, PathString path);
    }
}
