using TrustedServer.Core.Rewriting.Publisher;

namespace TrustedServer.Core.Rewriting.Integrations.Lockr;

/// <summary>Points the page's Lockr SDK tags (<c>identity-lockr*.js</c> on <c>aim.loc.kr</c> or <c>identity.loc.kr</c>)
/// at <c>/integrations/lockr/sdk</c>, which serves the configured <c>sdk_url</c>.</summary>
public sealed class LockrTagRewriter : IHtmlAttributeRewriter
{
    /// <summary>The first-party SDK path.</summary>
    public const string SdkPath = "/integrations/lockr/sdk";

    public IReadOnlyList<string>? TagNames { get; } = ["script", "link"];

    public IReadOnlyList<string> Needles { get; } = ["loc.kr"];

    public bool Wants(string tagName, string attributeName) =>
        (tagName == "script" && attributeName == "src") || (tagName == "link" && attributeName == "href");

    public AttributeRewrite Rewrite(string tagName, string attributeName, string value, PublisherDocument document) =>
        VendorScriptUrl.TryParse(value, out var host, out var path, out _)
        && host is "aim.loc.kr" or "identity.loc.kr"
        && path.Contains("identity-lockr", StringComparison.OrdinalIgnoreCase)
        && path.EndsWith(".js", StringComparison.OrdinalIgnoreCase)
            ? AttributeRewrite.Replace(SdkPath)
            : AttributeRewrite.Keep;
}
