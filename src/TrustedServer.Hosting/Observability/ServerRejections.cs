using System.Diagnostics;
using Microsoft.AspNetCore.Http.Features;

namespace TrustedServer.Hosting.Observability;

/// <summary>
/// Requests Kestrel refuses before any middleware runs (a request line over <c>max_url_bytes</c>: 414, headers over
/// <c>max_request_header_bytes</c>: 431, malformed requests: 400...) never reach the request log. Kestrel reports each
/// one as the <c>Microsoft.AspNetCore.Server.Kestrel.BadRequest</c> diagnostic event on the app's own
/// <see cref="DiagnosticListener"/>; this counts it in <c>ts_rejected_requests_total{status}</c> and logs one line.
/// Only the status is read: the request's bytes (which may hold anything) are never logged.
/// </summary>
internal sealed class ServerRejections(DiagnosticListener listener, TrustedServerMetrics metrics, ILoggerFactory loggerFactory)
    : IHostedService, IObserver<KeyValuePair<string, object?>>
{
    public const string EventName = "Microsoft.AspNetCore.Server.Kestrel.BadRequest";

    private readonly ILogger _logger = loggerFactory.CreateLogger(RequestLog.Category);
    private IDisposable? _subscription;

    public Task StartAsync(CancellationToken cancellationToken)
    {
        // The predicate enables this one event only: the hosting layer asks the same listener whether to start an
        // Activity per request, and must keep hearing no.
        _subscription = listener.Subscribe(this, static name => name == EventName);
        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken)
    {
        _subscription?.Dispose();
        _subscription = null;
        return Task.CompletedTask;
    }

    public void OnNext(KeyValuePair<string, object?> value)
    {
        if (value.Key != EventName)
        {
            return;
        }

        var status = (value.Value as IFeatureCollection)?.Get<IBadRequestExceptionFeature>()?.Error is BadHttpRequestException rejection
            ? rejection.StatusCode
            : StatusCodes.Status400BadRequest;
        metrics.RejectedRequests.Add(1, new KeyValuePair<string, object?>("status", StatusLabel(status)));
        if (_logger.IsEnabled(LogLevel.Information))
        {
            var reason = Reason(status);
            RequestLog.Rejected(_logger, status, reason);
        }
    }

    public void OnCompleted()
    {
    }

    public void OnError(Exception error)
    {
    }

    private static string StatusLabel(int status) => status switch
    {
        400 => "400",
        408 => "408",
        413 => "413",
        414 => "414",
        431 => "431",
        _ => status.ToString(System.Globalization.CultureInfo.InvariantCulture),
    };

    private static string Reason(int status) => status switch
    {
        StatusCodes.Status414RequestUriTooLong => "request line longer than max_url_bytes",
        StatusCodes.Status431RequestHeaderFieldsTooLarge => "request headers larger than max_request_header_bytes",
        StatusCodes.Status408RequestTimeout => "request headers not received in time",
        StatusCodes.Status413PayloadTooLarge => "request body too large",
        _ => "malformed request",
    };
}
