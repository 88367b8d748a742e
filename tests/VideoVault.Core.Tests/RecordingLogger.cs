using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;

namespace VideoVault.Tests;

/// <summary>A logger that keeps every entry, at every level, with its formatted message, values and exception.</summary>
internal sealed class RecordingLogger<T> : ILogger<T>
{
    public ConcurrentQueue<RecordedLog> Entries { get; } = new();

    public IDisposable? BeginScope<TState>(TState state)
        where TState : notnull => null;

    public bool IsEnabled(LogLevel logLevel) => true;

    public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
    {
        var values = state is IEnumerable<KeyValuePair<string, object?>> pairs
            ? pairs.Select(p => $"{p.Key}={p.Value}").ToList()
            : [];
        Entries.Enqueue(new RecordedLog(logLevel, eventId.Name, formatter(state, exception), values, exception));
    }
}

/// <summary>One entry of a <see cref="RecordingLogger{T}"/>.</summary>
internal sealed record RecordedLog(LogLevel Level, string? EventName, string Message, IReadOnlyList<string> Values, Exception? Exception)
{
    /// <summary>The message, every value and the exception, as one searchable text.</summary>
    public string AllText => string.Join("\n", [Message, .. Values, Exception?.ToString() ?? string.Empty]);
}
