using System.Text;

namespace TrustedServer.Core.Rewriting.Html;

/// <summary>
/// The handlers and limits for HTML rewriting, built once and shared by many documents (create one
/// <see cref="HtmlRewriter"/> per document). Register everything before the first rewriter is created.
/// Handlers run on the thread that feeds the rewriter; per-document state travels in <see cref="HtmlRewriter"/>'s
/// <c>state</c> argument and is visible to handlers as <c>State</c>.
/// </summary>
public sealed class HtmlRewriterSettings
{
    private readonly List<ElementRegistration> _elements = [];
    private readonly List<TextRegistration> _texts = [];
    private readonly List<Action<HtmlDocumentEnd>> _documentEnd = [];

    /// <summary>A tag longer than this is emitted unmodified and no handler sees it (default 64 KiB).</summary>
    public int MaxTagBytes { get; set; } = 64 * 1024;

    /// <summary>The most text a whole-node text handler may have buffered; a longer text node is handed over in
    /// chunks instead (default 64 KiB).</summary>
    public int MaxBufferedTextBytes { get; set; } = 64 * 1024;

    /// <summary>The document's encoding, used only to turn attribute values and text into strings and back, and to
    /// encode inserted content (default UTF-8). Any ASCII-compatible encoding works.</summary>
    public Encoding Encoding { get; set; } = new UTF8Encoding(false);

    internal IReadOnlyList<ElementRegistration> Elements => _elements;

    internal IReadOnlyList<TextRegistration> Texts => _texts;

    internal IReadOnlyList<Action<HtmlDocumentEnd>> DocumentEnd => _documentEnd;

    /// <summary>Calls <paramref name="handler"/> for every start tag matching <paramref name="selector"/>
    /// (<c>*</c>, <c>type</c>, <c>#id</c>, <c>.class</c>, <c>[attr]</c>, <c>[attr=v]</c>, <c>[attr~=v]</c>,
    /// <c>[attr^=v]</c>, <c>[attr$=v]</c>, <c>[attr*=v]</c>, <c>[attr|=v]</c>, comma lists).</summary>
    /// <exception cref="FormatException">The selector is not supported.</exception>
    public HtmlRewriterSettings OnElement(string selector, Action<HtmlElement> handler)
    {
        ArgumentNullException.ThrowIfNull(handler);
        _elements.Add(new ElementRegistration(Selector.ParseList(selector), handler));
        return this;
    }

    /// <summary>Calls <paramref name="handler"/> with the text inside elements matching <paramref name="selector"/>.
    /// With <paramref name="wholeNode"/>, each text node is buffered (up to <see cref="MaxBufferedTextBytes"/>) and
    /// handed over once, complete, with <see cref="HtmlTextChunk.LastInTextNode"/> set, so the handler can replace it
    /// as a whole; a longer node arrives in chunks like without the flag.</summary>
    public HtmlRewriterSettings OnText(string selector, Action<HtmlTextChunk> handler, bool wholeNode = false)
    {
        ArgumentNullException.ThrowIfNull(handler);
        _texts.Add(new TextRegistration(Selector.ParseList(selector), handler, wholeNode));
        return this;
    }

    /// <summary>Calls <paramref name="handler"/> once at the end of the document, after all other output.</summary>
    public HtmlRewriterSettings OnDocumentEnd(Action<HtmlDocumentEnd> handler)
    {
        ArgumentNullException.ThrowIfNull(handler);
        _documentEnd.Add(handler);
        return this;
    }

    internal sealed record ElementRegistration(Selector[] Selectors, Action<HtmlElement> Handler);

    internal sealed record TextRegistration(Selector[] Selectors, Action<HtmlTextChunk> Handler, bool WholeNode);
}
