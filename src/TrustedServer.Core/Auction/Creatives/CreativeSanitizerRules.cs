using System.Collections.Frozen;
using TrustedServer.Core.Rewriting.Html;

namespace TrustedServer.Core.Auction.Creatives;

/// <summary>The sanitizer's allow-lists and the per-element decision.</summary>
internal static class CreativeSanitizerRules
{
    /// <summary>Elements kept as they are (their attributes still filtered).</summary>
    private static readonly FrozenSet<string> AllowedElements = FrozenSet.Create(StringComparer.Ordinal,
        "a", "abbr", "area", "article", "aside", "audio", "b", "bdi", "bdo", "blockquote", "body", "br", "button", "caption", "center",
        "cite", "code", "col", "colgroup", "dd", "del", "details", "dfn", "div", "dl", "dt", "em", "figcaption", "figure", "font",
        "footer", "h1", "h2", "h3", "h4", "h5", "h6", "head", "header", "hr", "html", "i", "iframe", "img", "ins", "kbd", "label", "li",
        "main", "map", "mark", "nav", "ol", "p", "picture", "pre", "q", "s", "samp", "section", "small", "source", "span", "strike",
        "strong", "sub", "summary", "sup", "table", "tbody", "td", "tfoot", "th", "thead", "time", "title", "tr", "track", "u", "ul",
        "var", "video", "wbr", "svg", "g", "path", "rect", "circle", "ellipse", "line", "polyline", "polygon", "text", "tspan", "defs",
        "lineargradient", "radialgradient", "stop", "image", "use", "clippath", "mask", "pattern", "symbol", "desc");

    /// <summary>Attributes kept (besides <c>data-*</c> and <c>aria-*</c>); URL-valued ones are checked further.</summary>
    private static readonly FrozenSet<string> AllowedAttributes = FrozenSet.Create(StringComparer.Ordinal,
        "id", "class", "title", "alt", "width", "height", "src", "srcset", "sizes", "href", "target", "rel", "name", "style",
        "align", "valign", "border", "cellpadding", "cellspacing", "colspan", "rowspan", "color", "bgcolor", "dir", "lang",
        "role", "tabindex", "type", "usemap", "shape", "coords", "frameborder", "scrolling", "marginwidth", "marginheight",
        "allow", "sandbox", "loading", "referrerpolicy", "poster", "controls", "autoplay", "muted", "loop", "playsinline",
        "preload", "media", "hidden", "datetime", "face", "size", "viewbox", "xmlns", "xmlns:xlink", "xlink:href", "d", "fill",
        "stroke", "stroke-width", "transform", "x", "y", "x1", "x2", "y1", "y2", "cx", "cy", "r", "rx", "ry", "points", "offset",
        "stop-color", "stop-opacity", "opacity", "fill-opacity", "preserveaspectratio", "gradientunits", "clip-path", "font-size",
        "font-family", "text-anchor", "imagesrcset", "data-src", "background", "decoding");

    private static readonly FrozenSet<string> UrlAttributes = FrozenSet.Create(StringComparer.Ordinal,
        "href", "src", "data-src", "xlink:href", "poster", "background", "action", "formaction");

    private static readonly string[] AllowedDataImages = ["data:image/png", "data:image/jpeg", "data:image/jpg", "data:image/gif", "data:image/webp", "data:image/avif"];

    private static readonly string[] DangerousStyle = ["expression(", "javascript:", "vbscript:", "data:text/", "data:application/", "data:image/svg", "behavior:", "-moz-binding", "@import"];

    public static void OnElement(HtmlElement element)
    {
        var name = element.TagName;
        if (!AllowedElements.Contains(name))
        {
            element.Remove();
            return;
        }

        for (var i = 0; i < element.AttributeCount; i++)
        {
            if (element.IsAttributeRemoved(i))
            {
                continue;
            }

            var attribute = element.GetAttributeName(i);
            if (!IsAllowedAttribute(attribute) || !IsSafeValue(attribute, element.GetAttributeValue(i)))
            {
                element.RemoveAttribute(i);
            }
        }
    }

    private static bool IsAllowedAttribute(string attribute) =>
        !attribute.StartsWith("on", StringComparison.Ordinal)
        && (AllowedAttributes.Contains(attribute) || attribute.StartsWith("data-", StringComparison.Ordinal) || attribute.StartsWith("aria-", StringComparison.Ordinal));

    private static bool IsSafeValue(string attribute, string value)
    {
        if (UrlAttributes.Contains(attribute))
        {
            return IsSafeUrl(value);
        }

        if (attribute is "srcset" or "imagesrcset")
        {
            foreach (var candidate in value.Split(','))
            {
                // A data: URL may hold a comma of its own; its scheme still decides.
                var url = candidate.Trim().Split(' ', 2)[0];
                if (url.Length > 0 && !IsSafeUrl(url) && !IsBase64Tail(url))
                {
                    return false;
                }
            }

            return true;
        }

        if (attribute == "style")
        {
            var normalized = Normalize(value);
            return !DangerousStyle.Any(d => normalized.Contains(d, StringComparison.Ordinal));
        }

        return true;
    }

    private static bool IsBase64Tail(string part) => part.All(c => char.IsAsciiLetterOrDigit(c) || c is '+' or '/' or '=');

    private static bool IsSafeUrl(string value)
    {
        var normalized = Normalize(value);
        if (normalized.StartsWith("javascript:", StringComparison.Ordinal) || normalized.StartsWith("vbscript:", StringComparison.Ordinal))
        {
            return false;
        }

        return !normalized.StartsWith("data:", StringComparison.Ordinal)
            || AllowedDataImages.Any(prefix => normalized.StartsWith(prefix, StringComparison.Ordinal) && normalized.Length > prefix.Length && normalized[prefix.Length] is ';' or ',');
    }

    /// <summary>Lower case without whitespace and control characters, as a browser reads a scheme (<c>java&#9;script:</c>).</summary>
    private static string Normalize(string value)
    {
        Span<char> buffer = value.Length <= 256 ? stackalloc char[value.Length] : new char[value.Length];
        var n = 0;
        foreach (var c in value)
        {
            if (c > ' ' && c != '\u007f')
            {
                buffer[n++] = char.ToLowerInvariant(c);
            }
        }

        return new string(buffer[..n]);
    }
}
