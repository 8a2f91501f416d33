using System.Buffers;
using TrustedServer.Core.Rewriting.Html.Tokenizer;

namespace TrustedServer.Core.Rewriting.Html;

/// <summary>The stack of matched elements awaiting their end tags, and writing inserted content.</summary>
public sealed partial class HtmlRewriter
{
    private OpenElement Push(ReadOnlySpan<byte> name)
    {
        if (_open == _stack.Count)
        {
            _stack.Add(new OpenElement());
        }

        var entry = _stack[_open++];
        entry.Reset(name);
        return entry;
    }

    private int FindOpen(ReadOnlySpan<byte> name)
    {
        for (var i = _open - 1; i >= 0; i--)
        {
            if (TagNames.EqualsLower(name, _stack[i].LowerName))
            {
                return i;
            }
        }

        return -1;
    }

    private void CountOpen(ReadOnlySpan<byte> name)
    {
        if (_open > 0)
        {
            var i = FindOpen(name);
            if (i >= 0)
            {
                _stack[i].Depth++;
            }
        }
    }

    private void CloseUnclosed(OpenElement entry)
    {
        if (_suppressedBy >= _open)
        {
            _suppressedBy = -1;
        }

        if (entry.Removal != HtmlElement.RemovalKind.Element)
        {
            WriteList(entry.Append, entry.RawText);
        }

        WriteList(entry.After, rawText: false);
    }

    private void CloseMatched(OpenElement entry, in HtmlTagView tag)
    {
        if (entry.Removal == HtmlElement.RemovalKind.Element)
        {
            _suppressedBy = -1;
            WriteList(entry.After, rawText: false);
            return;
        }

        WriteList(entry.Append, entry.RawText);
        var keepTag = entry.Removal == HtmlElement.RemovalKind.None;
        if (entry.EndTagHandlers is { } handlers)
        {
            var end = Scratch.EndTag ??= new HtmlEndTag(this);
            end.Reset(tag.Name);
            foreach (var handler in handlers)
            {
                handler(end);
            }

            WriteList(end.BeforeContent, rawText: false);
            if (keepTag && !end.IsRemoved)
            {
                Out.Write(tag.Raw);
            }

            WriteList(end.AfterContent, rawText: false);
        }
        else if (keepTag)
        {
            Out.Write(tag.Raw);
        }

        WriteList(entry.After, rawText: false);
    }

    private void WriteList(ContentList list, bool rawText)
    {
        for (var i = 0; i < list.Count; i++)
        {
            var (content, type) = list[i];
            WriteContent(content, type, rawText);
        }
    }

    /// <summary>Writes inserted content: HTML as given, text escaped unless it goes inside a raw-text element.</summary>
    internal void WriteContent(string content, HtmlContentType type, bool rawText)
    {
        var output = Out;
        if (type == HtmlContentType.Html || rawText)
        {
            WriteEncoded(output, content);
            return;
        }

        var start = 0;
        for (var i = 0; i < content.Length; i++)
        {
            var entity = content[i] switch
            {
                '&' => "&amp;"u8,
                '<' => "&lt;"u8,
                '>' => "&gt;"u8,
                _ => default,
            };
            if (!entity.IsEmpty)
            {
                WriteEncoded(output, content.AsSpan(start, i - start));
                output.Write(entity);
                start = i + 1;
            }
        }

        WriteEncoded(output, content.AsSpan(start));
    }

    private void WriteEncoded(IBufferWriter<byte> output, ReadOnlySpan<char> text)
    {
        if (text.IsEmpty)
        {
            return;
        }

        var span = output.GetSpan(Encoding.GetMaxByteCount(text.Length));
        var n = Encoding.GetBytes(text, span);
        output.Advance(n);
    }
}
