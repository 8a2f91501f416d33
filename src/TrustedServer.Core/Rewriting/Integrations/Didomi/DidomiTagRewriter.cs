using TrustedServer.Core.Rewriting.Publisher;

namespace TrustedServer.Core.Rewriting.Integrations.Didomi;

/// <summary>Points <c>&lt;script src&gt;</c> and <c>&lt;link href&gt;</c> on Didomi's SDK host at the first-party proxy
/// path, keeping the path and query (<c>/{api-key}/loader.js?target=…</c>).</summary>
public sealed class DidomiTagRewriter(string proxyPath) : IHtmlAttributeRewriter
{
    public IReadOnlyList<string> Needles { get; } = [DidomiHosts.SdkHost];

    public IReadOnlyList<string>? TagNames { get; } = ["script", "link"];

    public bool Wants(string tagName, string attributeName) =>
        (tagName == "script" && attributeName == "src") || (tagName == "link" && attributeName == "href");

    public AttributeRewrite Rewrite(string tagName, string attributeName, string value, PublisherDocument document) =>
        VendorUrl.TryGetPathAndQuery(value, DidomiHosts.SdkHost, out var path, out var query)
            ? AttributeRewrite.Replace(proxyPath + path + query)
            : AttributeRewrite.Keep;
}
