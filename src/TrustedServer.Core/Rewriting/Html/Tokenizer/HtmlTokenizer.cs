using System.Buffers;

namespace TrustedServer.Core.Rewriting.Html.Tokenizer;

/// <summary>
/// An incremental WHATWG-style HTML tokenizer over bytes in any ASCII-compatible encoding. It reports text runs,
/// tags and opaque markup to a sink in document order, emitting everything it can per chunk and holding back only
/// an incomplete tag (up to the cap) or a few undecided bytes such as <c>&lt;!-</c> or <c>&lt;/scr</c>.
/// It never throws on input bytes.
/// </summary>
internal sealed partial class HtmlTokenizer : IDisposable
{
    private static readonly SearchValues<byte> TagNameStops = SearchValues.Create(" \t\n\f\r/>"u8);
    private static readonly SearchValues<byte> AttrNameStops = SearchValues.Create(" \t\n\f\r/>="u8);
    private static readonly SearchValues<byte> UnquotedStops = SearchValues.Create(" \t\n\f\r>"u8);
    private static readonly SearchValues<byte> DashOrLt = SearchValues.Create("-<"u8);

    private readonly IHtmlTokenSink _sink;
    private readonly SinkShortcut? _shortcut;
    private readonly int _maxTagBytes;
    private readonly bool _switchContentModels;

    private byte[] _held = [];
    private int _heldLen;
    private int _holdAt = -1;

    // Where the current window's bytes stop being written out or taken over by the sink: the run from here to the
    // next token is pass-through output not yet copied (see IHtmlTokenSink).
    private int _copied;
    private bool _finished;
    private bool _markupInitial;

    private State _state;
    private byte[] _endName = [];
    private TagKind _foreign;
    private int _foreignDepth;

    public HtmlTokenizer(IHtmlTokenSink sink, int maxTagBytes, bool switchContentModels = true, SinkShortcut? shortcut = null)
    {
        _sink = sink;
        _shortcut = shortcut;
        _maxTagBytes = Math.Max(16, maxTagBytes);
        _switchContentModels = switchContentModels;
    }

    private enum State : byte
    {
        Data,
        RcData,
        RawText,
        ScriptData,
        PlainText,
        Tag,
        Comment,
        BogusComment,
        Doctype,
        CData,
    }

    /// <summary>Is the tokenizer inside <c>svg</c> or <c>math</c> content (before the current tag takes effect)?</summary>
    public bool InForeignContent => _foreign != TagKind.Other;

    /// <summary>
    /// Starts in <paramref name="state"/> instead of data, as the text of an element <paramref name="lastStartTag"/>
    /// (lower-case ASCII) whose end tag closes it; before the first <see cref="Feed"/>.
    /// </summary>
    public void StartIn(TokenizerStartState state, string? lastStartTag)
    {
        _endName = lastStartTag is null ? [] : System.Text.Encoding.ASCII.GetBytes(lastStartTag);
        _state = state switch
        {
            TokenizerStartState.PlainText => State.PlainText,
            TokenizerStartState.RcData => State.RcData,
            TokenizerStartState.RawText => State.RawText,
            TokenizerStartState.ScriptData => State.ScriptData,
            TokenizerStartState.CData => State.CData,
            _ => State.Data,
        };
        if (_state == State.CData)
        {
            _foreign = TagKind.Svg;
            _foreignDepth = 1;
            _bracket = 0;
            _markupInitial = true;
        }
    }

    /// <summary>Tokenizes one chunk, reporting everything that is decided.</summary>
    public void Feed(ReadOnlySpan<byte> chunk)
    {
        if (_finished || chunk.IsEmpty)
        {
            return;
        }

        if (_heldLen == 0)
        {
            var consumed = Run(chunk, final: false);
            Hold(chunk[consumed..]);
        }
        else
        {
            EnsureHeldCapacity(_heldLen + chunk.Length);
            chunk.CopyTo(_held.AsSpan(_heldLen));
            var total = _heldLen + chunk.Length;
            var consumed = Run(_held.AsSpan(0, total), final: false);
            _held.AsSpan(consumed, total - consumed).CopyTo(_held);
            _heldLen = total - consumed;
        }

        if (_state == State.Tag && !_tagOverflow && _heldLen > _maxTagBytes)
        {
            // A tag this long is not something a handler may rewrite: pass it through and finish it in streaming mode.
            ReportRawAlone(_held.AsSpan(0, _heldLen));
            _tagOverflow = true;
            _tagPos = 0;
            _heldLen = 0;
        }
    }

    /// <summary>Signals the end of the document: whatever is held is decided with end-of-file rules.</summary>
    public void Finish()
    {
        if (_finished)
        {
            return;
        }

        _finished = true;
        if (_heldLen > 0)
        {
            var consumed = Run(_held.AsSpan(0, _heldLen), final: true);
            if (consumed < _heldLen)
            {
                // Only an unterminated tag remains: browsers drop it, we keep the bytes.
                ReportRawAlone(_held.AsSpan(consumed, _heldLen - consumed));
            }

            _heldLen = 0;
        }
        else
        {
            Run([], final: true);
        }
    }

    public void Dispose()
    {
        if (_attrs.Length > 0)
        {
            ArrayPool<HtmlAttributeSpan>.Shared.Return(_attrs);
            _attrs = [];
        }

        if (_held.Length > 0)
        {
            ArrayPool<byte>.Shared.Return(_held);
            _held = [];
        }
    }

    private void Hold(ReadOnlySpan<byte> rest)
    {
        if (rest.IsEmpty)
        {
            return;
        }

        EnsureHeldCapacity(rest.Length);
        rest.CopyTo(_held);
        _heldLen = rest.Length;
    }

    private void EnsureHeldCapacity(int needed)
    {
        if (_held.Length >= needed)
        {
            return;
        }

        var bigger = ArrayPool<byte>.Shared.Rent(Math.Max(needed, 1024));
        _held.AsSpan(0, _heldLen).CopyTo(bigger);
        if (_held.Length > 0)
        {
            ArrayPool<byte>.Shared.Return(_held);
        }

        _held = bigger;
    }

    private HtmlTextKind TextKind => _state switch
    {
        State.Data => HtmlTextKind.Data,
        State.RcData => HtmlTextKind.RcData,
        _ => HtmlTextKind.RawText,
    };

    private void EmitText(ReadOnlySpan<byte> buf, int from, int to)
    {
        if (to > from && _shortcut is not { PassesTextAndEndTags: true } && !_sink.Text(buf[_copied..from], buf[from..to], TextKind))
        {
            _copied = to;
        }
    }

    private void ReportRaw(ReadOnlySpan<byte> buf, int from, int to)
    {
        if (!_sink.Raw(buf[_copied..from], buf[from..to]))
        {
            _copied = to;
        }
    }

    /// <summary>Raw bytes outside a window (after its pending run was flushed).</summary>
    private void ReportRawAlone(ReadOnlySpan<byte> bytes)
    {
        if (_sink.Raw(default, bytes))
        {
            _sink.Flush(bytes);
        }
    }

    /// <summary>Runs the state machine over a window; returns how many leading bytes were fully reported.</summary>
    private int Run(ReadOnlySpan<byte> buf, bool final)
    {
        _copied = 0;
        var pos = 0;
        var mark = 0;
        _markupStart = _state is State.Comment or State.BogusComment or State.Doctype or State.CData ? -1 : _markupStart;
        if (_markupResume >= 0)
        {
            // The markup held by the last window starts this one; its scan goes on where it stopped.
            _markupStart = mark = 0;
            pos = _markupResume;
            _markupResume = -1;
        }
        else if (_markupInitial)
        {
            _markupInitial = false;
            _markupStart = _markupDataStart = 0;
        }

        while (true)
        {
            _holdAt = -1;
            bool more = _state switch
            {
                State.Data => StepData(buf, ref pos, ref mark, final),
                State.RcData or State.RawText => StepRawText(buf, ref pos, ref mark, final),
                State.ScriptData => StepScript(buf, ref pos, ref mark, final),
                State.PlainText => StepPlainText(buf, ref pos),
                State.Tag => StepTag(buf, ref pos, ref mark),
                _ => StepMarkup(buf, ref pos, ref mark, final),
            };
            if (more)
            {
                continue;
            }

            var consumed = EndWindow(buf, mark, final);
            if (consumed > _copied)
            {
                _sink.Flush(buf[_copied..consumed]);
            }

            _copied = 0;
            return consumed;
        }
    }

    private int EndWindow(ReadOnlySpan<byte> buf, int mark, bool final)
    {
        switch (_state)
        {
            case State.Tag:
                if (_tagOverflow)
                {
                    // The tag's start is already out: the next window continues it from its first byte.
                    if (mark < buf.Length)
                    {
                        ReportRaw(buf, mark, buf.Length);
                    }

                    _tagPos = 0;
                    return buf.Length;
                }

                return mark;
            case State.Comment or State.BogusComment or State.Doctype or State.CData:
                if (!final && _markupStart >= 0 && buf.Length - _markupStart <= _maxTagBytes)
                {
                    // Hold markup that began in this window, as an incomplete tag is held, so its token is reported
                    // whole however the input is chunked; beyond the cap it streams through as raw bytes.
                    _markupResume = buf.Length - _markupStart;
                    _markupDataStart -= _markupStart;
                    return _markupStart;
                }

                if (mark < buf.Length)
                {
                    ReportRaw(buf, mark, buf.Length);
                }

                if (final)
                {
                    EndMarkupAtEof(buf);
                }

                return buf.Length;
            default:
                var end = _holdAt >= 0 ? _holdAt : buf.Length;
                EmitText(buf, mark, end);
                return end;
        }
    }

    private static bool StepPlainText(ReadOnlySpan<byte> buf, ref int pos)
    {
        pos = buf.Length;
        return false;
    }

    /// <summary>Stops the window, holding from <paramref name="at"/> unless this is the end of the document.</summary>
    private bool HoldOrText(ReadOnlySpan<byte> buf, int at, ref int pos, bool final)
    {
        pos = buf.Length;
        if (!final)
        {
            _holdAt = at;
        }

        return false;
    }
}
