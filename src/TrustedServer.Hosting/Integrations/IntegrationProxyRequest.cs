using Microsoft.Net.Http.Headers;
using TrustedServer.Hosting.Extensibility;

namespace TrustedServer.Hosting.Integrations;

/// <summary>How <see cref="IntegrationProxy"/> sends one request upstream and delivers the answer.</summary>
/// <param name="IntegrationId">The integration (for logs).</param>
/// <param name="Target">The upstream URL: built from the integration's configured upstream, never from the request's host.</param>
public sealed record IntegrationProxyRequest(string IntegrationId, Uri Target)
{
    /// <summary>The request headers copied to the upstream request (never cookies or the visitor's address).</summary>
    public IReadOnlyList<string> ForwardedHeaders { get; init; } =
        [HeaderNames.UserAgent, HeaderNames.Accept, HeaderNames.AcceptLanguage, HeaderNames.Referer, HeaderNames.IfNoneMatch, HeaderNames.IfModifiedSince];

    /// <summary>Headers of our own set on the upstream request with these values, replacing a forwarded one of the
    /// same name (e.g. geo headers, a configured <c>Origin</c>); never the visitor's address.</summary>
    public IReadOnlyList<KeyValuePair<string, string>> UpstreamHeaders { get; init; } = [];

    /// <summary>Which cookies go upstream, by name (a vendor's own cookies on the first-party host), or null for none;
    /// every other cookie of the request stays here.</summary>
    public Func<string, bool>? ForwardCookie { get; init; }

    /// <summary><c>Cache-Control</c> set on 2xx answers that carry neither <c>Cache-Control</c> nor <c>Expires</c>.</summary>
    public string? DefaultCacheControl { get; init; }

    /// <summary>Forward the client's own <c>Accept-Encoding</c> (pass-through routes) instead of asking for what the
    /// server can decode.</summary>
    public bool ForwardClientAcceptEncoding { get; init; }

    /// <summary>Send the request's body on (beacons), read first up to <see cref="MaxBodyBytes"/> (413 beyond).</summary>
    public bool ForwardBody { get; init; }

    /// <summary>The largest body forwarded.</summary>
    public long MaxBodyBytes { get; init; } = 64 * 1024;

    /// <summary>The body transform for rewritable answers, or null to pass every byte through as the upstream sent it.</summary>
    public IBodyTransformFactory? Transform { get; init; }

    /// <summary><c>Cache-Control</c> set on 2xx answers, or null to keep the upstream's.</summary>
    public string? CacheControl { get; init; }

    /// <summary>Headers added to every answer that came from upstream.</summary>
    public IReadOnlyList<KeyValuePair<string, string>> ResponseHeaders { get; init; } = [];
}
