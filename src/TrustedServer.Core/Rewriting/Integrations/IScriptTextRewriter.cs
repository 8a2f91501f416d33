using TrustedServer.Core.Rewriting.Publisher;

namespace TrustedServer.Core.Rewriting.Integrations;

/// <summary>
/// An integration's rewriting of the text of elements matching <see cref="Selector"/> (in practice inline
/// <c>script</c>s). The text arrives in chunks as the page streams, after the publisher's URL mapping; the transform
/// returned by <see cref="Begin"/> carries whatever it needs across chunks, so its output does not depend on where
/// they split, and its output is written back raw.
/// </summary>
public interface IScriptTextRewriter
{
    /// <summary>A CSS selector (the engine's subset: type, <c>#id</c>, <c>.class</c>, attribute conditions, lists).</summary>
    string Selector { get; }

    /// <summary>A transform for one text node, or null to leave it alone.</summary>
    IBodyTransform? Begin(PublisherDocument document);

    /// <summary>
    /// When true, the rewriter gets the text before the publisher's URL mapping and in its place: a node it begins
    /// (a non-null transform) is not mapped by the publisher at all, so the transform maps what it should itself (for
    /// formats the plain mapping would corrupt, such as length-prefixed payloads). Such rewriters run first, in
    /// registration order, and the first to begin a node owns it.
    /// </summary>
    bool ReplacesUrlMapping => false;

    /// <summary>Markup to append at the end of the document (what the rewriter still holds across text nodes), or null.</summary>
    string? DocumentEnd(PublisherDocument document) => null;
}
