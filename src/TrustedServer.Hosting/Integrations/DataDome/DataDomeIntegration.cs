using Microsoft.Net.Http.Headers;
using TrustedServer.Core.Configuration;
using TrustedServer.Core.Rewriting.Integrations;
using TrustedServer.Core.Rewriting.Integrations.DataDome;
using TrustedServer.Hosting.Proxy;

namespace TrustedServer.Hosting.Integrations.DataDome;

/// <summary>
/// DataDome, first-party and at the edge: <c>tags.js</c> from <c>sdk_origin</c> (shared cache of
/// <c>cache_ttl_seconds</c>, DataDome's hosts in it pointed here when <c>rewrite_sdk</c>), the <c>/js/*</c> signal API
/// proxied to <c>api_origin</c>, the page's DataDome tags rewritten, <c>window.ddjskey</c>/<c>ddoptions</c> and the tag
/// injected when <c>client_side_key</c> is set, and the pre-route Protection API filter.
/// </summary>
internal sealed class DataDomeIntegration(DataDomeOptions options) : IIntegration
{
    public const string IntegrationId = "datadome";

    /// <summary>The largest signal body forwarded.</summary>
    public const int MaxSignalBodyBytes = 64 * 1024;

    private readonly UpstreamScriptCache _tags = new(IntegrationId, new Uri(options.SdkOrigin, "tags.js"), TimeSpan.FromSeconds(options.CacheTtlSeconds));

    public string Id => IntegrationId;

    public void Contribute(IntegrationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.AddRequestFilter(new DataDomeProtectionFilter());
        if (options.RewriteSdk)
        {
            builder.AddAttributeRewriter(new DataDomeTagRewriter());
        }

        if (options.InjectClientSideTag && options.ClientSideKey.Length > 0)
        {
            builder.AddHeadInjector(new DataDomeClientTag(options));
        }

        var prefix = builder.RoutePrefix;
        builder.MapGet("/tags.js", context => _tags.ServeAsync(context, options.RewriteSdk ? Hosts(context) : null, []));
        builder.Map(["GET", "POST"], "/js/{**rest}", context => context.RequestServices.GetRequiredService<IntegrationProxy>().ProxyAsync(
            context,
            new IntegrationProxyRequest(IntegrationId, UpstreamPath.Build(options.ApiOrigin, "js/", context.Request, prefix + "/js"))
            {
                ForwardBody = true,
                MaxBodyBytes = MaxSignalBodyBytes,
                ForwardedHeaders = [HeaderNames.UserAgent, HeaderNames.Accept, HeaderNames.AcceptLanguage, HeaderNames.Referer, HeaderNames.Origin],
                CacheControl = "no-store",
            }));
    }

    /// <summary>The signal API's host (and the tag host) in <c>tags.js</c> become this host plus the route prefix, so
    /// <c>https://api-js.datadome.co/js/</c> becomes <c>https://{host}/integrations/datadome/js/</c>.</summary>
    private static ReplacementTable Hosts(HttpContext context)
    {
        var local = VisitorRequest.For(context, context.RequestServices.GetRequiredService<TrustedServerOptions>().Proxy).Host + "/integrations/" + IntegrationId;
        return new ReplacementTable([(DataDomeOptions.DefaultApiOrigin.Authority, local), (DataDomeOptions.DefaultSdkOrigin.Authority, local)]);
    }
}
