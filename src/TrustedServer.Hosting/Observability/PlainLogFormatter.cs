using System.Globalization;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Logging.Console;
using Microsoft.Extensions.Options;

namespace TrustedServer.Hosting.Observability;

/// <summary>
/// The <c>plain</c> console format: <c>TIMESTAMP LEVEL CATEGORY: MESSAGE</c>, one line per event. Unlike the simple
/// console formatter it prints no event id, which in <c>TrustedServer.Requests[200] GET / 404</c> reads like a status;
/// the timestamp carries the date and the zone. An exception (only unexpected failures log one above debug) follows
/// on indented lines.
/// </summary>
internal sealed class PlainLogFormatter : ConsoleFormatter, IDisposable
{
    public const string FormatterName = "ts-plain";

    private readonly IDisposable? _reload;
    private ConsoleFormatterOptions _options;

    public PlainLogFormatter(IOptionsMonitor<ConsoleFormatterOptions> options)
        : base(FormatterName)
    {
        _options = options.CurrentValue;
        _reload = options.OnChange(changed => _options = changed);
    }

    public override void Write<TState>(in LogEntry<TState> logEntry, IExternalScopeProvider? scopeProvider, TextWriter textWriter)
    {
        var message = logEntry.Formatter(logEntry.State, logEntry.Exception);
        if (string.IsNullOrEmpty(message) && logEntry.Exception is null)
        {
            return;
        }

        var options = _options;
        if (options.TimestampFormat is { Length: > 0 } format)
        {
            var now = options.UseUtcTimestamp ? DateTimeOffset.UtcNow : DateTimeOffset.Now;
            textWriter.Write(now.ToString(format, CultureInfo.InvariantCulture));
            textWriter.Write(' ');
        }

        textWriter.Write(LevelName(logEntry.LogLevel));
        textWriter.Write(' ');
        textWriter.Write(logEntry.Category);
        textWriter.Write(": ");
        WriteOneLine(textWriter, message);
        textWriter.Write(Environment.NewLine);
        if (logEntry.Exception is { } exception)
        {
            foreach (var line in exception.ToString().Split('\n'))
            {
                textWriter.Write("    ");
                textWriter.Write(line.TrimEnd('\r'));
                textWriter.Write(Environment.NewLine);
            }
        }
    }

    public void Dispose() => _reload?.Dispose();

    /// <summary>A message is one line: a line break inside it (an exception's message) would start a fake event.</summary>
    private static void WriteOneLine(TextWriter writer, string? message)
    {
        if (string.IsNullOrEmpty(message))
        {
            return;
        }

        if (message.AsSpan().IndexOfAny('\r', '\n') < 0)
        {
            writer.Write(message);
            return;
        }

        writer.Write(message.ReplaceLineEndings(" "));
    }

    private static string LevelName(LogLevel level) => level switch
    {
        LogLevel.Trace => "trce",
        LogLevel.Debug => "dbug",
        LogLevel.Information => "info",
        LogLevel.Warning => "warn",
        LogLevel.Error => "fail",
        LogLevel.Critical => "crit",
        _ => "none",
    };
}
