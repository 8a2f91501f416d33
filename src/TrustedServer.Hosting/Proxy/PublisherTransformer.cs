using Microsoft.Net.Http.Headers;
using TrustedServer.Core.Configuration;
using TrustedServer.Core.Delivery;
using TrustedServer.Core.Rewriting.Urls;
using TrustedServer.Hosting.Delivery;
using TrustedServer.Hosting.Extensibility;
using TrustedServer.Hosting.Observability;
using Yarp.ReverseProxy.Forwarder;

namespace TrustedServer.Hosting.Proxy;

/// <summary>
/// Our YARP transformer: request-side header rules, then, once the origin's headers arrive, the delivery decision
/// and the body handling of its mode. Returning true lets YARP copy the body untouched (PassThrough).
/// </summary>
internal sealed class PublisherTransformer(
    TrustedServerOptions options,
    ResponseDelivery delivery,
    IResponseHeaderRewriter headerRewriter,
    TrustedServerMetrics metrics,
    ProxyLoopGuard loopGuard,
    ILogger<PublisherTransformer> logger) : HttpTransformer
{
    private readonly string? _hostOverride = string.IsNullOrEmpty(options.Publisher.OriginHostHeader) ? null : options.Publisher.OriginHostHeader;

    public override async ValueTask TransformRequestAsync(HttpContext httpContext, HttpRequestMessage proxyRequest, string destinationPrefix, CancellationToken cancellationToken)
    {
        await base.TransformRequestAsync(httpContext, proxyRequest, destinationPrefix, cancellationToken);
        RequestHeaderRules.Apply(httpContext, proxyRequest, options, _hostOverride);
        loopGuard.AddVia(httpContext.Request, proxyRequest);
    }

    public override async ValueTask<bool> TransformResponseAsync(HttpContext httpContext, HttpResponseMessage? proxyResponse, CancellationToken cancellationToken)
    {
        var copy = await base.TransformResponseAsync(httpContext, proxyResponse, cancellationToken);
        if (proxyResponse is null)
        {
            return copy;
        }

        httpContext.Features.Get<FirstByteTimer>()?.Disarm();
        RequestDiagnostics.OnOriginResponse(httpContext, proxyResponse);

        var response = httpContext.Response;
        RemoveConnectionListed(proxyResponse, response);
        var content = proxyResponse.Content;
        var contentEncoding = RawValue(content.Headers, HeaderNames.ContentEncoding);
        var decision = DeliveryPolicy.Decide(new DeliveryRequest(
            httpContext.Request.Method,
            response.StatusCode,
            RawValue(content.Headers, HeaderNames.ContentType),
            contentEncoding,
            delivery.HasHtmlPostProcessors,
            delivery.RewritesFlight));
        ProxyLog.DeliveryChosen(logger, decision.Mode, response.StatusCode, decision.Kind, decision.Reason);
        if (decision.Warning)
        {
            ProxyLog.UnprocessableBody(logger, decision.Kind, decision.Reason, contentEncoding ?? string.Empty);
        }

        metrics.RecordResponse(decision.Mode);
        RequestDiagnostics.OnDecision(httpContext, decision);
        var request = VisitorRequest.For(httpContext, options.Proxy);
        headerRewriter.Rewrite(response, decision, request);

        if (decision.Bodiless)
        {
            ResponseDelivery.FrameBodiless(response);
            if (HttpMethods.IsHead(httpContext.Request.Method) && WouldRewrite(response.StatusCode, content, contentEncoding))
            {
                // A HEAD answers with the headers its GET would carry, and GET rewrites this body: the origin's length
                // and strong validator describe bytes we would not send.
                ResponseDelivery.MarkRewritten(response);
            }
            else if (response.StatusCode == StatusCodes.Status304NotModified)
            {
                KeepClientsWeakValidator(httpContext.Request, response);
            }

            return false;
        }

        if (decision.Mode == DeliveryMode.PassThrough)
        {
            if (content.Headers.ContentLength is not > 0)
            {
                // YARP's copier keeps what a body of unknown length may need: a flush per read for streams, trailers.
                RequestDiagnostics.CountPassThroughBody(httpContext, proxyResponse);
                return true;
            }

            // A body of known length is copied with reads of up to 256 KiB and no zero-byte read before each: YARP's
            // 64 KiB reads, each after a zero-byte one, cost about five times the system calls on a large body.
            using var body = new IdleTimeoutStream(
                RequestDiagnostics.CountOriginBody(httpContext, await content.ReadAsStreamAsync(httpContext.RequestAborted)),
                options.Publisher.BetweenBytesTimeout,
                httpContext.RequestAborted);
            await delivery.PassThroughAsync(httpContext, body);
            return false;
        }

        // Our own reads are bounded by the between-bytes timeout and the client's lifetime, not by YARP's activity token.
        using var source = new IdleTimeoutStream(
            RequestDiagnostics.CountOriginBody(httpContext, await content.ReadAsStreamAsync(httpContext.RequestAborted)),
            options.Publisher.BetweenBytesTimeout,
            httpContext.RequestAborted);
        if (decision.Mode == DeliveryMode.Stream)
        {
            await delivery.StreamAsync(httpContext, source, decision, request, httpContext.Features.Get<IBodyTransformFactory>());
        }
        else
        {
            await delivery.BufferedAsync(httpContext, source, decision, request, httpContext.Features.Get<IBodyTransformFactory>());
        }

        return false;
    }

    /// <summary>
    /// A client revalidating a rewritten page sends the weak tag our 200 carried; the origin, comparing weakly, answers
    /// 304 with its strong tag, which would replace the weak one on bytes that are still the rewritten ones.
    /// </summary>
    private static void KeepClientsWeakValidator(HttpRequest request, HttpResponse response)
    {
        var etag = response.Headers.ETag.ToString();
        if (etag.Length == 0 || etag.StartsWith("W/", StringComparison.Ordinal))
        {
            return;
        }

        var weak = ResponseHeaderRules.WeakenETag(etag);
        foreach (var line in request.Headers.IfNoneMatch)
        {
            foreach (var tag in (line ?? string.Empty).Split(',', StringSplitOptions.TrimEntries))
            {
                if (tag == weak)
                {
                    response.Headers.ETag = weak;
                    return;
                }
            }
        }
    }

    private bool WouldRewrite(int status, HttpContent content, string? contentEncoding)
    {
        var get = DeliveryPolicy.Decide(new DeliveryRequest(
            HttpMethods.Get,
            status,
            RawValue(content.Headers, HeaderNames.ContentType),
            contentEncoding,
            delivery.HasHtmlPostProcessors,
            delivery.RewritesFlight));
        return !get.Bodiless && get.Mode != DeliveryMode.PassThrough && get.Rewritable;
    }

    /// <summary>A header as the origin sent it (several lines joined with commas), or null when absent; reading the
    /// typed properties would parse the value into objects on every response.</summary>
    private static string? RawValue(System.Net.Http.Headers.HttpHeaders headers, string name) =>
        headers.NonValidated.TryGetValues(name, out var values) && values.Count > 0
            ? values.Count == 1 ? values.ToString() : string.Join(", ", values)
            : null;

    private static void RemoveConnectionListed(HttpResponseMessage proxyResponse, HttpResponse response)
    {
        // The raw values: the typed Connection collection parses and allocates an iterator on every response.
        if (!proxyResponse.Headers.NonValidated.TryGetValues(HeaderNames.Connection, out var values))
        {
            return;
        }

        foreach (var value in values)
        {
            foreach (var listed in new ConnectionListedHeaders(value))
            {
                response.Headers.Remove(listed.ToString());
            }
        }
    }
}
