using TrustedServer.Core.Configuration;
using TrustedServer.Core.Rewriting.Integrations.Prebid;

namespace TrustedServer.Hosting.Integrations.Prebid;

/// <summary>
/// Prebid.js in the browser, replaced: the publisher's Prebid.js tags matching <c>script_patterns</c> are removed, and
/// <c>window.__tsjs_prebid</c> (account, timeout, bidders, client-side bidders) plus a first-party tag for the
/// external bundle (<c>/integrations/prebid/bundle.js</c>, checked against its SHA-256, with an SRI attribute) go into
/// <c>&lt;head&gt;</c>. Active when <c>[integrations.prebid]</c> is enabled and names <c>external_bundle_url</c>.
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
    }
}
