using System.Net;
using Microsoft.Net.Http.Headers;
using TrustedServer.Core.Configuration;
using TrustedServer.Core.Delivery;
using TrustedServer.Core.Rewriting.Creative;
using TrustedServer.Core.SignedUrls;
using TrustedServer.Core.Ssrf;
using TrustedServer.Hosting.Delivery;
using TrustedServer.Hosting.Proxy;

namespace TrustedServer.Hosting.FirstParty;

/// <summary>
/// <c>GET /first-party/proxy</c>: verifies the signed URL, fetches the target through the guarded handler (every
/// resolved address checked before connecting), follows at most <see cref="RedirectPolicy.MaxRedirects"/> redirects
/// with each hop re-checked, and delivers the body in the publisher proxy's delivery modes with the creative rules.
/// </summary>
internal sealed class FirstPartyProxy : IDisposable
{
    private static readonly string[] ForwardedRequestHeaders = [HeaderNames.UserAgent, HeaderNames.Accept, HeaderNames.AcceptLanguage, HeaderNames.Referer];

    private readonly TrustedServerOptions _options;
    private readonly FirstPartySigning _signing;
    private readonly EcQueryGate _ec;
    private readonly ResponseDelivery _delivery;
    private readonly ILogger<FirstPartyProxy> _logger;
    private readonly HttpMessageInvoker _client;

    public FirstPartyProxy(
        TrustedServerOptions options, FirstPartySigning signing, EcQueryGate ec, ResponseDelivery delivery, FirstPartyNetwork network, ILogger<FirstPartyProxy> logger)
    {
        _options = options;
        _signing = signing;
        _ec = ec;
        _delivery = delivery;
        _logger = logger;
        _client = new HttpMessageInvoker(
            GuardedHttpHandlerFactory.Create(signing.Policy, network.Connector, network.Resolver, options.Publisher.ConnectTimeout));
    }

    /// <summary>Verifies a signed request; on failure writes the answer and returns null.</summary>
    public async Task<Uri?> VerifyAsync(HttpContext context, string route)
    {
        if (_signing.Signer is not { } signer)
        {
            await PlainText.WriteAsync(context, StatusCodes.Status503ServiceUnavailable, "first-party proxy not configured");
            return null;
        }

        var verification = signer.Verify(context.Request.QueryString.Value);
        if (!verification.IsValid)
        {
            FirstPartyLog.Refused(_logger, route, verification.Reason);
            await PlainText.WriteAsync(context, verification.HttpStatusCode, verification.Reason);
            return null;
        }

        var target = verification.Target!;
        return _ec.EcFor(context) is { } ec ? FirstPartyUrlSigner.UpsertQueryPair(target, EcQueryGate.CookieName, ec) : target;
    }

    public async Task ProxyAsync(HttpContext context)
    {
        var target = await VerifyAsync(context, "proxy");
        if (target is null)
        {
            return;
        }

        var refusal = _signing.Policy.Check(target);
        if (refusal != TargetRefusal.None)
        {
            await RefuseAsync(context, refusal);
            return;
        }

        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(context.RequestAborted);
        timeout.CancelAfter(_options.Publisher.FirstByteTimeout);
        var method = HttpMethod.Get;
        HttpResponseMessage? upstream = null;
        try
        {
            for (var redirects = 0; ; redirects++)
            {
                using var request = CreateRequest(context.Request, method, target);
                upstream = await _client.SendAsync(request, timeout.Token);
                if (!RedirectPolicy.IsRedirect((int)upstream.StatusCode))
                {
                    break;
                }

                var location = upstream.Headers.Location?.OriginalString;
                refusal = RedirectPolicy.TryNextHop(_signing.Policy, target, (int)upstream.StatusCode, location, redirects, method, out var next, out method);
                upstream.Dispose();
                upstream = null;
                if (refusal != TargetRefusal.None)
                {
                    await RefuseAsync(context, refusal);
                    return;
                }

                target = next!;
            }
        }
        catch (HttpRequestException ex) when (ex.InnerException is SsrfBlockedException)
        {
            upstream?.Dispose();
            await RefuseAsync(context, TargetRefusal.PrivateAddress);
            return;
        }
        catch (Exception ex) when (ex is HttpRequestException or OperationCanceledException && !context.RequestAborted.IsCancellationRequested)
        {
            upstream?.Dispose();
            var timedOut = ex is OperationCanceledException;
            FirstPartyLog.FetchFailed(_logger, target.IdnHost, timedOut ? "timeout" : ex.GetType().Name);
            await PlainText.WriteAsync(
                context,
                timedOut ? StatusCodes.Status504GatewayTimeout : StatusCodes.Status502BadGateway,
                timedOut ? "upstream timeout" : "upstream failure");
            return;
        }

        using (upstream)
        {
            await DeliverAsync(context, upstream!);
        }
    }

    public void Dispose() => _client.Dispose();

    private static HttpRequestMessage CreateRequest(HttpRequest incoming, HttpMethod method, Uri target)
    {
        // HTTP/3 would bypass the guarded ConnectCallback, so never ask for more than HTTP/1.1 here.
        var request = new HttpRequestMessage(method, target)
        {
            Version = HttpVersion.Version11,
            VersionPolicy = HttpVersionPolicy.RequestVersionOrLower,
        };
        foreach (var name in ForwardedRequestHeaders)
        {
            if (incoming.Headers.TryGetValue(name, out var value))
            {
                request.Headers.TryAddWithoutValidation(name, (IEnumerable<string>)value);
            }
        }

        request.Headers.TryAddWithoutValidation(HeaderNames.AcceptEncoding, "gzip, deflate, br");
        return request;
    }

    private async Task DeliverAsync(HttpContext context, HttpResponseMessage upstream)
    {
        var response = context.Response;
        response.StatusCode = (int)upstream.StatusCode;
        UpstreamResponse.CopyHeaders(upstream.Headers, response, dropCors: true);
        UpstreamResponse.CopyHeaders(upstream.Content.Headers, response, dropCors: true);
        var content = upstream.Content;
        var decision = UpstreamResponse.Decide(context, content);
        if (decision.Bodiless)
        {
            ResponseDelivery.FrameBodiless(response);
            return;
        }

        // Signed URLs inside a creative are root-relative: they resolve against the publisher's own origin.
        var rewriter = new CreativeUrlRewriter(_signing.Signer!, _signing.ExcludedDomains);
        var factory = new FirstPartyTransformFactory(rewriter);
        var request = VisitorRequest.For(context, _options.Proxy);
        using var source = new IdleTimeoutStream(
            await content.ReadAsStreamAsync(context.RequestAborted), _options.Publisher.BetweenBytesTimeout, context.RequestAborted);
        switch (decision.Mode)
        {
            case DeliveryMode.PassThrough:
                await _delivery.PassThroughAsync(context, source);
                break;
            case DeliveryMode.Stream:
                await _delivery.StreamAsync(context, source, decision, request, factory);
                break;
            default:
                await _delivery.BufferedAsync(context, source, decision, request, factory);
                break;
        }
    }

    private async Task RefuseAsync(HttpContext context, TargetRefusal refusal)
    {
        FirstPartyLog.TargetRefused(_logger, refusal);
        var status = refusal == TargetRefusal.BadRedirect ? StatusCodes.Status502BadGateway : StatusCodes.Status403Forbidden;
        await PlainText.WriteAsync(context, status, refusal == TargetRefusal.BadRedirect ? "bad upstream redirect" : "target not allowed");
    }
}
