using Microsoft.Extensions.Logging;

namespace VideoVault.Manager.Cli;

/// <summary>
/// Writes the library's warnings and errors as single <c>warning:</c>/<c>error:</c> lines on standard error,
/// synchronously, so they interleave correctly with the tool's own output.
/// </summary>
internal sealed class StderrLoggerProvider(TextWriter stderr) : ILoggerProvider
{
    private readonly Lock gate = new();

    public ILogger CreateLogger(string categoryName) => new StderrLogger(this);

    public void Dispose()
    {
    }

    private void Write(LogLevel level, string message)
    {
        var prefix = level >= LogLevel.Error ? "error" : "warning";
        lock (gate)
        {
            stderr.WriteLine($"{prefix}: {OneLine.Of(message)}");
        }
    }

    private sealed class StderrLogger(StderrLoggerProvider provider) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state)
            where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => logLevel >= LogLevel.Warning && logLevel != LogLevel.None;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            if (!IsEnabled(logLevel))
            {
                return;
            }

            var message = formatter(state, exception);
            if (exception is not null)
            {
                message = $"{message} ({exception.Message})";
            }

            provider.Write(logLevel, message);
        }
    }
}
