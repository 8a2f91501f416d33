using System.Text;
using TrustedServer.Core.Rewriting.Html.Tokenizer;

namespace TrustedServer.Core.Rewriting.Html;

/// <summary>
/// A matched start tag, given to element handlers. Valid only during the handler call (the instance is reused).
/// Attribute access by index is allocation-free over raw bytes; strings are made only when asked for.
/// </summary>
public sealed partial class HtmlElement
{
    private HtmlRewriter _rewriter;
    private byte[] _raw = new byte[256];
    private int _rawLength;
    private int _nameStart;
    private int _nameEnd;
    private HtmlAttributeSpan[] _attrs = new HtmlAttributeSpan[8];
    private string? _tagName;

    internal HtmlElement(HtmlRewriter rewriter) => _rewriter = rewriter;

    /// <summary>Hands the (pooled) instance to the rewriter of the next document.</summary>
    internal void Attach(HtmlRewriter rewriter) => _rewriter = rewriter;

    /// <summary>The per-document state given to the rewriter.</summary>
    public object? State => _rewriter.State;

    /// <summary>The tag name in lower case (allocated on first use per tag; prefer <see cref="IsTag"/>).</summary>
    public string TagName => _tagName ??= Encoding.ASCII.GetString(LowerName());

    /// <summary>The tag name as written in the document.</summary>
    public ReadOnlySpan<byte> TagNameBytes => _raw.AsSpan(_nameStart, _nameEnd - _nameStart);

    /// <summary>Was the tag written self-closing (<c>&lt;x/&gt;</c>)?</summary>
    public bool IsSelfClosing { get; private set; }

    /// <summary>False for void elements and self-closing foreign elements: they have no content and no end tag.</summary>
    public bool CanHaveContent { get; private set; }

    /// <summary>Number of attributes, duplicates included, in document order.</summary>
    public int AttributeCount { get; private set; }

    /// <summary>Has the element been removed or replaced?</summary>
    public bool IsRemoved => Removal != RemovalKind.None;

    internal RemovalKind Removal { get; private set; }

    internal bool RawTextContent { get; private set; }

    internal ContentList BeforeContent { get; } = new();

    internal ContentList AfterContent { get; } = new();

    internal ContentList PrependContent { get; } = new();

    internal ContentList AppendContent { get; } = new();

    internal ContentList ReplacementContent { get; } = new();

    internal List<Action<HtmlEndTag>>? EndTagHandlers { get; private set; }

    internal enum RemovalKind : byte
    {
        None,
        Element,
        TagsOnly,
    }

    /// <summary>Is this a <paramref name="lowerName"/> element (ASCII case-insensitive, no allocation)?</summary>
    public bool IsTag(string lowerName)
    {
        ArgumentNullException.ThrowIfNull(lowerName);
        var name = TagNameBytes;
        if (name.Length != lowerName.Length)
        {
            return false;
        }

        for (var i = 0; i < name.Length; i++)
        {
            if (TagNames.ToLower(name[i]) != lowerName[i])
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>Inserts content before the start tag.</summary>
    public void Before(string content, HtmlContentType type) => BeforeContent.Add(content, type);

    /// <summary>Inserts content after the end tag (after the start tag for elements without content).</summary>
    public void After(string content, HtmlContentType type) => AfterContent.Insert(content, type);

    /// <summary>Inserts content right after the start tag, as the first child.</summary>
    public void Prepend(string content, HtmlContentType type) => PrependContent.Insert(content, type);

    /// <summary>Inserts content right before the end tag, as the last child.</summary>
    public void Append(string content, HtmlContentType type) => AppendContent.Add(content, type);

    /// <summary>Replaces the whole element (tags and content) with <paramref name="content"/>.</summary>
    public void Replace(string content, HtmlContentType type)
    {
        ReplacementContent.Clear();
        ReplacementContent.Add(content, type);
        Removal = RemovalKind.Element;
    }

    /// <summary>Removes the element with its content.</summary>
    public void Remove()
    {
        ReplacementContent.Clear();
        Removal = RemovalKind.Element;
    }

    /// <summary>Removes the start and end tags but keeps the content.</summary>
    public void RemoveAndKeepContent() => Removal = RemovalKind.TagsOnly;

    /// <summary>Calls <paramref name="handler"/> when this element's end tag is reached (never for elements that
    /// cannot have content, nor when the document ends without the end tag).</summary>
    public void OnEndTag(Action<HtmlEndTag> handler)
    {
        ArgumentNullException.ThrowIfNull(handler);
        (EndTagHandlers ??= []).Add(handler);
    }

    internal ReadOnlySpan<byte> Raw => _raw.AsSpan(0, _rawLength);

    internal ReadOnlySpan<HtmlAttributeSpan> Spans => _attrs.AsSpan(0, AttributeCount);

    internal void Reset(in HtmlTagView tag, bool canHaveContent, bool rawTextContent)
    {
        if (_raw.Length < tag.Raw.Length)
        {
            _raw = new byte[Math.Max(tag.Raw.Length, _raw.Length * 2)];
        }

        tag.Raw.CopyTo(_raw);
        _rawLength = tag.Raw.Length;
        _nameStart = tag.NameStart;
        _nameEnd = tag.NameEnd;
        if (_attrs.Length < tag.Attributes.Length)
        {
            _attrs = new HtmlAttributeSpan[Math.Max(tag.Attributes.Length, _attrs.Length * 2)];
            _edits = new AttributeEdit[_attrs.Length];
        }

        tag.Attributes.CopyTo(_attrs);
        AttributeCount = tag.Attributes.Length;
        _edits.AsSpan(0, AttributeCount).Clear();
        _editBytes = 0;
        _addedCount = 0;
        _hasEdits = false;
        _tagName = null;
        IsSelfClosing = tag.SelfClosing;
        CanHaveContent = canHaveContent;
        RawTextContent = rawTextContent;
        Removal = RemovalKind.None;
        BeforeContent.Clear();
        AfterContent.Clear();
        PrependContent.Clear();
        AppendContent.Clear();
        ReplacementContent.Clear();
        EndTagHandlers = null;
    }

    private ReadOnlySpan<byte> LowerName()
    {
        var name = TagNameBytes;
        var lower = new byte[name.Length];
        for (var i = 0; i < name.Length; i++)
        {
            lower[i] = TagNames.ToLower(name[i]);
        }

        return lower;
    }
}
