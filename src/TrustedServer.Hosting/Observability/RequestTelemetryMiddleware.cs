using System.Diagnostics;
using Microsoft.AspNetCore.Http.Features;

namespace TrustedServer.Hosting.Observability;

/// <summary>
/// Outermost middleware: gives each request its <see cref="RequestDiagnostics"/>, counts the body bytes sent to the
/// client, and when the request ends writes the request log line and the <c>ts_requests</c>/<c>ts_client_bytes</c>
/// metrics.
/// </summary>
internal sealed class RequestTelemetryMiddleware(RequestDelegate next, ILoggerFactory loggerFactory, IEnumerable<IRequestObserver> observers, TrustedServerMetrics metrics)
{
    private readonly ILogger _logger = loggerFactory.CreateLogger(RequestLog.Category);
    private readonly IRequestObserver[] _observers = [.. observers];

    public async Task InvokeAsync(HttpContext context)
    {
        var start = Stopwatch.GetTimestamp();
        metrics.RequestsInFlight.Add(1);
        var diagnostics = new RequestDiagnostics(start, _observers.Length > 0, metrics);
        context.Features.Set(diagnostics);
        if (diagnostics.WantsDetails)
        {
            // Only the details explain reads come through the async flow; setting it costs an allocation per request.
            RequestDiagnostics.Current = diagnostics;
        }

        var original = context.Features.Get<IHttpResponseBodyFeature>()!;
        var sent = new ByteCounter();
        var counting = new StreamResponseBodyFeature(new CountingStream(original.Stream, sent, leaveOpen: true), original);
        context.Features.Set<IHttpResponseBodyFeature>(counting);
        try
        {
            await next(context);
            await counting.CompleteAsync();
        }
        catch (Exception) when (context.RequestAborted.IsCancellationRequested)
        {
            // The client is gone; nothing is left to flush and the log line below still records the request.
        }
        finally
        {
            metrics.RequestsInFlight.Add(-1);
            context.Features.Set(original);
            if (diagnostics.WantsDetails)
            {
                RequestDiagnostics.Current = null;
            }
            diagnostics.Finish();
            Complete(context, diagnostics, sent.Count, Stopwatch.GetElapsedTime(start));
        }
    }

    private void Complete(HttpContext context, RequestDiagnostics diagnostics, long bytesOut, TimeSpan duration)
    {
        var status = context.Response.StatusCode;
        var mode = RequestDiagnostics.ModeName(diagnostics.Decision);
        metrics.Requests.Add(
            1,
            new KeyValuePair<string, object?>("mode", mode),
            new KeyValuePair<string, object?>("status_class", StatusClass(status)));
        metrics.ClientBytes.Add(bytesOut);
        metrics.OriginBytes.Add(diagnostics.OriginBytes);
        if (_logger.IsEnabled(LogLevel.Information))
        {
            var durationMs = Math.Round(duration.TotalMilliseconds, 2);
            double? ttfbMs = diagnostics.OriginTimeToFirstByte is { } ttfb ? Math.Round(ttfb.TotalMilliseconds, 2) : null;
            RequestLog.Completed(
                _logger,
                context.Request.Method,
                context.Request.Path.Value ?? "/",
                status,
                mode,
                bytesOut,
                durationMs,
                ttfbMs,
                context.TraceIdentifier);
        }

        foreach (var observer in _observers)
        {
            observer.Completed(context, diagnostics, bytesOut, duration);
        }
    }

    private static string StatusClass(int status) => status switch
    {
        < 200 => "1xx",
        < 300 => "2xx",
        < 400 => "3xx",
        < 500 => "4xx",
        _ => "5xx",
    };
}
