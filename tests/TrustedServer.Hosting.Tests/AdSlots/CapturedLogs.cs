using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;

namespace TrustedServer.Hosting.Tests.AdSlots;

/// <summary>Every log line the app writes, with its category and event id, for tests that count them.</summary>
internal sealed class CapturedLogs : ILoggerProvider
{
    public ConcurrentQueue<(string Category, EventId Event, LogLevel Level, string Message)> Lines { get; } = new();

    public ILogger CreateLogger(string categoryName) => new Logger(this, categoryName);

    public void Dispose()
    {
    }

    private sealed class Logger(CapturedLogs owner, string category) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state)
            where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => true;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter) =>
            owner.Lines.Enqueue((category, eventId, logLevel, formatter(state, exception)));
    }
}
