using System.Diagnostics;
using Microsoft.AspNetCore.Http.Features;
using TrustedServer.Hosting.Auction;

namespace TrustedServer.Hosting.Observability;

/// <summary>
/// Outermost middleware: settles the request id, gives each request its <see cref="RequestDiagnostics"/>, counts the
/// body bytes sent to the client, and when the request ends writes the request log line and the
/// <c>ts_requests</c>/<c>ts_client_bytes</c> metrics.
/// </summary>
internal sealed class RequestTelemetryMiddleware(RequestDelegate next, ILoggerFactory loggerFactory, IEnumerable<IRequestObserver> observers, TrustedServerMetrics metrics)
{
    private readonly ILogger _logger = loggerFactory.CreateLogger(RequestLog.Category);
    private readonly IRequestObserver[] _observers = [.. observers];

    public async Task InvokeAsync(HttpContext context)
    {
        var start = Stopwatch.GetTimestamp();

        // Every later log line, the origin request and the response carry this id.
        context.TraceIdentifier = RequestId.For(context.Request);

        // Taken on every request, so a line recorded for one request never carries over to the next on the connection.
        if (Proxy.ConnectionFieldCapture.Take() is { } connection)
        {
            context.Features.Set(new Proxy.ConnectionField(connection));
        }

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
        WriteLine(context, diagnostics, status, mode, bytesOut, duration);

        foreach (var observer in _observers)
        {
            observer.Completed(context, diagnostics, bytesOut, duration);
        }
    }

    private void WriteLine(HttpContext context, RequestDiagnostics diagnostics, int status, string mode, long bytesOut, TimeSpan duration)
    {
        if (_logger.IsEnabled(LogLevel.Information))
        {
            var method = context.Request.Method;
            var path = context.Request.Path.Value ?? "/";
            var outcome = diagnostics.Outcome
                ?? (context.RequestAborted.IsCancellationRequested ? RequestDiagnostics.ClientGoneOutcome : RequestDiagnostics.OkOutcome);
            var durationMs = Math.Round(duration.TotalMilliseconds, 2);
            var id = context.TraceIdentifier;
            if (context.Features.Get<AuctionLogEntry>() is { } auction)
            {
                if (auction.Ran)
                {
                    var providers = auction.Providers();
                    var winners = auction.Winners();
                    RequestLog.Auction(_logger, method, path, status, outcome, bytesOut, durationMs, auction.Outcome, auction.TimeMs, providers, auction.Bids, winners, auction.AuctionId, id);
                }
                else
                {
                    RequestLog.AuctionNotRun(_logger, method, path, status, outcome, bytesOut, durationMs, auction.Outcome, auction.AuctionId, id);
                }
            }
            else if (diagnostics.OriginTimeToFirstByte is { } ttfb)
            {
                var ttfbMs = Math.Round(ttfb.TotalMilliseconds, 2);
                RequestLog.Proxied(_logger, method, path, status, outcome, mode, bytesOut, durationMs, ttfbMs, id);
            }
            else
            {
                RequestLog.Answered(_logger, method, path, status, outcome, bytesOut, durationMs, id);
            }
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
