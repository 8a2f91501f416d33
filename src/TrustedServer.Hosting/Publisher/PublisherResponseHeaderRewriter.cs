using Microsoft.Extensions.Primitives;
using Microsoft.Net.Http.Headers;
using TrustedServer.Core.Configuration;
using TrustedServer.Core.Delivery;
using TrustedServer.Core.Rewriting.Publisher;
using TrustedServer.Core.Rewriting.Urls;
using TrustedServer.Hosting.Extensibility;
using TrustedServer.Hosting.Proxy;

namespace TrustedServer.Hosting.Publisher;

/// <summary>
/// Maps origin URLs in <c>Location</c>, <c>Content-Location</c>, <c>Refresh</c> and <c>Link</c>, and moves a
/// <c>Set-Cookie</c> <c>Domain</c> that covers the origin host to <c>[publisher] cookie_domain</c>, in every
/// delivery mode. (Validators and <c>Accept-Ranges</c> are handled where the body is rewritten.)
/// </summary>
public sealed class PublisherResponseHeaderRewriter(PublisherRewriter rewriter, TrustedServerOptions options) : IResponseHeaderRewriter
{
    private static readonly string[] UrlHeaders = [HeaderNames.Location, HeaderNames.ContentLocation, "Refresh", HeaderNames.Link];

    /// <inheritdoc />
    public void Rewrite(HttpResponse response, DeliveryDecision decision, VisitorRequest request)
    {
        ArgumentNullException.ThrowIfNull(response);
        ArgumentNullException.ThrowIfNull(request);
        var headers = response.Headers;
        UrlMapper? mapper = null;
        foreach (var name in UrlHeaders)
        {
            if (headers.TryGetValue(name, out var values))
            {
                mapper ??= PublisherMapping.MapperFor(rewriter, options, request);
                headers[name] = Map(values, v => ResponseHeaderRules.MapUrlHeader(mapper, v));
            }
        }

        var cookieDomain = options.Publisher.CookieDomain;
        if (!string.IsNullOrWhiteSpace(cookieDomain) && headers.TryGetValue(HeaderNames.SetCookie, out var cookies))
        {
            var originHost = rewriter.Urls.OriginHost;
            headers.SetCookie = Map(cookies, c => ResponseHeaderRules.RewriteSetCookieDomain(c, originHost, cookieDomain));
        }
    }

    private static StringValues Map(StringValues values, Func<string, string> map)
    {
        if (values.Count == 1)
        {
            return map(values[0] ?? string.Empty);
        }

        var mapped = new string?[values.Count];
        for (var i = 0; i < mapped.Length; i++)
        {
            mapped[i] = values[i] is { } value ? map(value) : null;
        }

        return new StringValues(mapped);
    }
}
