using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;

namespace TrustedServer.Hosting.Tests.Observability;

/// <summary>Keeps every log entry (category, level, message, structured state and exception) for assertions.</summary>
internal sealed class CapturingLoggerProvider : ILoggerProvider
{
    public ConcurrentQueue<(string Category, string Message, IReadOnlyList<KeyValuePair<string, object?>> State, LogLevel Level, Exception? Exception)> Entries { get; } = new();

    /// <summary>The structured fields of an entry, without the message template.</summary>
    public static Dictionary<string, object?> Fields(IReadOnlyList<KeyValuePair<string, object?>> state) =>
        state.Where(p => p.Key != "{OriginalFormat}").ToDictionary(p => p.Key, p => p.Value);

    /// <summary>Waits until an entry matches; the request line is written after the response has gone out.</summary>
    public async Task<(string Category, string Message, IReadOnlyList<KeyValuePair<string, object?>> State, LogLevel Level, Exception? Exception)> WaitForAsync(
        Func<(string Category, string Message, IReadOnlyList<KeyValuePair<string, object?>> State, LogLevel Level, Exception? Exception), bool> match)
    {
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(20);
        while (true)
        {
            foreach (var entry in Entries)
            {
                if (match(entry))
                {
                    return entry;
                }
            }

            Assert.True(DateTime.UtcNow < deadline, "no matching log entry in: " + string.Join("\n", Entries.Select(e => e.Category + ": " + e.Message)));
            await Task.Delay(20, TestContext.Current.CancellationToken);
        }
    }

    public ILogger CreateLogger(string categoryName) => new Logger(this, categoryName);

    public void Dispose()
    {
    }

    private sealed class Logger(CapturingLoggerProvider owner, string category) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state)
            where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => true;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            var pairs = state as IReadOnlyList<KeyValuePair<string, object?>> ?? [];
            owner.Entries.Enqueue((category, formatter(state, exception), [.. pairs], logLevel, exception));
        }
    }
}
