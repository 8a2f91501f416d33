using System.Buffers;
using TrustedServer.Core.Rewriting.Html.Tokenizer;

namespace TrustedServer.Core.Rewriting.Html;

/// <summary>Text handling: text outside matched elements is written as it is scanned; text of an element with text
/// handlers goes to them chunk by chunk, or whole (buffered up to the cap) for whole-node handlers.</summary>
public sealed partial class HtmlRewriter
{
    private byte[] _text = [];
    private int _textLength;
    private bool _inText;
    private bool _textOverflow;
    private HtmlTextKind _textKind;
    private OpenElement? _textEntry;

    bool IHtmlTokenSink.Text(ReadOnlySpan<byte> pending, ReadOnlySpan<byte> text, HtmlTextKind kind)
    {
        if (_suppressedBy >= 0)
        {
            WritePending(pending);
            return false;
        }

        var entry = TextTarget();
        if (entry is null)
        {
            return true;
        }

        WritePending(pending);
        if (_inText && _textEntry != entry)
        {
            EndTextNode();
        }

        _inText = true;
        _textEntry = entry;
        _textKind = kind;
        if (entry.WholeNodeText && !_textOverflow)
        {
            if (_textLength + text.Length <= _maxBufferedText)
            {
                Append(text);
                return false;
            }

            // Past the cap the node is handed over in chunks: first what was held, then the rest as it comes.
            _textOverflow = true;
            if (_textLength > 0)
            {
                Deliver(entry, last: false, wholeNode: false);
            }
        }

        _textLength = 0;
        Append(text);
        Deliver(entry, last: false, wholeNode: false);
        return false;
    }

    /// <summary>Ends the current text node of a handled element (a tag, comment or the document end follows).</summary>
    private void EndTextNode()
    {
        if (!_inText)
        {
            return;
        }

        var entry = _textEntry!;
        _inText = false;
        _textEntry = null;
        var whole = entry.WholeNodeText && !_textOverflow;
        if (!whole)
        {
            _textLength = 0;
        }

        Deliver(entry, last: true, wholeNode: whole);
        _textLength = 0;
        _textOverflow = false;
    }

    private OpenElement? TextTarget()
    {
        for (var i = _open - 1; i >= 0; i--)
        {
            if (_stack[i].TextHandlers.Count > 0)
            {
                return _stack[i];
            }
        }

        return null;
    }

    private void Append(ReadOnlySpan<byte> text)
    {
        if (_text.Length < _textLength + text.Length)
        {
            var bigger = ArrayPool<byte>.Shared.Rent(Math.Max(_textLength + text.Length, 4096));
            _text.AsSpan(0, _textLength).CopyTo(bigger);
            if (_text.Length > 0)
            {
                ArrayPool<byte>.Shared.Return(_text);
            }

            _text = bigger;
        }

        text.CopyTo(_text.AsSpan(_textLength));
        _textLength += text.Length;
    }

    private void Deliver(OpenElement entry, bool last, bool wholeNode)
    {
        var chunk = Scratch.Chunk ??= new HtmlTextChunk(this);
        chunk.Reset(_text, _textLength, last, wholeNode, _textKind);
        foreach (var handler in entry.TextHandlers)
        {
            handler(chunk);
        }

        _textLength = 0;
        if (chunk.IsRemoved)
        {
            return;
        }

        if (!chunk.IsReplaced)
        {
            Out.Write(chunk.Bytes);
        }
        else if (chunk.ReplacementString is { } s)
        {
            WriteContent(s, chunk.ReplacementType, rawText: _textKind == HtmlTextKind.RawText);
        }
        else
        {
            Out.Write(chunk.ReplacementBytes);
        }
    }

    private void ReturnTextBuffers()
    {
        if (_text.Length > 0)
        {
            ArrayPool<byte>.Shared.Return(_text);
            _text = [];
        }
    }
}
