using System.Diagnostics;
using System.Net;
using Microsoft.Net.Http.Headers;
using TrustedServer.Core.Configuration;
using TrustedServer.Hosting.AdSlots;
using TrustedServer.Hosting.Delivery;
using TrustedServer.Hosting.Extensibility;
using TrustedServer.Hosting.Observability;
using TrustedServer.Hosting.Publisher;
using Yarp.ReverseProxy.Forwarder;

namespace TrustedServer.Hosting.Proxy;

/// <summary>The fallback route: forwards every request no other route claims to the publisher's origin.</summary>
internal sealed class PublisherForwarder : IDisposable
{
    private readonly IHttpForwarder _forwarder;
    private readonly PublisherTransformer _transformer;
    private readonly ILogger<PublisherForwarder> _logger;
    private readonly HttpMessageInvoker _invoker;
    private readonly ForwarderRequestConfig _config;
    private readonly string _destination;
    private readonly TimeSpan? _firstByteTimeout;
    private readonly TimeSpan _headersTimeout;
    private readonly ProxyLoopGuard _loopGuard;
    private readonly PageAuctions? _pageAuctions;
    private readonly PublisherBodyTransformFactory? _publisherTransforms;

    public PublisherForwarder(TrustedServerOptions options, IHttpForwarder forwarder, PublisherTransformer transformer, ProxyLoopGuard loopGuard, ILogger<PublisherForwarder> logger, IBodyTransformFactory transforms, PageAuctions? pageAuctions = null)
    {
        ArgumentNullException.ThrowIfNull(options);

        // Page auctions write into the publisher's own HTML transform; another registered factory has none.
        _publisherTransforms = transforms as PublisherBodyTransformFactory;
        _pageAuctions = _publisherTransforms is null ? null : pageAuctions;
        _forwarder = forwarder;
        _transformer = transformer;
        _loopGuard = loopGuard;
        _logger = logger;
        var publisher = options.Publisher;
        _destination = publisher.OriginUrl.GetLeftPart(UriPartial.Authority);
        _invoker = new HttpMessageInvoker(new SocketsHttpHandler
        {
            UseProxy = false,
            AllowAutoRedirect = false,
            AutomaticDecompression = DecompressionMethods.None,
            UseCookies = false,
            EnableMultipleHttp2Connections = true,
            ConnectTimeout = publisher.ConnectTimeout,

            // A bound on sockets to the origin: past it requests wait for a free connection instead of opening more, so
            // a flood (or a loop back to this instance) cannot take every file descriptor of the machine.
            MaxConnectionsPerServer = publisher.MaxOriginConnections,
            PooledConnectionLifetime = TimeSpan.FromMinutes(2),
            ActivityHeadersPropagator = new ReverseProxyPropagator(DistributedContextPropagator.Current),
        });

        // YARP's activity timeout is its idle watchdog, which bounds each PassThrough body read; the wait for headers
        // is bounded exactly by the first-byte timer, so the watchdog must not be the shorter of the two.
        var idle = publisher.BetweenBytesTimeout > publisher.FirstByteTimeout ? publisher.BetweenBytesTimeout : publisher.FirstByteTimeout;

        // When the watchdog is the first-byte timeout itself (the default: both 15 s), it bounds the wait for headers
        // exactly, and YARP answers its expiry with 504; a timer of our own is needed only when it is the shorter one.
        _firstByteTimeout = publisher.FirstByteTimeout < idle ? publisher.FirstByteTimeout : null;
        _headersTimeout = publisher.FirstByteTimeout;
        // HTTP/1.1 upstream: once the headers are in, the connection no longer listens to the request token, so the
        // watchdog, which only YARP's own copy loop resets, cannot cut a body we stream or buffer ourselves.
        _config = new ForwarderRequestConfig
        {
            ActivityTimeout = idle,
            Version = HttpVersion.Version11,
            VersionPolicy = HttpVersionPolicy.RequestVersionOrLower,
        };
    }

    public async Task ForwardAsync(HttpContext context)
    {
        if (_loopGuard.HasLooped(context.Request))
        {
            ProxyLoopLog.LoopDetected(_logger, context.TraceIdentifier);
            RequestDiagnostics.OnForwardFailure(context, "loop_detected", committed: false, "the request already carries this instance's Via token");
            await ProxyLoopGuard.WriteLoopDetectedAsync(context);
            return;
        }

        // The page auction starts now, beside the origin fetch; the page waits for it only at its </body>.
        if (_pageAuctions?.TryStart(context) is { } auction)
        {
            context.Response.RegisterForDispose(auction);
            var pageTransforms = new PageAuctionTransformFactory(_publisherTransforms!, auction);
            context.Features.Set<IBodyTransformFactory>(pageTransforms);

            // A page that carries this visitor's bids must never be stored by a shared cache or reused by the browser.
            context.Response.OnStarting(static state =>
            {
                var (response, transforms) = ((HttpResponse, PageAuctionTransformFactory))state;
                if (transforms.Inserts is not null)
                {
                    response.Headers.CacheControl = "private, no-store";
                }

                return Task.CompletedTask;
            }, (context.Response, pageTransforms));
        }

        // The timer runs from the start of the request; an upload of any length must not count against it, so
        // requests with a body rely on YARP's idle watchdog alone, which their upload progress resets.
        var hasBody = context.Request.ContentLength > 0 || context.Request.Headers.ContainsKey(HeaderNames.TransferEncoding);
        using var firstByte = hasBody || _firstByteTimeout is not { } timeout ? null : new FirstByteTimer(timeout);
        if (firstByte is not null)
        {
            context.Features.Set(firstByte);
        }

        var error = await _forwarder.SendAsync(context, _destination, _invoker, _config, _transformer, firstByte?.Token ?? CancellationToken.None);
        if (error == ForwarderError.None)
        {
            return;
        }

        var status = firstByte is { Fired: true } && !context.RequestAborted.IsCancellationRequested && !context.Response.HasStarted
            ? StatusCodes.Status504GatewayTimeout
            : context.Response.StatusCode;
        var exception = context.GetForwarderErrorFeature()?.Exception;
        var failure = ForwardFailure.Classify(context, error, status, _headersTimeout, exception);
        RequestDiagnostics.OnForwardFailure(context, failure.Reason, failure.Committed, failure.Cause);
        if (failure.ClientGone)
        {
            ProxyLog.ClientGone(_logger, context.TraceIdentifier);
        }
        else
        {
            // An upstream failure is expected in a proxy's life: one line says it, the stack trace waits at debug.
            ProxyLog.ForwardFailed(_logger, context.TraceIdentifier, RequestDiagnostics.Describe(failure.Reason, failure.Committed), failure.Cause, status);
            if (exception is not null)
            {
                ProxyLog.FailureDetail(_logger, context.TraceIdentifier, exception);
            }
        }

        if (context.RequestAborted.IsCancellationRequested || context.Response.HasStarted)
        {
            return;
        }

        // Client-side failures keep YARP's status (400, 408); origin-side ones get our page.
        if (status is StatusCodes.Status502BadGateway or StatusCodes.Status504GatewayTimeout)
        {
            await ErrorPages.WriteAsync(context, status);
        }
    }

    public void Dispose() => _invoker.Dispose();
}
