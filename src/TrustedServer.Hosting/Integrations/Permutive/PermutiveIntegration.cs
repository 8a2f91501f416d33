using Microsoft.Net.Http.Headers;
using TrustedServer.Core.Configuration;
using TrustedServer.Core.Rewriting.Integrations;
using TrustedServer.Core.Rewriting.Integrations.Permutive;
using TrustedServer.Hosting.Proxy;

namespace TrustedServer.Hosting.Integrations.Permutive;

/// <summary>
/// Permutive, first-party: the SDK (<c>{org}.edge.permutive.app/{workspace}-web.js</c>) at <c>/sdk</c> from a shared
/// cache of <c>cache_ttl_seconds</c>, with Permutive's hosts in it pointed at the proxies here when
/// <c>rewrite_sdk</c>; <c>api/*</c>, <c>secure-signal/*</c>, <c>events/*</c> and <c>sync/*</c> (GET and POST, bodies
/// capped) and <c>cdn/*</c> (GET) proxied to their configured origins. No cookies or visitor address go upstream.
/// </summary>
internal sealed class PermutiveIntegration(PermutiveOptions options) : IIntegration
{
    public const string IntegrationId = "permutive";

    private readonly UpstreamScriptCache _sdk = new(IntegrationId, options.SdkUrl, TimeSpan.FromSeconds(options.CacheTtlSeconds));

    public string Id => IntegrationId;

    public void Contribute(IntegrationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        if (options.RewriteSdk)
        {
            builder.AddAttributeRewriter(new PermutiveTagRewriter());
        }

        var prefix = builder.RoutePrefix;
        builder.MapGet("/sdk", context => _sdk.ServeAsync(context, options.RewriteSdk ? Hosts(context) : null, [new("X-Permutive-SDK-Proxy", "true")]));
        Beacon(builder, prefix, "api", options.ApiEndpoint);
        Beacon(builder, prefix, "secure-signal", options.SecureSignalsEndpoint);
        Beacon(builder, prefix, "events", options.EventsEndpoint);
        Beacon(builder, prefix, "sync", options.SyncEndpoint);
        builder.MapGet("/cdn/{**rest}", context => context.RequestServices.GetRequiredService<IntegrationProxy>().ProxyAsync(
            context,
            new IntegrationProxyRequest(IntegrationId, UpstreamPath.Build(options.CdnEndpoint, string.Empty, context.Request, prefix + "/cdn"))
            {
                ForwardClientAcceptEncoding = true,
            }));
    }

    private void Beacon(IntegrationBuilder builder, string prefix, string name, Uri upstream) =>
        builder.Map(["GET", "POST"], $"/{name}/{{**rest}}", context => context.RequestServices.GetRequiredService<IntegrationProxy>().ProxyAsync(
            context,
            new IntegrationProxyRequest(IntegrationId, UpstreamPath.Build(upstream, string.Empty, context.Request, $"{prefix}/{name}"))
            {
                ForwardBody = true,
                MaxBodyBytes = options.MaxBeaconBodySize,
                ForwardedHeaders = [HeaderNames.UserAgent, HeaderNames.Accept, HeaderNames.AcceptLanguage, HeaderNames.Referer, HeaderNames.Origin],
                CacheControl = "no-store",
            }));

    /// <summary>Permutive's API hosts in the SDK (its own names, wherever the endpoints are configured to point) become
    /// this host plus the matching proxy route.</summary>
    private static ReplacementTable Hosts(HttpContext context)
    {
        var local = VisitorRequest.For(context, context.RequestServices.GetRequiredService<TrustedServerOptions>().Proxy).Host + "/integrations/" + IntegrationId;
        return new ReplacementTable(
        [
            (PermutiveOptions.DefaultApi.Authority, local + "/api"),
            (PermutiveOptions.DefaultSecureSignals.Authority, local + "/secure-signal"),
            (PermutiveOptions.DefaultEvents.Authority, local + "/events"),
            (PermutiveOptions.DefaultSync.Authority, local + "/sync"),
            (PermutiveOptions.DefaultCdn.Authority, local + "/cdn"),
        ]);
    }
}
