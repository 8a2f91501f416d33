using TrustedServer.Core.Configuration;
using TrustedServer.Hosting.Integrations;

namespace TrustedServer.Hosting.AssetRoutes;

/// <summary>
/// <c>[[proxy.asset_routes]]</c>: GET and HEAD requests under a configured prefix are served from another origin
/// through the integrations' shared proxy path, byte for byte (the client's <c>Accept-Encoding</c>, conditional and
/// range headers go on; <c>Set-Cookie</c>, <c>Strict-Transport-Security</c> and <c>Clear-Site-Data</c> do not come back).
/// Named routes are matched first; everything else still reaches the publisher origin.
/// </summary>
internal static class AssetRouteEndpoints
{
    private static readonly string[] Forwarded =
    [
        "User-Agent", "Accept", "Accept-Language", "Referer", "If-None-Match", "If-Modified-Since", "If-Match",
        "If-Unmodified-Since", "Range", "If-Range",
    ];

    /// <summary>The fallback delegate with asset routes in front of <paramref name="publisher"/> (unchanged when none are configured).</summary>
    public static RequestDelegate Wrap(RequestDelegate publisher, TrustedServerOptions options)
    {
        var matcher = new AssetRouteMatcher(options.Proxy.AssetRoutes);
        if (matcher.IsEmpty)
        {
            return publisher;
        }

        return context =>
        {
            var request = context.Request;
            if ((HttpMethods.IsGet(request.Method) || HttpMethods.IsHead(request.Method))
                && matcher.Target(request.Path.ToUriComponent(), request.QueryString.ToUriComponent()) is { } target)
            {
                return context.RequestServices.GetRequiredService<IntegrationProxy>().ProxyAsync(
                    context,
                    new IntegrationProxyRequest("asset_routes", target) { ForwardedHeaders = Forwarded, ForwardClientAcceptEncoding = true });
            }

            return publisher(context);
        };
    }
}
