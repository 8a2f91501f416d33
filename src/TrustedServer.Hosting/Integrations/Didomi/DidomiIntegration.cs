using Microsoft.Net.Http.Headers;
using TrustedServer.Core.Configuration;
using TrustedServer.Core.Rewriting.Integrations;
using TrustedServer.Core.Rewriting.Integrations.Didomi;
using TrustedServer.Hosting.EdgeCookie;

namespace TrustedServer.Hosting.Integrations.Didomi;

/// <summary>
/// The Didomi CMP, first-party: the SDK (<c>loader.js</c> and its chunks) under <c>proxy_path</c>, the consent API
/// under <c>proxy_path/api</c>, the page's SDK tags and loader snippets pointed there, and Didomi's hosts in the served
/// SDK replaced by this host, so what the SDK loads next comes back here too. SDK answers carry open CORS headers
/// (the SDK's frames fetch them); API answers keep Didomi's own. The visitor's country (not the address) goes to the
/// SDK, which picks the regulation by it.
/// </summary>
internal sealed class DidomiIntegration(DidomiOptions options) : IIntegration
{
    public const string IntegrationId = "didomi";

    /// <summary>The largest API request body (consent events are a few KiB).</summary>
    public const int MaxApiBodyBytes = 64 * 1024;

    private static readonly KeyValuePair<string, string>[] Cors =
    [
        new(HeaderNames.AccessControlAllowOrigin, "*"),
        new(HeaderNames.AccessControlAllowHeaders, "Content-Type, Authorization, X-Requested-With"),
        new(HeaderNames.AccessControlAllowMethods, "GET, POST, PUT, DELETE, OPTIONS"),
    ];

    private static readonly string[] SdkHeaders =
    [
        HeaderNames.UserAgent, HeaderNames.Accept, HeaderNames.AcceptLanguage, HeaderNames.Referer, HeaderNames.Origin,
        HeaderNames.IfNoneMatch, HeaderNames.IfModifiedSince,
    ];

    private static readonly string[] ApiHeaders =
    [
        HeaderNames.UserAgent, HeaderNames.Accept, HeaderNames.AcceptLanguage, HeaderNames.Referer, HeaderNames.Origin,
        HeaderNames.Authorization,
    ];

    private readonly VendorHostTransformFactory _sdkTransform = new(DidomiHosts.Map(options.ProxyPath), DidomiHosts.Anchor);

    public string Id => IntegrationId;

    public void Contribute(IntegrationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.AddAttributeRewriter(new DidomiTagRewriter(options.ProxyPath));
        builder.AddScriptRewriter(new PageScriptHostRewriter(DidomiHosts.Map(options.ProxyPath), DidomiHosts.Anchor));
        builder.AddHeadInjector(new DidomiHeadConfig(options.ProxyPath));
        builder.MapAt(["GET", "HEAD", "POST", "PUT", "DELETE", "OPTIONS"], options.ProxyPath + "/api/{**rest}", ApiAsync);
        builder.MapAt(["GET", "HEAD", "OPTIONS"], options.ProxyPath + "/{**rest}", SdkAsync);
    }

    private Task SdkAsync(HttpContext context) =>
        context.RequestServices.GetRequiredService<IntegrationProxy>().ProxyAsync(
            context,
            new IntegrationProxyRequest(IntegrationId, UpstreamPath.Build(options.SdkOrigin, string.Empty, context.Request, options.ProxyPath))
            {
                ForwardedHeaders = SdkHeaders,
                UpstreamHeaders = GeoHeaders(context),
                Transform = _sdkTransform,
                ResponseHeaders = Cors,
            });

    private Task ApiAsync(HttpContext context) =>
        context.RequestServices.GetRequiredService<IntegrationProxy>().ProxyAsync(
            context,
            new IntegrationProxyRequest(IntegrationId, UpstreamPath.Build(options.ApiOrigin, string.Empty, context.Request, options.ProxyPath + "/api"))
            {
                ForwardedHeaders = ApiHeaders,
                ForwardBody = true,
                MaxBodyBytes = MaxApiBodyBytes,
            });

    /// <summary><c>X-Geo-Country</c>, <c>X-Geo-Region</c> and <c>CloudFront-Viewer-Country</c> from the visitor's
    /// location, when known and well formed.</summary>
    private static KeyValuePair<string, string>[] GeoHeaders(HttpContext context)
    {
        var location = context.RequestServices.GetService<VisitorGeo>()?.Locate(context);
        if (location?.Country is not { Length: 2 } country || !country.All(char.IsAsciiLetter))
        {
            return [];
        }

        return location.Region is { Length: > 0 and <= 8 } region && region.All(char.IsAsciiLetterOrDigit)
            ? [new("X-Geo-Country", country), new("X-Geo-Region", region), new("CloudFront-Viewer-Country", country)]
            : [new("X-Geo-Country", country), new("CloudFront-Viewer-Country", country)];
    }
}
