using TrustedServer.Core.Rewriting.Publisher;

namespace TrustedServer.Core.Rewriting.Integrations.DataDome;

/// <summary>Points the page's DataDome tags (<c>js.datadome.co/tags.js</c>, as a script or a preload) at
/// <c>/integrations/datadome/tags.js</c>, query kept.</summary>
public sealed class DataDomeTagRewriter : IHtmlAttributeRewriter
{
    /// <summary>DataDome's tag host.</summary>
    public const string SdkHost = "js.datadome.co";

    /// <summary>The first-party tag path.</summary>
    public const string TagPath = "/integrations/datadome/tags.js";

    public IReadOnlyList<string>? TagNames { get; } = ["script", "link"];

    public IReadOnlyList<string> Needles { get; } = ["datadome"];

    public bool Wants(string tagName, string attributeName) =>
        (tagName == "script" && attributeName == "src") || (tagName == "link" && attributeName == "href");

    public AttributeRewrite Rewrite(string tagName, string attributeName, string value, PublisherDocument document) =>
        VendorScriptUrl.TryParse(value, out var host, out var path, out var query) && host == SdkHost && path.Equals("/tags.js", StringComparison.OrdinalIgnoreCase)
            ? AttributeRewrite.Replace(TagPath + query)
            : AttributeRewrite.Keep;
}
