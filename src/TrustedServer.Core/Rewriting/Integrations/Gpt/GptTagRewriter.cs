using TrustedServer.Core.Rewriting.Publisher;

namespace TrustedServer.Core.Rewriting.Integrations.Gpt;

/// <summary>Points <c>&lt;script src&gt;</c> and <c>&lt;link href&gt;</c> (preloads) at GPT's host to the first-party
/// routes: <c>tag/js/gpt.js</c> to <c>/integrations/gpt/script</c>, other <c>tag/*</c> and <c>pagead/*</c> under it.</summary>
public sealed class GptTagRewriter : IHtmlAttributeRewriter
{
    public const string Host = "securepubads.g.doubleclick.net";

    public IReadOnlyList<string> Needles { get; } = [Host];

    public IReadOnlyList<string>? TagNames { get; } = ["script", "link"];

    public bool Wants(string tagName, string attributeName) =>
        (tagName == "script" && attributeName == "src") || (tagName == "link" && attributeName == "href");

    public AttributeRewrite Rewrite(string tagName, string attributeName, string value, PublisherDocument document)
    {
        if (!VendorUrl.TryGetPathAndQuery(value, Host, out var path, out var query))
        {
            return AttributeRewrite.Keep;
        }

        if (path.Equals("/tag/js/gpt.js", StringComparison.OrdinalIgnoreCase))
        {
            return AttributeRewrite.Replace("/integrations/gpt/script" + query);
        }

        return path.StartsWith("/tag/", StringComparison.Ordinal) || path.StartsWith("/pagead/", StringComparison.Ordinal)
            ? AttributeRewrite.Replace("/integrations/gpt" + path + query)
            : AttributeRewrite.Keep;
    }
}
