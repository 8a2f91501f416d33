using TrustedServer.Core.Configuration;
using TrustedServer.Core.Rewriting.Integrations.Prebid;

namespace TrustedServer.Hosting.Integrations.Prebid;

/// <summary>
/// Prebid.js in the browser, replaced: the publisher's Prebid.js tags matching <c>script_patterns</c> are removed, and
/// <c>window.__tsjs_prebid</c> (account, timeout, bidders, client-side bidders) plus a first-party tag for the
/// external bundle (<c>/integrations/prebid/bundle.js</c>, checked against its SHA-256, with an SRI attribute) go into
/// <c>&lt;head&gt;</c>, and the browser module (<c>tsjs-prebid</c>) registers the <c>trustedServer</c> adapter that
/// sends Prebid.js's ad units to <c>/auction</c>. Active when <c>[integrations.prebid]</c> is enabled and names <c>external_bundle_url</c>.
/// </summary>
internal sealed class PrebidIntegration(TrustedServerOptions options) : IIntegration
{
    public const string IntegrationId = "prebid";

    private readonly PrebidBundle _bundle = new(options.Auction.Prebid.Client);

    public string Id => IntegrationId;

    public static bool IsActive(TrustedServerOptions options) =>
        options.Auction.Prebid.Enabled && options.Auction.Prebid.Client.ExternalBundleUrl is not null;

    public void Contribute(IntegrationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.AddAttributeRewriter(new PrebidTagRemover(options.Auction.Prebid.Client.ScriptPatterns));
        builder.AddHeadInjector(new PrebidHeadConfig(options));
        builder.MapGet("/bundle.js", _bundle.ServeAsync);

        // The shim that puts the trustedServer adapter on the bundle's pbjs: deferred, so it runs after the bundle's
        // own deferred tag (earlier in the head) and before Prebid.js runs the page's queued commands.
        builder.AddBrowserModule(BrowserModuleLoad.Deferred);
    }
}
