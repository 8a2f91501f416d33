using TrustedServer.Core.Rewriting.Publisher;

namespace TrustedServer.Core.Rewriting.Integrations.Prebid;

/// <summary>
/// Removes the publisher's own Prebid.js <c>&lt;script src&gt;</c> and <c>&lt;link href&gt;</c> (preload) tags: a
/// pattern without <c>*</c> matches a URL path ending with it (<c>/prebid.js</c>); with <c>*</c>, the whole path
/// (<c>/static/prebid/*</c>). Case-insensitive; the query and fragment are ignored.
/// </summary>
public sealed class PrebidTagRemover : IHtmlAttributeRewriter
{
    private readonly string[] _patterns;

    public PrebidTagRemover(IReadOnlyList<string> patterns)
    {
        _patterns = [.. patterns.Select(p => p.ToLowerInvariant())];

        // The longest literal piece of each pattern is what a tag must hold to be worth looking at.
        Needles = [.. _patterns.Select(p => p.Split('*').OrderByDescending(s => s.Length).First())];
    }

    public IReadOnlyList<string> Needles { get; }

    public IReadOnlyList<string>? TagNames { get; } = ["script", "link"];

    public bool Wants(string tagName, string attributeName) =>
        (tagName == "script" && attributeName == "src") || (tagName == "link" && attributeName == "href");

    public AttributeRewrite Rewrite(string tagName, string attributeName, string value, PublisherDocument document)
    {
        // Patterns are lower case, so comparing ignoring case saves lowering a copy of every URL looked at.
        var path = PathOf(value);
        foreach (var pattern in _patterns)
        {
            if (pattern.Contains('*', StringComparison.Ordinal) ? Glob(path, pattern) : path.EndsWith(pattern, StringComparison.OrdinalIgnoreCase))
            {
                return AttributeRewrite.RemoveElement;
            }
        }

        return AttributeRewrite.Keep;
    }

    private static string PathOf(string value)
    {
        var text = value.Trim();
        var end = text.IndexOfAny(['?', '#']);
        if (end >= 0)
        {
            text = text[..end];
        }

        var scheme = text.IndexOf("//", StringComparison.Ordinal);
        if (scheme >= 0 && (scheme == 0 || text[..scheme].EndsWith(':')))
        {
            var slash = text.IndexOf('/', scheme + 2);
            return slash < 0 ? "/" : text[slash..];
        }

        return text;
    }

    /// <summary>Whole-string match where <c>*</c> matches any run of characters.</summary>
    private static bool Glob(string text, string pattern)
    {
        var parts = pattern.Split('*');
        if (!text.StartsWith(parts[0], StringComparison.OrdinalIgnoreCase))
        {
            return false;
        }

        var at = parts[0].Length;
        for (var i = 1; i < parts.Length - 1; i++)
        {
            var found = text.IndexOf(parts[i], at, StringComparison.OrdinalIgnoreCase);
            if (found < 0)
            {
                return false;
            }

            at = found + parts[i].Length;
        }

        var last = parts[^1];
        return text.Length - at >= last.Length && text.EndsWith(last, StringComparison.OrdinalIgnoreCase);
    }
}
