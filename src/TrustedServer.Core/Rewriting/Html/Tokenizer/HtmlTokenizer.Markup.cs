using System.Buffers;

namespace TrustedServer.Core.Rewriting.Html.Tokenizer;

/// <summary>
/// Comments, bogus comments, DOCTYPE and CDATA sections: held until their end like a tag (up to the same cap), so each
/// is reported as one token; longer ones stream through as raw bytes with a few bytes of state.
/// </summary>
internal sealed partial class HtmlTokenizer
{
    private static readonly SearchValues<byte> CommentStops = SearchValues.Create("-!>"u8);
    private static readonly SearchValues<byte> CDataStops = SearchValues.Create("]>"u8);

    private int _markupStart = -1;

    // Where the scan of markup held at the end of the last window resumes in the next one, or -1.
    private int _markupResume = -1;
    private int _markupDataStart;
    private int _commentStart;
    private int _dash;
    private bool _bang;
    private int _bracket;

    private void BeginMarkup(State kind, int lt, int dataStart, ref int pos, ref int mark)
    {
        _state = kind;
        _markupStart = lt;
        _markupDataStart = dataStart;
        _commentStart = 0;
        _dash = 0;
        _bang = false;
        _bracket = 0;
        mark = lt;
        pos = kind == State.Doctype ? lt + 9 : dataStart;
    }

    private bool StepMarkup(ReadOnlySpan<byte> buf, ref int pos, ref int mark, bool final)
    {
        _ = final;
        var len = buf.Length;
        int end;
        int dataEnd;
        switch (_state)
        {
            case State.BogusComment or State.Doctype:
                {
                    var i = buf[pos..].IndexOf((byte)'>');
                    if (i < 0)
                    {
                        pos = len;
                        return false;
                    }

                    end = pos + i + 1;
                    dataEnd = _state == State.Doctype ? end : end - 1;
                    break;
                }

            case State.CData:
                if (!ScanCData(buf, ref pos))
                {
                    return false;
                }

                end = pos;
                dataEnd = end - 3;
                break;
            default:
                if (!ScanComment(buf, ref pos, out var delimiter))
                {
                    return false;
                }

                end = pos;
                dataEnd = delimiter < 0 ? _markupDataStart : end - delimiter;
                break;
        }

        ReportRaw(buf, mark, end);
        if (_markupStart >= 0)
        {
            ReportMarkup(buf[_markupDataStart..Math.Max(_markupDataStart, dataEnd)]);
        }

        pos = mark = end;
        _state = State.Data;
        return true;
    }

    private void ReportMarkup(ReadOnlySpan<byte> data)
    {
        var kind = _state switch
        {
            State.Doctype => MarkupKind.Doctype,
            State.CData => MarkupKind.CData,
            _ => MarkupKind.Comment,
        };
        _sink.Markup(kind, data);
    }

    private bool ScanCData(ReadOnlySpan<byte> buf, ref int pos)
    {
        while (true)
        {
            var i = buf[pos..].IndexOfAny(CDataStops);
            if (i < 0)
            {
                if (pos < buf.Length)
                {
                    _bracket = 0;
                }

                pos = buf.Length;
                return false;
            }

            if (i > 0)
            {
                _bracket = 0;
            }

            pos += i;
            var b = buf[pos++];
            if (b == ']')
            {
                _bracket = Math.Min(_bracket + 1, 2);
            }
            else if (_bracket == 2)
            {
                return true;
            }
            else
            {
                _bracket = 0;
            }
        }
    }

    /// <summary>Scans for the comment's end. <paramref name="delimiter"/> is the length of the closing delimiter,
    /// or -1 for the abrupt empty forms <c>&lt;!--&gt;</c> and <c>&lt;!---&gt;</c>.</summary>
    private bool ScanComment(ReadOnlySpan<byte> buf, ref int pos, out int delimiter)
    {
        delimiter = 0;
        var len = buf.Length;
        while (pos < len)
        {
            if (_commentStart < 2)
            {
                var b = buf[pos];
                if (b == '>')
                {
                    pos++;
                    delimiter = -1;
                    return true;
                }

                if (b == '-' && _commentStart == 0)
                {
                    pos++;
                    _commentStart = 1;
                    continue;
                }

                // "<!---x" keeps the dash as data; "<!----" reaches the comment end state.
                if (b == '-')
                {
                    pos++;
                    _dash = 2;
                }

                _commentStart = 2;
                continue;
            }

            var i = buf[pos..].IndexOfAny(CommentStops);
            if (i < 0)
            {
                _dash = 0;
                _bang = false;
                pos = len;
                return false;
            }

            if (i > 0)
            {
                _dash = 0;
                _bang = false;
            }

            pos += i;
            var c = buf[pos++];
            if (_bang)
            {
                _bang = false;
                if (c == '>')
                {
                    delimiter = 4;
                    return true;
                }

                _dash = c == '-' ? 1 : 0;
            }
            else if (c == '-')
            {
                _dash = Math.Min(_dash + 1, 2);
            }
            else if (_dash == 2 && c == '>')
            {
                delimiter = 3;
                return true;
            }
            else if (_dash == 2 && c == '!')
            {
                _bang = true;
            }
            else
            {
                _dash = 0;
            }
        }

        return false;
    }

    /// <summary>Reports a comment, DOCTYPE or CDATA section cut off by the end of the document.</summary>
    private void EndMarkupAtEof(ReadOnlySpan<byte> buf)
    {
        if (_markupStart >= 0)
        {
            var end = buf.Length;
            if (_state == State.Comment)
            {
                end = _commentStart < 2 ? _markupDataStart : end - (_bang ? 3 : Math.Min(_dash, 2));
            }

            ReportMarkup(buf[_markupDataStart..Math.Max(_markupDataStart, end)]);
        }

        _state = State.Data;
    }
}
