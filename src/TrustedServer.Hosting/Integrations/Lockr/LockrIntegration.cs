using Microsoft.Net.Http.Headers;
using TrustedServer.Core.Configuration;
using TrustedServer.Core.Rewriting.Integrations.Lockr;

namespace TrustedServer.Hosting.Integrations.Lockr;

/// <summary>
/// Lockr identity, first-party: the SDK (<c>sdk_url</c>, Lockr's trust-server build, which already calls
/// <c>/integrations/lockr/api</c>) at <c>/sdk</c> from a shared cache of <c>cache_ttl_seconds</c>, and the API under
/// <c>/api/*</c> (GET and POST, bodies capped) with <c>Origin</c> from <c>origin_override</c> when set. The page gets
/// the <c>lockr-signin-app_id</c> meta tag; its Lockr tags point here when <c>rewrite_sdk</c>. Never cookies or
/// <c>Authorization</c> upstream: the SDK sends what it needs in the body.
/// </summary>
internal sealed class LockrIntegration(LockrOptions options) : IIntegration
{
    public const string IntegrationId = "lockr";

    /// <summary>The largest API body forwarded.</summary>
    public const int MaxBodyBytes = 64 * 1024;

    private readonly UpstreamScriptCache _sdk = new(IntegrationId, options.SdkUrl, TimeSpan.FromSeconds(options.CacheTtlSeconds));

    public string Id => IntegrationId;

    public void Contribute(IntegrationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        if (options.RewriteSdk)
        {
            builder.AddAttributeRewriter(new LockrTagRewriter());
        }

        builder.AddHeadInjector(new LockrAppIdMeta(options.AppId));
        var prefix = builder.RoutePrefix;
        builder.MapGet("/sdk", context => _sdk.ServeAsync(context, null, [new("X-Lockr-SDK-Proxy", "true")]));
        builder.Map(["GET", "POST"], "/api/{**rest}", context => context.RequestServices.GetRequiredService<IntegrationProxy>().ProxyAsync(
            context,
            new IntegrationProxyRequest(IntegrationId, UpstreamPath.Build(options.ApiEndpoint, string.Empty, context.Request, prefix + "/api"))
            {
                ForwardBody = true,
                MaxBodyBytes = MaxBodyBytes,
                ForwardedHeaders = [HeaderNames.UserAgent, HeaderNames.Accept, HeaderNames.AcceptLanguage, HeaderNames.Origin],
                UpstreamHeaders = options.OriginOverride is { } origin ? [new(HeaderNames.Origin, origin.GetLeftPart(UriPartial.Authority))] : [],
                CacheControl = "no-store",
            }));
    }
}
