using TrustedServer.Core.Rewriting.Publisher;

namespace TrustedServer.Core.Rewriting.Integrations.GoogleTagManager;

/// <summary>The GTM and gtag loader snippets build the tag URL in an inline script
/// (<c>j.src='https://www.googletagmanager.com/gtm.js?id='+i+dl</c>); those URLs become first-party paths.</summary>
public sealed class GtmInlineScriptRewriter : IScriptTextRewriter
{
    private const string Local = GtmHosts.Prefix;

    private static readonly ReplacementTable Table = new(
    [
        ("https://www.googletagmanager.com/gtm.js", Local + "/gtm.js"),
        ("https://www.googletagmanager.com/gtag/js", Local + "/gtag/js"),
        ("//www.googletagmanager.com/gtm.js", Local + "/gtm.js"),
        ("//www.googletagmanager.com/gtag/js", Local + "/gtag/js"),
        ("https:\\/\\/www.googletagmanager.com\\/gtm.js", Local.Replace("/", "\\/", StringComparison.Ordinal) + "\\/gtm.js"),
    ],
    anchor: "googletagmanager.com");

    public string Selector => "script";

    public IBodyTransform? Begin(PublisherDocument document) => Table.CreateReplacer();
}
