using TrustedServer.Core.Rewriting.Publisher;

namespace TrustedServer.Core.Rewriting.Integrations.Sourcepoint;

/// <summary>Points <c>&lt;script src&gt;</c> and <c>&lt;link href&gt;</c> on Sourcepoint's CDN at
/// <c>/integrations/sourcepoint/cdn/</c>, keeping the path and query.</summary>
public sealed class SourcepointTagRewriter : IHtmlAttributeRewriter
{
    public IReadOnlyList<string> Needles { get; } = [SourcepointHosts.CdnHost];

    public IReadOnlyList<string>? TagNames { get; } = ["script", "link"];

    public bool Wants(string tagName, string attributeName) =>
        (tagName == "script" && attributeName == "src") || (tagName == "link" && attributeName == "href");

    public AttributeRewrite Rewrite(string tagName, string attributeName, string value, PublisherDocument document) =>
        VendorUrl.TryGetPathAndQuery(value, SourcepointHosts.CdnHost, out var path, out var query)
            ? AttributeRewrite.Replace(SourcepointHosts.Prefix + path + query)
            : AttributeRewrite.Keep;
}
