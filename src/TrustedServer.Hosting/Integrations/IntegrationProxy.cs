using System.Net;
using Microsoft.Net.Http.Headers;
using TrustedServer.Core.Configuration;
using TrustedServer.Core.Delivery;
using TrustedServer.Core.Ssrf;
using TrustedServer.Hosting.Delivery;
using TrustedServer.Hosting.FirstParty;
using TrustedServer.Hosting.Proxy;

namespace TrustedServer.Hosting.Integrations;

/// <summary>
/// The one proxy path of every integration route: the first-party proxy's guarded HTTP client (over the same
/// <see cref="FirstPartyNetwork"/>), the publisher's timeouts, and the shared delivery modes. The upstream comes from
/// trusted operator configuration, so no domain allow-list applies ("open mode"); redirects are returned, not followed.
/// Beacon bodies are capped.
/// </summary>
public sealed class IntegrationProxy : IDisposable
{
    private readonly TrustedServerOptions _options;
    private readonly ResponseDelivery _delivery;
    private readonly ILogger<IntegrationProxy> _logger;
    private readonly HttpMessageInvoker _client;

    internal IntegrationProxy(TrustedServerOptions options, ResponseDelivery delivery, FirstPartyNetwork network, ILogger<IntegrationProxy> logger)
    {
        _options = options;
        _delivery = delivery;
        _logger = logger;
        var policy = new ProxyTargetPolicy { AllowPrivateTargets = true };
        _client = new HttpMessageInvoker(GuardedHttpHandlerFactory.Create(policy, network.Connector, network.Resolver, options.Publisher.ConnectTimeout));
    }

    /// <summary>Proxies the current request as <paramref name="spec"/> says and writes the answer.</summary>
    public async Task ProxyAsync(HttpContext context, IntegrationProxyRequest spec)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(spec);
        byte[]? body = null;
        if (spec.ForwardBody && !HttpMethods.IsGet(context.Request.Method) && !HttpMethods.IsHead(context.Request.Method))
        {
            body = await BeaconBody.ReadAsync(context, spec.MaxBodyBytes);
            if (body is null)
            {
                return;
            }
        }

        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(context.RequestAborted);
        timeout.CancelAfter(_options.Publisher.FirstByteTimeout);
        HttpResponseMessage upstream;
        try
        {
            using var request = CreateRequest(context.Request, spec, body);
            upstream = await _client.SendAsync(request, timeout.Token);
        }
        catch (Exception ex) when (ex is HttpRequestException or OperationCanceledException && !context.RequestAborted.IsCancellationRequested)
        {
            var timedOut = ex is OperationCanceledException;
            IntegrationLog.UpstreamFailed(_logger, spec.IntegrationId, timedOut ? "timeout" : ex.InnerException?.GetType().Name ?? ex.GetType().Name);
            await PlainText.WriteAsync(
                context,
                timedOut ? StatusCodes.Status504GatewayTimeout : StatusCodes.Status502BadGateway,
                timedOut ? "upstream timeout" : "upstream failure");
            return;
        }

        using (upstream)
        {
            await DeliverAsync(context, upstream, spec);
        }
    }

    /// <summary>
    /// Fetches <paramref name="target"/> whole (decoded, at most <paramref name="maxBytes"/>) for an integration that
    /// must check or keep it; on failure writes the 502/504 answer and returns null.
    /// </summary>
    public async Task<byte[]?> FetchAsync(HttpContext context, string integrationId, Uri target, int maxBytes)
    {
        ArgumentNullException.ThrowIfNull(context);
        try
        {
            return (await DownloadAsync(target, maxBytes, context.RequestAborted)).Body;
        }
        catch (Exception ex) when (ex is HttpRequestException or OperationCanceledException or IOException && !context.RequestAborted.IsCancellationRequested)
        {
            var timedOut = ex is OperationCanceledException;
            IntegrationLog.UpstreamFailed(_logger, integrationId, timedOut ? "timeout" : ex.Message);
            await PlainText.WriteAsync(
                context,
                timedOut ? StatusCodes.Status504GatewayTimeout : StatusCodes.Status502BadGateway,
                timedOut ? "upstream timeout" : "upstream failure");
            return null;
        }
    }

    /// <summary>
    /// Fetches <paramref name="target"/> whole (decoded, at most <paramref name="maxBytes"/>) on behalf of many
    /// visitors at once (a shared cache fill), so it answers no request itself: any failure (a non-2xx status, a body
    /// over the cap, a timeout) is logged and returns null.
    /// </summary>
    public async Task<SharedFetch?> FetchSharedAsync(string integrationId, Uri target, int maxBytes, CancellationToken cancellationToken)
    {
        try
        {
            return await DownloadAsync(target, maxBytes, cancellationToken);
        }
        catch (Exception ex) when (ex is HttpRequestException or OperationCanceledException or IOException && !cancellationToken.IsCancellationRequested)
        {
            IntegrationLog.UpstreamFailed(_logger, integrationId, ex is OperationCanceledException ? "timeout" : ex.Message);
            return null;
        }
    }

    /// <summary>GETs <paramref name="target"/> whole within the origin timeouts; a non-2xx status or a body over
    /// <paramref name="maxBytes"/> throws <see cref="HttpRequestException"/>.</summary>
    private async Task<SharedFetch> DownloadAsync(Uri target, int maxBytes, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(target);
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(_options.Publisher.FirstByteTimeout + _options.Publisher.BetweenBytesTimeout);
        using var request = new HttpRequestMessage(HttpMethod.Get, target) { Version = HttpVersion.Version11, VersionPolicy = HttpVersionPolicy.RequestVersionOrLower };
        request.Headers.TryAddWithoutValidation(HeaderNames.AcceptEncoding, "identity");
        using var response = await _client.SendAsync(request, timeout.Token);
        if (!response.IsSuccessStatusCode)
        {
            throw new HttpRequestException($"status {(int)response.StatusCode}");
        }

        if (response.Content.Headers.ContentLength > maxBytes)
        {
            throw new HttpRequestException("larger than the cap");
        }

        await using var body = await response.Content.ReadAsStreamAsync(timeout.Token);
        using var buffer = new MemoryStream();
        var chunk = new byte[16 * 1024];
        int read;
        while ((read = await body.ReadAsync(chunk, timeout.Token)) > 0)
        {
            if (buffer.Length + read > maxBytes)
            {
                throw new HttpRequestException("larger than the cap");
            }

            buffer.Write(chunk, 0, read);
        }

        return new SharedFetch(buffer.ToArray(), response.Content.Headers.ContentType?.ToString());
    }

    /// <inheritdoc />
    public void Dispose() => _client.Dispose();

    private static HttpRequestMessage CreateRequest(HttpRequest incoming, IntegrationProxyRequest spec, byte[]? body)
    {
        // HTTP/3 would bypass the guarded ConnectCallback, so never ask for more than HTTP/1.1 here.
        var request = new HttpRequestMessage(new HttpMethod(incoming.Method), spec.Target)
        {
            Version = HttpVersion.Version11,
            VersionPolicy = HttpVersionPolicy.RequestVersionOrLower,
        };
        foreach (var name in spec.ForwardedHeaders)
        {
            if (incoming.Headers.TryGetValue(name, out var value))
            {
                request.Headers.TryAddWithoutValidation(name, (IEnumerable<string>)value);
            }
        }

        foreach (var (name, value) in spec.UpstreamHeaders)
        {
            request.Headers.Remove(name);
            request.Headers.TryAddWithoutValidation(name, value);
        }

        if (spec.ForwardCookie is { } forward && VendorCookies(incoming, forward) is { } cookies)
        {
            request.Headers.TryAddWithoutValidation(HeaderNames.Cookie, cookies);
        }

        if (!spec.ForwardClientAcceptEncoding)
        {
            request.Headers.TryAddWithoutValidation(HeaderNames.AcceptEncoding, "gzip, deflate, br");
        }
        else if (incoming.Headers.TryGetValue(HeaderNames.AcceptEncoding, out var encodings))
        {
            request.Headers.TryAddWithoutValidation(HeaderNames.AcceptEncoding, (IEnumerable<string>)encodings);
        }

        if (body is not null)
        {
            request.Content = new ByteArrayContent(body);
            if (incoming.ContentType is { } type)
            {
                request.Content.Headers.TryAddWithoutValidation(HeaderNames.ContentType, type);
            }
        }

        return request;
    }

    /// <summary>The request's cookies <paramref name="forward"/> accepts by name, as one <c>Cookie</c> value, or null.</summary>
    private static string? VendorCookies(HttpRequest incoming, Func<string, bool> forward)
    {
        // The raw pairs, not the parsed collection: the vendor gets its values byte for byte, undecoded.
        var kept = new List<string>();
        foreach (var header in incoming.Headers.Cookie)
        {
            foreach (var part in (header ?? string.Empty).Split(';', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries))
            {
                var equals = part.IndexOf('=', StringComparison.Ordinal);
                if (equals > 0 && forward(part[..equals].Trim()))
                {
                    kept.Add(part);
                }
            }
        }

        return kept.Count == 0 ? null : string.Join("; ", kept);
    }

    private async Task DeliverAsync(HttpContext context, HttpResponseMessage upstream, IntegrationProxyRequest spec)
    {
        var response = context.Response;
        response.StatusCode = (int)upstream.StatusCode;
        UpstreamResponse.CopyHeaders(upstream.Headers, response, dropCors: false);
        UpstreamResponse.CopyHeaders(upstream.Content.Headers, response, dropCors: false);
        if (spec.CacheControl is { } cache && response.StatusCode is >= 200 and < 300)
        {
            response.Headers.CacheControl = cache;
        }

        if (spec.DefaultCacheControl is { } fallback && response.StatusCode is >= 200 and < 300
            && !upstream.Headers.Contains(HeaderNames.CacheControl) && !upstream.Content.Headers.Contains(HeaderNames.Expires))
        {
            response.Headers.CacheControl = fallback;
        }

        foreach (var (name, value) in spec.ResponseHeaders)
        {
            response.Headers[name] = value;
        }

        var content = upstream.Content;
        var decision = UpstreamResponse.Decide(context, content);
        if (decision.Bodiless)
        {
            ResponseDelivery.FrameBodiless(response);
            return;
        }

        using var source = new IdleTimeoutStream(
            await content.ReadAsStreamAsync(context.RequestAborted), _options.Publisher.BetweenBytesTimeout, context.RequestAborted);
        if (spec.Transform is null || decision.Mode == DeliveryMode.PassThrough)
        {
            await _delivery.PassThroughAsync(context, source);
            return;
        }

        var request = VisitorRequest.For(context, _options.Proxy);
        if (decision.Mode == DeliveryMode.Stream)
        {
            await _delivery.StreamAsync(context, source, decision, request, spec.Transform);
        }
        else
        {
            await _delivery.BufferedAsync(context, source, decision, request, spec.Transform);
        }
    }
}
