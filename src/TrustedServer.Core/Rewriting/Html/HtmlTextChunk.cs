namespace TrustedServer.Core.Rewriting.Html;

/// <summary>
/// A piece of text inside a matched element, given to text handlers. Bytes are as written (character references
/// not resolved). Valid only during the handler call (the instance is reused).
/// </summary>
public sealed class HtmlTextChunk
{
    private HtmlRewriter _rewriter;
    private byte[] _buffer = [];
    private int _length;
    private byte[] _replacement = [];
    private int _replacementLength;

    internal HtmlTextChunk(HtmlRewriter rewriter) => _rewriter = rewriter;

    /// <summary>Hands the (pooled) instance to the rewriter of the next document.</summary>
    internal void Attach(HtmlRewriter rewriter) => _rewriter = rewriter;

    /// <summary>The per-document state given to the rewriter.</summary>
    public object? State => _rewriter.State;

    /// <summary>The text bytes of this chunk.</summary>
    public ReadOnlySpan<byte> Bytes => _buffer.AsSpan(0, _length);

    /// <summary>The text as a string in the document's encoding (allocates).</summary>
    public string Text => _rewriter.Encoding.GetString(Bytes);

    /// <summary>Is this the last chunk of its text node? (It may be empty.)</summary>
    public bool LastInTextNode { get; private set; }

    /// <summary>Does this chunk hold the whole text node (whole-node handlers under the buffering cap)?</summary>
    public bool IsWholeNode { get; private set; }

    /// <summary>The content model of the text: inside <c>script</c>/<c>style</c> it is <see cref="HtmlTextKind.RawText"/>
    /// and replacements are written without any escaping.</summary>
    public HtmlTextKind Kind { get; private set; }

    /// <summary>Was the chunk removed?</summary>
    public bool IsRemoved { get; private set; }

    /// <summary>Has the chunk been replaced?</summary>
    public bool IsReplaced { get; private set; }

    internal string? ReplacementString { get; private set; }

    internal HtmlContentType ReplacementType { get; private set; }

    internal ReadOnlySpan<byte> ReplacementBytes => _replacement.AsSpan(0, _replacementLength);

    /// <summary>Replaces the chunk. Text is escaped only outside raw-text elements.</summary>
    public void Replace(string content, HtmlContentType type)
    {
        ArgumentNullException.ThrowIfNull(content);
        ReplacementString = content;
        ReplacementType = type;
        IsReplaced = true;
        IsRemoved = false;
    }

    /// <summary>Replaces the chunk with bytes written exactly as given (no escaping anywhere); they are copied.</summary>
    public void ReplaceBytes(ReadOnlySpan<byte> content)
    {
        if (_replacement.Length < content.Length)
        {
            _replacement = new byte[Math.Max(content.Length, _replacement.Length * 2)];
        }

        content.CopyTo(_replacement);
        _replacementLength = content.Length;
        ReplacementString = null;
        IsReplaced = true;
        IsRemoved = false;
    }

    /// <summary>Removes the chunk.</summary>
    public void Remove()
    {
        IsRemoved = true;
        IsReplaced = false;
    }

    internal void Reset(byte[] buffer, int length, bool last, bool wholeNode, HtmlTextKind kind)
    {
        _buffer = buffer;
        _length = length;
        LastInTextNode = last;
        IsWholeNode = wholeNode;
        Kind = kind;
        IsRemoved = false;
        IsReplaced = false;
        ReplacementString = null;
        _replacementLength = 0;
    }
}
