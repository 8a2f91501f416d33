using TrustedServer.Core.Rewriting.Publisher;

namespace TrustedServer.Core.Rewriting.Integrations;

/// <summary>
/// An integration's rewriting of attribute values in publisher pages. It runs after the origin-to-first-party URL
/// mapping, inside the publisher's one handler set, and sees the value as the mapping (and any integration registered
/// before it) left it.
/// </summary>
public interface IHtmlAttributeRewriter
{
    /// <summary>
    /// Lower-case ASCII byte strings, one of which a start tag must hold (as written, compared in lower case) for this
    /// rewriter to see it. Keeps the publisher's fast path, which maps most tags straight from their bytes, for every
    /// other tag.
    /// </summary>
    IReadOnlyList<string> Needles { get; }

    /// <summary>
    /// The lower-case tag names this rewriter looks at, or null for any: it sees no other tag. When every rewriter names
    /// its tags, a start tag with another name skips the needle search altogether (most of a page's tags are neither
    /// scripts nor links).
    /// </summary>
    IReadOnlyList<string>? TagNames => null;

    /// <summary>Does this rewriter look at <paramref name="attributeName"/> (lower case) on <paramref name="tagName"/> (lower case)?</summary>
    bool Wants(string tagName, string attributeName);

    /// <summary>Decides for one value (character references resolved).</summary>
    AttributeRewrite Rewrite(string tagName, string attributeName, string value, PublisherDocument document);
}
