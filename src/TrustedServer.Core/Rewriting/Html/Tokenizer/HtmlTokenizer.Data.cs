namespace TrustedServer.Core.Rewriting.Html.Tokenizer;

/// <summary>The data state: text up to the next <c>&lt;</c>, and deciding what that <c>&lt;</c> opens.</summary>
internal sealed partial class HtmlTokenizer
{
    private bool StepData(ReadOnlySpan<byte> buf, ref int pos, ref int mark, bool final)
    {
        while (true)
        {
            var i = buf[pos..].IndexOf((byte)'<');
            if (i < 0)
            {
                pos = buf.Length;
                return false;
            }

            var lt = pos + i;
            if (lt + 1 >= buf.Length)
            {
                return HoldOrText(buf, lt, ref pos, final);
            }

            var b = buf[lt + 1];
            if (TagNames.IsAsciiAlpha(b))
            {
                BeginTag(buf, lt, lt + 1, isEnd: false, ref pos, ref mark);
                return true;
            }

            switch (b)
            {
                case (byte)'/':
                    if (lt + 2 >= buf.Length)
                    {
                        return HoldOrText(buf, lt, ref pos, final);
                    }

                    var c = buf[lt + 2];
                    if (TagNames.IsAsciiAlpha(c))
                    {
                        BeginTag(buf, lt, lt + 2, isEnd: true, ref pos, ref mark);
                        return true;
                    }

                    EmitText(buf, mark, lt);
                    if (c == '>')
                    {
                        // "</>" produces no token; its bytes still pass through.
                        ReportRaw(buf, lt, lt + 3);
                        pos = mark = lt + 3;
                        return true;
                    }

                    BeginMarkup(State.BogusComment, lt, lt + 2, ref pos, ref mark);
                    return true;
                case (byte)'!':
                    return StepMarkupDeclaration(buf, lt, ref pos, ref mark, final);
                case (byte)'?':
                    EmitText(buf, mark, lt);
                    BeginMarkup(State.BogusComment, lt, lt + 1, ref pos, ref mark);
                    return true;
                default:
                    pos = lt + 1;
                    break;
            }
        }
    }

    private bool StepMarkupDeclaration(ReadOnlySpan<byte> buf, int lt, ref int pos, ref int mark, bool final)
    {
        var rest = buf[(lt + 2)..];
        State kind;
        int dataStart;
        if (StartsWith(rest, "--"u8, ignoreCase: false, out var partial))
        {
            kind = State.Comment;
            dataStart = lt + 4;
        }
        else if (!partial && StartsWith(rest, "DOCTYPE"u8, ignoreCase: true, out partial))
        {
            kind = State.Doctype;
            dataStart = lt;
        }
        else if (!partial && _foreign != TagKind.Other && StartsWith(rest, "[CDATA["u8, ignoreCase: false, out partial))
        {
            kind = State.CData;
            dataStart = lt + 9;
        }
        else
        {
            kind = State.BogusComment;
            dataStart = lt + 2;
        }

        if (partial && !final)
        {
            pos = buf.Length;
            _holdAt = lt;
            return false;
        }

        if (partial)
        {
            kind = State.BogusComment;
            dataStart = lt + 2;
        }

        EmitText(buf, mark, lt);
        BeginMarkup(kind, lt, dataStart, ref pos, ref mark);
        return true;
    }

    /// <summary>True when <paramref name="span"/> starts with <paramref name="prefix"/>; <paramref name="partial"/>
    /// says the span ended while still matching (more bytes are needed to decide).</summary>
    private static bool StartsWith(ReadOnlySpan<byte> span, ReadOnlySpan<byte> prefix, bool ignoreCase, out bool partial)
    {
        var n = Math.Min(span.Length, prefix.Length);
        for (var i = 0; i < n; i++)
        {
            var b = ignoreCase ? (byte)(span[i] & ~0x20) : span[i];
            if (b != prefix[i] || (ignoreCase && !TagNames.IsAsciiAlpha(span[i])))
            {
                partial = false;
                return false;
            }
        }

        partial = n < prefix.Length;
        return !partial;
    }
}
