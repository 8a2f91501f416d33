using Microsoft.Net.Http.Headers;
using TrustedServer.Core.Configuration;
using TrustedServer.Core.Rewriting.Integrations;
using TrustedServer.Core.Rewriting.Integrations.Sourcepoint;
using TrustedServer.Hosting.Tsjs;

namespace TrustedServer.Hosting.Integrations.Sourcepoint;

/// <summary>
/// Sourcepoint's CMP, first-party: <c>cdn.privacy-mgmt.com</c> proxied under <c>/integrations/sourcepoint/cdn/</c>,
/// its scripts and pages streamed with the CDN host replaced by this one (webpack chunks and wrapper API calls come
/// back here), the page's Sourcepoint tags and inline config pointed there (<c>rewrite_sdk</c>), a trap on
/// <c>window._sp_</c> for config set at run time, and the browser guard (inlined) for scripts inserted later. Only Sourcepoint's
/// own cookies go upstream.
/// </summary>
internal sealed class SourcepointIntegration(SourcepointOptions options) : IIntegration
{
    public const string IntegrationId = "sourcepoint";

    /// <summary>The largest request body forwarded (wrapper API calls carry small JSON).</summary>
    public const int MaxBodyBytes = 64 * 1024;

    /// <summary>The cookies Sourcepoint's scripts set on the publisher's host and its APIs read; any <c>_sp_</c> one too.</summary>
    public static readonly IReadOnlySet<string> BuiltInCookies = new HashSet<string>(StringComparer.Ordinal)
    {
        "consentUUID", "consentDate", "ccpaUUID", "ccpaConsentAll", "ccpaReject", "usnatUUID", "gppUUID", "dnsDisplayed",
        "signedLspa", "authId", "euconsent-v2", "sp_su",
    };

    private static readonly string[] Headers =
    [
        HeaderNames.UserAgent, HeaderNames.Accept, HeaderNames.AcceptLanguage, HeaderNames.Referer, HeaderNames.Origin,
        HeaderNames.IfNoneMatch, HeaderNames.IfModifiedSince,
    ];

    private readonly VendorHostTransformFactory _transform = new(SourcepointHosts.Map, SourcepointHosts.Anchor);

    public string Id => IntegrationId;

    public void Contribute(IntegrationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        if (options.RewriteSdk)
        {
            builder.AddAttributeRewriter(new SourcepointTagRewriter());
            builder.AddScriptRewriter(new PageScriptHostRewriter(SourcepointHosts.Map, SourcepointHosts.Anchor));
        }

        // The guard is inlined in the head, before any publisher script: the unified bundle loads async, so as an
        // immediate module it could install after the CMP's loader already inserted its chunks.
        builder.AddHeadInjector(new SourcepointConfigTrap());
        builder.AddHeadInjector(new FixedHeadInsert(TsjsModuleSet.InlineFor(IntegrationId)));
        builder.Map(["GET", "HEAD", "POST", "OPTIONS"], "/cdn/{**rest}", CdnAsync);
        builder.AddBrowserModule(BrowserModuleLoad.OnDemand);
    }

    /// <summary>Is <paramref name="name"/> a cookie Sourcepoint may receive?</summary>
    public bool ForwardsCookie(string name) =>
        BuiltInCookies.Contains(name) || name.StartsWith("_sp_", StringComparison.Ordinal) || name == options.AuthCookieName;

    private Task CdnAsync(HttpContext context) =>
        context.RequestServices.GetRequiredService<IntegrationProxy>().ProxyAsync(
            context,
            new IntegrationProxyRequest(IntegrationId, UpstreamPath.Build(options.CdnOrigin, string.Empty, context.Request, SourcepointHosts.Prefix))
            {
                ForwardedHeaders = Headers,
                ForwardCookie = ForwardsCookie,
                ForwardBody = true,
                MaxBodyBytes = MaxBodyBytes,
                Transform = _transform,
                DefaultCacheControl = options.CacheTtlSeconds > 0 ? $"public, max-age={options.CacheTtlSeconds}" : null,
            });
}
