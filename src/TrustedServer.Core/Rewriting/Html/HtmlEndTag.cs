using System.Text;
using TrustedServer.Core.Rewriting.Html.Tokenizer;

namespace TrustedServer.Core.Rewriting.Html;

/// <summary>The end tag of a matched element, given to the callbacks registered with
/// <see cref="HtmlElement.OnEndTag"/>. Valid only during the call.</summary>
public sealed class HtmlEndTag
{
    private HtmlRewriter _rewriter;
    private byte[] _name = [];
    private int _nameLength;

    internal HtmlEndTag(HtmlRewriter rewriter) => _rewriter = rewriter;

    /// <summary>Hands the (pooled) instance to the rewriter of the next document.</summary>
    internal void Attach(HtmlRewriter rewriter) => _rewriter = rewriter;

    /// <summary>The per-document state given to the rewriter.</summary>
    public object? State => _rewriter.State;

    /// <summary>The tag name in lower case.</summary>
    public string Name => Encoding.ASCII.GetString(_name, 0, _nameLength);

    /// <summary>Was the end tag removed?</summary>
    public bool IsRemoved { get; private set; }

    internal ContentList BeforeContent { get; } = new();

    internal ContentList AfterContent { get; } = new();

    /// <summary>Inserts content just before the end tag.</summary>
    public void Before(string content, HtmlContentType type) => BeforeContent.Add(content, type);

    /// <summary>Inserts content just after the end tag.</summary>
    public void After(string content, HtmlContentType type) => AfterContent.Add(content, type);

    /// <summary>Removes the end tag itself (inserted content stays).</summary>
    public void Remove() => IsRemoved = true;

    internal void Reset(ReadOnlySpan<byte> name)
    {
        if (_name.Length < name.Length)
        {
            _name = new byte[Math.Max(16, name.Length)];
        }

        for (var i = 0; i < name.Length; i++)
        {
            _name[i] = TagNames.ToLower(name[i]);
        }

        _nameLength = name.Length;
        IsRemoved = false;
        BeforeContent.Clear();
        AfterContent.Clear();
    }
}
