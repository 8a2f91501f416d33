using TrustedServer.Core.UrlParsing;

namespace TrustedServer.Core.Rewriting.Creative;

/// <summary>
/// The original creative handler set as data (auction <c>adm</c> and HTML fetched through <c>/first-party/proxy</c>),
/// for the streaming HTML engine to apply: which element/attribute pairs become proxy or click URLs, which elements
/// are removed, whose text is CSS, and which values are eligible at all.
/// </summary>
public static class CreativeUrlRules
{
    /// <summary>The attribute that receives a copy of every rewritten click URL (read by the client click guard).</summary>
    public const string ClickCopyAttribute = "data-tsclick";

    private static readonly string[] NonNetworkSchemes = ["data:", "javascript:", "mailto:", "tel:", "blob:", "about:"];

    /// <summary>
    /// Classifies <paramref name="attribute"/> on <paramref name="element"/> (names are case-insensitive; SVG
    /// <c>xlink:href</c> is written with its prefix). <paramref name="otherAttribute"/> looks up another attribute of
    /// the same element: <c>link</c> needs <c>rel</c>, <c>input</c> needs <c>type</c>.
    /// </summary>
    public static CreativeUrlKind Classify(string element, string attribute, Func<string, string?>? otherAttribute = null)
    {
        ArgumentNullException.ThrowIfNull(element);
        ArgumentNullException.ThrowIfNull(attribute);
        var el = element.ToLowerInvariant();
        var attr = attribute.ToLowerInvariant();

        switch (attr)
        {
            case "srcset":
            case "imagesrcset":
                return CreativeUrlKind.Srcset;
            case "style":
                return CreativeUrlKind.Style;
        }

        return (el, attr) switch
        {
            ("img", "src" or "data-src") => CreativeUrlKind.Proxy,
            ("script" or "iframe" or "video" or "audio" or "source" or "embed", "src") => CreativeUrlKind.Proxy,
            ("object", "data") => CreativeUrlKind.Proxy,
            ("image" or "use", "href" or "xlink:href") => CreativeUrlKind.Proxy,
            ("input", "src") when IsImageInput(otherAttribute) => CreativeUrlKind.Proxy,
            ("link", "href") when IsFetchingLink(otherAttribute) => CreativeUrlKind.Proxy,
            ("a" or "area", "href") => CreativeUrlKind.Click,
            _ => CreativeUrlKind.None,
        };
    }

    /// <summary>
    /// True for elements removed with their content: a bidder's <c>&lt;base&gt;</c> would rebase the root-relative
    /// <c>/first-party/…</c> URLs onto a foreign origin.
    /// </summary>
    public static bool IsRemovedElement(string element) => string.Equals(element, "base", StringComparison.OrdinalIgnoreCase);

    /// <summary>True for elements whose text is CSS whose <c>url(...)</c> values are proxied (<c>&lt;style&gt;</c>).</summary>
    public static bool IsStyleElement(string element) => string.Equals(element, "style", StringComparison.OrdinalIgnoreCase);

    /// <summary>
    /// The absolute URL to sign for an attribute value, or null to leave it alone: relative URLs, the schemes
    /// <c>data:</c>, <c>javascript:</c>, <c>mailto:</c>, <c>tel:</c>, <c>blob:</c>, <c>about:</c> (and any non-http
    /// scheme), and hosts matched by <paramref name="excludedDomains"/>. A protocol-relative <c>//host</c> becomes https.
    /// </summary>
    public static string? ToAbsolute(string? value, DomainPatternList excludedDomains)
    {
        ArgumentNullException.ThrowIfNull(excludedDomains);
        var t = value.AsSpan().Trim();
        if (t.IsEmpty)
        {
            return null;
        }

        foreach (var scheme in NonNetworkSchemes)
        {
            if (t.StartsWith(scheme, StringComparison.OrdinalIgnoreCase))
            {
                return null;
            }
        }

        string absolute;
        if (t.StartsWith("//", StringComparison.Ordinal))
        {
            absolute = "https:" + t.ToString();
        }
        else if (t.StartsWith("http://", StringComparison.OrdinalIgnoreCase) || t.StartsWith("https://", StringComparison.OrdinalIgnoreCase))
        {
            absolute = t.ToString();
        }
        else
        {
            return null;
        }

        if (!excludedDomains.IsEmpty && WhatwgHttpUrl.TryGetHost(absolute, out var host) && excludedDomains.Matches(host))
        {
            return null;
        }

        return absolute;
    }

    private static bool IsImageInput(Func<string, string?>? otherAttribute) =>
        string.Equals(otherAttribute?.Invoke("type")?.Trim(), "image", StringComparison.OrdinalIgnoreCase);

    // Substring match, as the original: "modulepreload" and "dns-prefetch" count too.
    private static bool IsFetchingLink(Func<string, string?>? otherAttribute)
    {
        var rel = otherAttribute?.Invoke("rel");
        return rel is not null &&
            (rel.Contains("stylesheet", StringComparison.OrdinalIgnoreCase) ||
             rel.Contains("preload", StringComparison.OrdinalIgnoreCase) ||
             rel.Contains("prefetch", StringComparison.OrdinalIgnoreCase));
    }
}
