using Microsoft.Net.Http.Headers;
using TrustedServer.Core.Configuration;
using TrustedServer.Core.Rewriting.Compression;
using TrustedServer.Hosting.Observability;

namespace TrustedServer.Hosting.Proxy;

/// <summary>The request-side rules applied after YARP has copied the client's headers to the origin request.</summary>
internal static class RequestHeaderRules
{
    private const string ForwardedFor = "X-Forwarded-For";
    private const string ForwardedHost = "X-Forwarded-Host";
    private const string ForwardedProto = "X-Forwarded-Proto";
    private static readonly string[] ReplacedHeaders = [ForwardedFor, ForwardedHost, ForwardedProto, "Forwarded"];

    /// <param name="context">The client's request.</param>
    /// <param name="proxyRequest">The origin request YARP built.</param>
    /// <param name="options">The configuration.</param>
    /// <param name="hostOverride">The configured origin <c>Host</c> header, or null to send the origin URL's own authority,
    /// which the HTTP client derives from the request URI.</param>
    public static void Apply(HttpContext context, HttpRequestMessage proxyRequest, TrustedServerOptions options, string? hostOverride)
    {
        var request = context.Request;
        RemoveConnectionListed(context, request, proxyRequest);

        var visitor = VisitorRequest.For(context, options.Proxy);
        var trusted = visitor.FromTrustedProxy;
        var clientFor = request.Headers[ForwardedFor].ToString();
        var clientProto = request.Headers[ForwardedProto].ToString();
        foreach (var name in ReplacedHeaders)
        {
            proxyRequest.Headers.Remove(name);
        }

        var remoteText = visitor.ConnectionAddress?.ToString();
        var forValue = trusted && clientFor.Length > 0
            ? remoteText is null ? clientFor : clientFor + ", " + remoteText
            : remoteText;
        if (!string.IsNullOrEmpty(forValue))
        {
            proxyRequest.Headers.TryAddWithoutValidation(ForwardedFor, forValue);
        }

        // The public host as admitted (a trusted proxy's X-Forwarded-Host, or the domain for an undeclared host).
        proxyRequest.Headers.TryAddWithoutValidation(ForwardedHost, visitor.Host);
        proxyRequest.Headers.TryAddWithoutValidation(ForwardedProto, trusted && clientProto.Length > 0 ? clientProto : request.Scheme);

        // YARP's direct forwarder copies the client's Host; null drops it, and the HTTP client then writes the origin
        // URL's authority without parsing a header value.
        proxyRequest.Headers.Host = hostOverride;

        // The request id settled for this request (the client's when well-formed) replaces whatever the client sent.
        proxyRequest.Headers.Remove(RequestId.HeaderName);
        proxyRequest.Headers.TryAddWithoutValidation(RequestId.HeaderName, context.TraceIdentifier);

        if (request.Headers.TryGetValue(HeaderNames.AcceptEncoding, out var acceptEncoding))
        {
            proxyRequest.Headers.Remove(HeaderNames.AcceptEncoding);
            proxyRequest.Headers.TryAddWithoutValidation(HeaderNames.AcceptEncoding, BodyCodecs.NarrowAcceptEncoding(acceptEncoding.ToString()));
        }
    }

    /// <summary>Headers named in <c>Connection</c> are hop-by-hop (RFC 9110 7.6.1); YARP forwards them otherwise.</summary>
    private static void RemoveConnectionListed(HttpContext context, HttpRequest request, HttpRequestMessage proxyRequest)
    {
        // The field as received: Kestrel may have folded it to its keep-alive/close token alone.
        var received = context.Features.Get<ConnectionField>()?.Lines;
        foreach (var value in received ?? (IEnumerable<string?>)request.Headers.Connection)
        {
            if (value is null)
            {
                continue;
            }

            foreach (var listed in new ConnectionListedHeaders(value))
            {
                var name = listed.ToString();
                proxyRequest.Headers.Remove(name);
                proxyRequest.Content?.Headers.Remove(name);
            }
        }
    }
}
