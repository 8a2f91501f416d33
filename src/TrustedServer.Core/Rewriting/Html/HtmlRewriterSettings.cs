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
    private readonly Stack<RewriterScratch> _scratch = new();
    private ElementRegistration[]? _frozenElements;
    private TextRegistration[]? _frozenTexts;
    private Action<HtmlDocumentEnd>[]? _frozenDocumentEnd;

    private static int MaxPooledScratch => Math.Max(4, Environment.ProcessorCount * 2);

    /// <summary>A tag longer than this is emitted unmodified and no handler sees it (default 64 KiB).</summary>
    public int MaxTagBytes { get; set; } = 64 * 1024;

    /// <summary>The most text a whole-node text handler may have buffered; a longer text node is handed over in
    /// chunks instead (default 64 KiB).</summary>
    public int MaxBufferedTextBytes { get; set; } = 64 * 1024;

    /// <summary>The document's encoding, used only to turn attribute values and text into strings and back, and to
    /// encode inserted content (default UTF-8). Any ASCII-compatible encoding works.</summary>
    public Encoding Encoding { get; set; } = new UTF8Encoding(false);

    internal ElementRegistration[] Elements => _frozenElements ??= [.. _elements];

    internal TextRegistration[] Texts => _frozenTexts ??= [.. _texts];

    internal Action<HtmlDocumentEnd>[] DocumentEnd => _frozenDocumentEnd ??= [.. _documentEnd];

    internal RewriterScratch RentScratch()
    {
        lock (_scratch)
        {
            return _scratch.Count > 0 ? _scratch.Pop() : new RewriterScratch();
        }
    }

    internal void ReturnScratch(RewriterScratch scratch)
    {
        lock (_scratch)
        {
            if (_scratch.Count < MaxPooledScratch)
            {
                _scratch.Push(scratch);
            }
        }
    }

    /// <summary>Calls <paramref name="handler"/> for every start tag matching <paramref name="selector"/>
    /// (<c>*</c>, <c>type</c>, <c>#id</c>, <c>.class</c>, <c>[attr]</c>, <c>[attr=v]</c>, <c>[attr~=v]</c>,
    /// <c>[attr^=v]</c>, <c>[attr$=v]</c>, <c>[attr*=v]</c>, <c>[attr|=v]</c>, comma lists).</summary>
    /// <exception cref="FormatException">The selector is not supported.</exception>
    public HtmlRewriterSettings OnElement(string selector, Action<HtmlElement> handler) => OnElement(selector, handler, filter: null);

    /// <summary>As <see cref="OnElement(string, Action{HtmlElement})"/>, skipping tags for which
    /// <paramref name="filter"/> says the handler would change nothing.</summary>
    /// <exception cref="FormatException">The selector is not supported.</exception>
    public HtmlRewriterSettings OnElement(string selector, Action<HtmlElement> handler, HtmlTagFilter? filter) =>
        OnElement(selector, handler, filter, rewriter: null);

    /// <summary>
    /// As <see cref="OnElement(string, Action{HtmlElement}, HtmlTagFilter?)"/>, with <paramref name="rewriter"/> tried
    /// first on tags the filter lets through. It is used only while this is the sole element registration and no text
    /// handler wants the element; otherwise, or when it declines, <paramref name="handler"/> runs.
    /// </summary>
    internal HtmlRewriterSettings OnElement(string selector, Action<HtmlElement> handler, HtmlTagFilter? filter, StartTagRewriter? rewriter)
    {
        ArgumentNullException.ThrowIfNull(handler);
        _elements.Add(new ElementRegistration(Selector.ParseList(selector), handler, filter, rewriter));
        _frozenElements = null;
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
        _frozenTexts = null;
        return this;
    }

    /// <summary>Calls <paramref name="handler"/> once at the end of the document, after all other output.</summary>
    public HtmlRewriterSettings OnDocumentEnd(Action<HtmlDocumentEnd> handler)
    {
        ArgumentNullException.ThrowIfNull(handler);
        _documentEnd.Add(handler);
        _frozenDocumentEnd = null;
        return this;
    }

    internal sealed record ElementRegistration(Selector[] Selectors, Action<HtmlElement> Handler, HtmlTagFilter? Filter, StartTagRewriter? Rewriter = null);

    internal sealed record TextRegistration(Selector[] Selectors, Action<HtmlTextChunk> Handler, bool WholeNode);
}
