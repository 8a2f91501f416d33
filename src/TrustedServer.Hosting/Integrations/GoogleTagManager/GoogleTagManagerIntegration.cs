using TrustedServer.Core.Configuration;
using TrustedServer.Core.Delivery;
using TrustedServer.Core.Rewriting;
using TrustedServer.Core.Rewriting.Integrations;
using TrustedServer.Core.Rewriting.Integrations.GoogleTagManager;
using TrustedServer.Hosting.Extensibility;
using TrustedServer.Hosting.Proxy;

namespace TrustedServer.Hosting.Integrations.GoogleTagManager;

/// <summary>
/// Google Tag Manager and gtag, first-party: tag URLs in pages (attributes and inline scripts) point at
/// <c>/integrations/google_tag_manager/</c>, which serves <c>gtm.js</c> and <c>gtag/js</c> with Google's hosts in them
/// rewritten to this route, and proxies the Analytics beacons (<c>/collect</c>, <c>/g/collect</c>) under a body cap.
/// The visitor's address and cookies are never sent to Google.
/// </summary>
internal sealed class GoogleTagManagerIntegration(GoogleTagManagerOptions options) : IIntegration
{
    public const string IntegrationId = "google_tag_manager";
    public const string Prefix = GtmHosts.Prefix;
    public const string TagHost = GtmHosts.TagHost;
    public const string AnalyticsHost = GtmHosts.AnalyticsHost;

    public string Id => IntegrationId;

    public void Contribute(IntegrationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.AddAttributeRewriter(new GtmTagRewriter());
        builder.AddScriptRewriter(new GtmInlineScriptRewriter());
        builder.MapGet("/gtm.js", context => ScriptAsync(context, "gtm.js"));
        builder.MapGet("/gtag/js", context => ScriptAsync(context, "gtag/js"));
        builder.MapGet("/gtag.js", context => ScriptAsync(context, "gtag/js"));
        builder.Map(["GET", "POST"], "/collect", context => BeaconAsync(context, "collect"));
        builder.Map(["GET", "POST"], "/g/collect", context => BeaconAsync(context, "g/collect"));
    }

    private Task ScriptAsync(HttpContext context, string upstreamPath)
    {
        var query = context.Request.QueryString;
        if (!context.Request.Query.ContainsKey("id"))
        {
            query = query.Add("id", options.ContainerId);
        }

        return context.RequestServices.GetRequiredService<IntegrationProxy>().ProxyAsync(
            context,
            new IntegrationProxyRequest(IntegrationId, new Uri(options.UpstreamUrl, upstreamPath + query.ToUriComponent()))
            {
                CacheControl = $"public, max-age={options.CacheMaxAge}",
                Transform = new ScriptHostsTransform(),
            });
    }

    private Task BeaconAsync(HttpContext context, string upstreamPath) =>
        context.RequestServices.GetRequiredService<IntegrationProxy>().ProxyAsync(
            context,
            new IntegrationProxyRequest(IntegrationId, new Uri(options.AnalyticsUrl, upstreamPath + context.Request.QueryString.ToUriComponent()))
            {
                ForwardBody = true,
                MaxBodyBytes = options.MaxBeaconBodySize,
                ForwardedHeaders = [Microsoft.Net.Http.Headers.HeaderNames.UserAgent, Microsoft.Net.Http.Headers.HeaderNames.Referer],
                CacheControl = "no-store",
            });

    /// <summary>Google's tag and Analytics hosts in the served scripts become this server's host plus the route
    /// prefix, so URLs the script builds (<c>"https://"+host+"/g/collect"</c> included) come back here.</summary>
    private sealed class ScriptHostsTransform : IBodyTransformFactory
    {
        public IBodyTransform? Create(ContentKind kind, VisitorRequest request)
        {
            var local = request.Host + Prefix;
            return kind is ContentKind.JavaScript or ContentKind.Text or ContentKind.Json
                ? new ReplacementTable([(TagHost, local), (AnalyticsHost, local)]).CreateReplacer()
                : null;
        }
    }
}
