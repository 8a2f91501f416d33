using TrustedServer.Core.Rewriting.Publisher;

namespace TrustedServer.Core.Rewriting.Integrations.GoogleTagManager;

/// <summary>Points <c>&lt;script src&gt;</c> and <c>&lt;link href&gt;</c> (preloads) at <c>gtm.js</c> or <c>gtag/js</c>
/// on Google's tag host to the first-party routes, keeping the query (<c>?id=…</c>).</summary>
public sealed class GtmTagRewriter : IHtmlAttributeRewriter
{
    public IReadOnlyList<string> Needles { get; } = [GtmHosts.TagHost];

    public IReadOnlyList<string>? TagNames { get; } = ["script", "link"];

    public bool Wants(string tagName, string attributeName) =>
        (tagName == "script" && attributeName == "src") || (tagName == "link" && attributeName == "href");

    public AttributeRewrite Rewrite(string tagName, string attributeName, string value, PublisherDocument document)
    {
        if (!VendorUrl.TryGetPathAndQuery(value, GtmHosts.TagHost, out var path, out var query))
        {
            return AttributeRewrite.Keep;
        }

        return path switch
        {
            "/gtm.js" => AttributeRewrite.Replace(GtmHosts.Prefix + "/gtm.js" + query),
            "/gtag/js" or "/gtag.js" => AttributeRewrite.Replace(GtmHosts.Prefix + "/gtag/js" + query),
            _ => AttributeRewrite.Keep,
        };
    }
}
