using System.Buffers;

namespace TrustedServer.Core.Rewriting.Html.Tokenizer;

/// <summary>Start and end tags: name, attributes (double-, single- and unquoted), self-closing flag.</summary>
internal sealed partial class HtmlTokenizer
{
    private HtmlAttributeSpan[] _attrs = ArrayPool<HtmlAttributeSpan>.Shared.Rent(16);
    private int _attrCount;
    private TagSub _tagSub;
    private int _tagPos;
    private int _nameStart;
    private int _nameEnd;
    private bool _isEndTag;
    private bool _selfClosing;
    private bool _tagOverflow;
    private TagKind _tagKind;

    private enum TagSub : byte
    {
        Name,
        BeforeAttrName,
        AttrName,
        AfterAttrName,
        BeforeAttrValue,
        ValueDoubleQuoted,
        ValueSingleQuoted,
        ValueUnquoted,
        AfterValueQuoted,
        SelfClosing,

        // Not a place in a tag: a sub-state step returns it when the tag ended just before the position it left.
        Complete,
    }

    private void BeginTag(ReadOnlySpan<byte> buf, int lt, int nameStart, bool isEnd, ref int pos, ref int mark)
    {
        EmitText(buf, mark, lt);
        mark = lt;
        pos = lt;
        _state = State.Tag;
        _tagSub = TagSub.Name;
        _tagPos = nameStart - lt;
        _nameStart = nameStart - lt;
        _isEndTag = isEnd;
        _selfClosing = false;
        _tagOverflow = false;
        _tagKind = TagKind.Other;
        _attrCount = 0;
    }

    /// <summary>Advances the tag state machine; <paramref name="mark"/> is the tag's start in this window.</summary>
    private bool StepTag(ReadOnlySpan<byte> buf, ref int pos, ref int mark)
    {
        var ts = mark;
        var p = ts + _tagPos;
        var len = buf.Length;

        // The sub-state lives in a register while the tag is scanned and is stored only when the window ends in it.
        var sub = _tagSub;
        while (true)
        {
            if (p >= len)
            {
                _tagSub = sub;
                _tagPos = p - ts;
                pos = len;
                return false;
            }

            sub = sub switch
            {
                TagSub.Name => InTagName(buf, ts, ref p),
                TagSub.BeforeAttrName or TagSub.AfterAttrName => BetweenAttributes(buf, ts, ref p, sub),
                TagSub.AttrName => InAttributeName(buf, ts, ref p),
                TagSub.BeforeAttrValue => BeforeAttributeValue(buf, ts, ref p),
                TagSub.ValueDoubleQuoted => InQuotedValue(buf, ts, ref p, (byte)'"', sub),
                TagSub.ValueSingleQuoted => InQuotedValue(buf, ts, ref p, (byte)'\'', sub),
                TagSub.ValueUnquoted => InUnquotedValue(buf, ts, ref p),
                TagSub.AfterValueQuoted => AfterQuotedValue(buf, ref p),
                _ => InSelfClosing(buf, ref p),
            };
            if (sub == TagSub.Complete)
            {
                return CompleteTag(buf, ts, p, ref pos, ref mark);
            }
        }
    }

    /// <summary>
    /// Where a tag or attribute name ends. Names are a few bytes long, so a plain loop finds the end before a
    /// vectorised search has set up; long names fall back to it.
    /// </summary>
    private static int IndexOfNameStop(ReadOnlySpan<byte> span, SearchValues<byte> stops, bool stopAtEquals)
    {
        var n = Math.Min(span.Length, 16);
        for (var i = 0; i < n; i++)
        {
            var b = span[i];
            if (b <= (byte)' ' ? b is (byte)' ' or (byte)'\t' or (byte)'\n' or (byte)'\f' or (byte)'\r' : b is (byte)'/' or (byte)'>' || (stopAtEquals && b == '='))
            {
                return i;
            }
        }

        if (n == span.Length)
        {
            return -1;
        }

        var rest = span[n..].IndexOfAny(stops);
        return rest < 0 ? -1 : n + rest;
    }

    private void StartAttribute(int nameStart)
    {
        if (_tagOverflow)
        {
            return;
        }

        if (_attrCount == _attrs.Length)
        {
            var bigger = ArrayPool<HtmlAttributeSpan>.Shared.Rent(_attrs.Length * 2);
            _attrs.AsSpan().CopyTo(bigger);
            ArrayPool<HtmlAttributeSpan>.Shared.Return(_attrs);
            _attrs = bigger;
        }

        _attrs[_attrCount++] = new HtmlAttributeSpan
        {
            NameStart = nameStart,
            NameEnd = nameStart,
            ValueStart = -1,
            ValueEnd = -1,
            End = nameStart,
        };
    }

    private void SetAttributeNameEnd(int nameEnd)
    {
        if (!_tagOverflow && _attrCount > 0)
        {
            ref var a = ref _attrs[_attrCount - 1];
            a.NameEnd = nameEnd;
            a.End = nameEnd;
        }
    }

    private void SetAttributeValueStart(int valueStart, byte quote)
    {
        if (!_tagOverflow && _attrCount > 0)
        {
            ref var a = ref _attrs[_attrCount - 1];
            a.ValueStart = valueStart;
            a.Quote = quote;
        }
    }

    private void SetAttributeValueEnd(int valueEnd, int end)
    {
        if (!_tagOverflow && _attrCount > 0)
        {
            ref var a = ref _attrs[_attrCount - 1];
            a.ValueEnd = valueEnd;
            a.End = end;
        }
    }

    private bool CompleteTag(ReadOnlySpan<byte> buf, int ts, int end, ref int pos, ref int mark)
    {
        pos = mark = end;
        var kind = _tagKind;
        if (_tagOverflow || end - ts > _maxTagBytes)
        {
            ReportRaw(buf, ts, end);
        }
        else if (!_isEndTag || _shortcut is not { PassesTextAndEndTags: true })
        {
            var view = new HtmlTagView(buf[ts..end], _nameStart, _nameEnd, _attrs.AsSpan(0, _attrCount), _selfClosing, kind);
            var pending = buf[_copied..ts];
            if (!(_isEndTag ? _sink.EndTag(pending, view) : _sink.StartTag(pending, view)))
            {
                _copied = end;
            }
        }

        _tagOverflow = false;
        _state = _isEndTag ? AfterEndTag(kind) : AfterStartTag(kind);
        return true;
    }

    private State AfterEndTag(TagKind kind)
    {
        if (_foreign != TagKind.Other && kind == _foreign && --_foreignDepth == 0)
        {
            _foreign = TagKind.Other;
        }

        return State.Data;
    }

    private State AfterStartTag(TagKind kind)
    {
        if (!_switchContentModels)
        {
            return State.Data;
        }

        if (_foreign != TagKind.Other)
        {
            if (kind == TagKind.Breakout)
            {
                _foreign = TagKind.Other;
                _foreignDepth = 0;
            }
            else
            {
                if (kind == _foreign && !_selfClosing)
                {
                    _foreignDepth++;
                }

                return State.Data;
            }
        }

        switch (kind)
        {
            case TagKind.Svg or TagKind.Math:
                if (!_selfClosing)
                {
                    _foreign = kind;
                    _foreignDepth = 1;
                }

                return State.Data;
            case TagKind.Script:
                _endName = ScriptName;
                _script = ScriptSub.Normal;
                return State.ScriptData;
            case TagKind.Style or TagKind.Xmp or TagKind.Iframe or TagKind.Noembed or TagKind.Noframes:
                _endName = EndNames[(int)kind];
                return State.RawText;
            case TagKind.Title or TagKind.Textarea:
                _endName = EndNames[(int)kind];
                return State.RcData;
            case TagKind.Plaintext:
                return State.PlainText;
            default:
                return State.Data;
        }
    }
}
