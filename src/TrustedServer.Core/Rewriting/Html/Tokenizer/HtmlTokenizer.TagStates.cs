using System.Runtime.CompilerServices;

namespace TrustedServer.Core.Rewriting.Html.Tokenizer;

/// <summary>
/// One step of the tag state machine per sub-state. Each step starts at <c>p</c> (inside the window), moves it, and
/// returns the next sub-state: the same one with <c>p</c> at the window's end when it needs more bytes, or
/// <see cref="TagSub.Complete"/> with <c>p</c> just past the tag's <c>&gt;</c>. <c>ts</c> is the tag's start.
/// The steps are inlined into the loop of <c>StepTag</c>, which keeps the scan as fast as one method.
/// </summary>
internal sealed partial class HtmlTokenizer
{
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private TagSub InTagName(ReadOnlySpan<byte> buf, int ts, ref int p)
    {
        var i = IndexOfNameStop(buf[p..], TagNameStops, stopAtEquals: false);
        if (i < 0)
        {
            p = buf.Length;
            return TagSub.Name;
        }

        p += i;
        _nameEnd = p - ts;

        // End tags matter to the tokenizer only inside foreign content (closing svg or math).
        if (!_tagOverflow && (!_isEndTag || _foreign != TagKind.Other))
        {
            _tagKind = TagNames.Classify(buf[(ts + _nameStart)..p], _foreign != TagKind.Other);
        }

        var b = buf[p++];
        return b == '>' ? TagSub.Complete : b == '/' ? TagSub.SelfClosing : TagSub.BeforeAttrName;
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private TagSub BetweenAttributes(ReadOnlySpan<byte> buf, int ts, ref int p, TagSub sub)
    {
        var b = buf[p];
        if (TagNames.IsWhitespace(b))
        {
            p++;
            return sub;
        }

        switch (b)
        {
            case (byte)'/':
                p++;
                return TagSub.SelfClosing;
            case (byte)'>':
                p++;
                return TagSub.Complete;
            case (byte)'=' when sub == TagSub.AfterAttrName:
                p++;
                return TagSub.BeforeAttrValue;
            default:
                // A new attribute; a leading '=' is part of its name.
                StartAttribute(p - ts);
                p++;
                return TagSub.AttrName;
        }
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private TagSub InAttributeName(ReadOnlySpan<byte> buf, int ts, ref int p)
    {
        var i = IndexOfNameStop(buf[p..], AttrNameStops, stopAtEquals: true);
        if (i < 0)
        {
            p = buf.Length;
            return TagSub.AttrName;
        }

        p += i;
        SetAttributeNameEnd(p - ts);
        if (buf[p] == '=')
        {
            p++;
            return TagSub.BeforeAttrValue;
        }

        return TagSub.AfterAttrName;
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private TagSub BeforeAttributeValue(ReadOnlySpan<byte> buf, int ts, ref int p)
    {
        var b = buf[p];
        if (TagNames.IsWhitespace(b))
        {
            p++;
            return TagSub.BeforeAttrValue;
        }

        if (b is (byte)'"' or (byte)'\'')
        {
            p++;
            SetAttributeValueStart(p - ts, b);
            return b == '"' ? TagSub.ValueDoubleQuoted : TagSub.ValueSingleQuoted;
        }

        SetAttributeValueStart(p - ts, 0);
        if (b == '>')
        {
            SetAttributeValueEnd(p - ts, p - ts);
            p++;
            return TagSub.Complete;
        }

        return TagSub.ValueUnquoted;
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private TagSub InQuotedValue(ReadOnlySpan<byte> buf, int ts, ref int p, byte quote, TagSub sub)
    {
        var i = buf[p..].IndexOf(quote);
        if (i < 0)
        {
            p = buf.Length;
            return sub;
        }

        p += i;
        SetAttributeValueEnd(p - ts, p + 1 - ts);
        p++;
        return TagSub.AfterValueQuoted;
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private TagSub InUnquotedValue(ReadOnlySpan<byte> buf, int ts, ref int p)
    {
        var i = buf[p..].IndexOfAny(UnquotedStops);
        if (i < 0)
        {
            p = buf.Length;
            return TagSub.ValueUnquoted;
        }

        p += i;
        SetAttributeValueEnd(p - ts, p - ts);
        return buf[p++] == '>' ? TagSub.Complete : TagSub.BeforeAttrName;
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static TagSub AfterQuotedValue(ReadOnlySpan<byte> buf, ref int p)
    {
        switch (buf[p])
        {
            case (byte)' ' or (byte)'\t' or (byte)'\n' or (byte)'\f' or (byte)'\r':
                p++;
                return TagSub.BeforeAttrName;
            case (byte)'/':
                p++;
                return TagSub.SelfClosing;
            case (byte)'>':
                p++;
                return TagSub.Complete;
            default:
                return TagSub.BeforeAttrName;
        }
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private TagSub InSelfClosing(ReadOnlySpan<byte> buf, ref int p)
    {
        if (buf[p] != '>')
        {
            return TagSub.BeforeAttrName;
        }

        _selfClosing = true;
        p++;
        return TagSub.Complete;
    }
}
