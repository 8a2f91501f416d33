using TrustedServer.Core.Rewriting.Publisher;

namespace TrustedServer.Core.Rewriting.Integrations.Permutive;

/// <summary>Points the page's Permutive SDK tags (<c>{org}.edge.permutive.app/{workspace}-web.js</c>, or the same file
/// on <c>cdn.permutive.com</c>) at <c>/integrations/permutive/sdk</c>, which serves the configured SDK.</summary>
public sealed class PermutiveTagRewriter : IHtmlAttributeRewriter
{
    /// <summary>The first-party SDK path.</summary>
    public const string SdkPath = "/integrations/permutive/sdk";

    public IReadOnlyList<string>? TagNames { get; } = ["script", "link"];

    public IReadOnlyList<string> Needles { get; } = ["permutive"];

    public bool Wants(string tagName, string attributeName) =>
        (tagName == "script" && attributeName == "src") || (tagName == "link" && attributeName == "href");

    public AttributeRewrite Rewrite(string tagName, string attributeName, string value, PublisherDocument document) =>
        VendorScriptUrl.TryParse(value, out var host, out var path, out _)
        && (host.EndsWith(".edge.permutive.app", StringComparison.Ordinal) || host == "cdn.permutive.com")
        && path.EndsWith("-web.js", StringComparison.OrdinalIgnoreCase)
            ? AttributeRewrite.Replace(SdkPath)
            : AttributeRewrite.Keep;
}
