using System.Buffers;
using System.Globalization;
using TrustedServer.Core.Rewriting.Urls;

namespace TrustedServer.Core.Rewriting.Flight;

/// <summary>
/// Maps origin URLs in a React Server Components (Flight) stream, row by row, keeping it readable by React: a text row
/// (<c>id:T&lt;hex length&gt;,&lt;bytes&gt;</c>) is length-delimited, so it is rewritten whole and its length written
/// again; any other row ends at a newline and is rewritten whole. Absolute, protocol-relative and escaped URL forms are
/// mapped; a bare host is not (it is as likely to be text as a link). Whatever cannot be read as Flight, and any row
/// longer than the row cap, passes through as it came, which is always as correct as the origin made it.
/// </summary>
public sealed class FlightRewriter : IBodyTransform, IDisposable
{
    private const int MaxHeaderBytes = 48;

    private readonly UrlMapper _mapper;
    private readonly FlightEncoding _encoding;
    private readonly int _maxRowBytes;
    private readonly bool _keepText;
    private readonly byte[] _header = new byte[MaxHeaderBytes];
    private readonly byte[] _carry = new byte[JsStringUnits.MaxUnitBytes];
    private PooledBufferWriter? _content;
    private DiscardingBufferWriter? _probe;
    private State _state;
    private int _headerLength;
    private int _idLength;
    private int _carryLength;
    private long _remaining;
    private bool _overflow;
    private bool _binary;
    private Utf8Counter _counter;

    /// <summary>Creates a rewriter for one stream; rows longer than <paramref name="maxRowBytes"/> pass through unmapped.</summary>
    /// <param name="mapper">The request's URL mapper.</param>
    /// <param name="encoding">How the rows are written.</param>
    /// <param name="maxRowBytes">The most bytes of one row held; a longer row passes through unmapped.</param>
    /// <param name="keepTextChildren">Leave strings React renders as text nodes as they are (the hydration rule of
    /// <see cref="FlightPropsMapper"/>), so they match the server's HTML, whose text the publisher mapping leaves alone.</param>
    public FlightRewriter(UrlMapper mapper, FlightEncoding encoding, int maxRowBytes = 1024 * 1024, bool keepTextChildren = false)
    {
        _keepText = keepTextChildren;
        ArgumentNullException.ThrowIfNull(mapper);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(maxRowBytes);
        _mapper = mapper;
        _encoding = encoding;
        _maxRowBytes = maxRowBytes;
    }

    private enum State
    {
        Id,
        Tag,
        TextLength,
        TextContent,
        BinaryContent,
        Row,
        PassThrough,
    }

    /// <summary>Has the stream stopped being read as Flight? Everything from here to <see cref="Finish"/> passes as it came.</summary>
    internal bool PassingThrough => _state == State.PassThrough;

    /// <inheritdoc />
    public void Process(ReadOnlySpan<byte> chunk, IBufferWriter<byte> output)
    {
        ArgumentNullException.ThrowIfNull(output);
        if (_carryLength == 0)
        {
            Run(chunk, output, final: false);
            return;
        }

        // An escape sequence split by the chunking: finish it from the new chunk first.
        var total = _carryLength + chunk.Length;
        var combined = ArrayPool<byte>.Shared.Rent(total);
        try
        {
            _carry.AsSpan(0, _carryLength).CopyTo(combined);
            chunk.CopyTo(combined.AsSpan(_carryLength));
            _carryLength = 0;
            Run(combined.AsSpan(0, total), output, final: false);
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(combined);
        }
    }

    /// <inheritdoc />
    public void Finish(IBufferWriter<byte> output)
    {
        ArgumentNullException.ThrowIfNull(output);
        if (_carryLength > 0)
        {
            var carried = _carry.AsSpan(0, _carryLength).ToArray();
            _carryLength = 0;
            Run(carried, output, final: true);
        }

        switch (_state)
        {
            case State.Row when !_overflow:
                // A last row without its newline: nothing is length-delimited, so it can be mapped like any row.
                CompleteRow(output);
                break;
            case State.PassThrough:
                break;
            default:
                WriteHeld(output);
                break;
        }

        Reset();
        _state = State.Id;
    }

    /// <inheritdoc />
    public void Dispose()
    {
        _content?.Dispose();
        _content = null;
    }

    private void Run(ReadOnlySpan<byte> buffer, IBufferWriter<byte> output, bool final)
    {
        var i = 0;
        while (i < buffer.Length)
        {
            if (_state == State.PassThrough)
            {
                output.Write(buffer[i..]);
                return;
            }

            // Runs of plain bytes inside a row are taken whole: only a newline (raw) or an escape (in a string) and the
            // end of a text row's length need a look at each unit.
            var run = PlainRun(buffer[i..], out var decoded);
            if (run > 0)
            {
                Append(buffer.Slice(i, run), output);
                i += run;
                if (_state == State.TextContent)
                {
                    _remaining -= decoded;
                    if (_remaining == 0)
                    {
                        CompleteTextRow(output);
                    }
                }

                continue;
            }

            int length;
            int codePoint;
            bool escaped;
            if (_encoding == FlightEncoding.Raw)
            {
                length = 1;
                codePoint = buffer[i];
                escaped = false;
            }
            else
            {
                length = JsStringUnits.Read(buffer[i..], out codePoint);
                escaped = buffer[i] == (byte)'\\';
                if (length == 0)
                {
                    if (!final)
                    {
                        buffer[i..].CopyTo(_carry);
                        _carryLength = buffer.Length - i;
                        return;
                    }

                    // The stream ended inside an escape: nothing after it can be read as Flight.
                    ToPassThrough(buffer[i..], output);
                    return;
                }
            }

            Step(buffer.Slice(i, length), codePoint, escaped, output);
            i += length;
        }
    }

    /// <summary>
    /// How many bytes at the start of <paramref name="rest"/> can be appended to the current row at once, and how many
    /// bytes of text they stand for (<paramref name="decoded"/>).
    /// </summary>
    private int PlainRun(ReadOnlySpan<byte> rest, out long decoded)
    {
        decoded = 0;
        if (_state is not (State.Row or State.TextContent) || _counter.IsPending)
        {
            return 0;
        }

        if (_encoding == FlightEncoding.Raw)
        {
            var stop = _state == State.Row ? rest.IndexOf((byte)'\n') : -1;
            var raw = stop < 0 ? rest.Length : stop;
            if (_state == State.TextContent)
            {
                // Each byte is one byte of the text; stop one short so the last one goes through the exact path.
                raw = (int)Math.Min(raw, _remaining - 1);
            }

            decoded = Math.Max(raw, 0);
            return Math.Max(raw, 0);
        }

        // A text row's run stops one short of its length (in bytes as written, which decode to no more), so the last
        // unit goes through the exact path.
        var limit = _state == State.TextContent ? (int)Math.Min(rest.Length, _remaining - 1) : rest.Length;
        if (limit <= 0)
        {
            return 0;
        }

        var run = JsSimpleRun.Measure(rest[..limit], newlineEnds: _state == State.Row, out var escapes);
        decoded = run - escapes;
        return run;
    }

    private void Step(ReadOnlySpan<byte> unit, int codePoint, bool escaped, IBufferWriter<byte> output)
    {
        switch (_state)
        {
            case State.Id:
                if (IsHexDigit(codePoint))
                {
                    Hold(unit, output);
                }
                else if (codePoint == ':')
                {
                    // An empty id is row 0 to React: hints are sent that way (":HL[...]").
                    Hold(unit, output);
                    _idLength = _headerLength;
                    _state = State.Tag;
                }
                else if (codePoint == '\n' && _headerLength == 0)
                {
                    // A blank line between rows.
                    output.Write(unit);
                }
                else
                {
                    ToPassThrough(unit, output);
                }

                break;
            case State.Tag when codePoint == 'T':
                Hold(unit, output);
                _remaining = 0;
                _state = State.TextLength;
                break;
            case State.Tag when _encoding == FlightEncoding.Raw && IsBinaryTag(codePoint):
                // A typed array or binary chunk (A, O, o, U, S, s, L, l, G, g, M, m, V, b): length-delimited bytes,
                // passed through as they are.
                Hold(unit, output);
                _remaining = 0;
                _binary = true;
                _state = State.TextLength;
                break;
            case State.Tag:
                _state = State.Row;
                Step(unit, codePoint, escaped, output);
                break;
            case State.TextLength when IsHexDigit(codePoint) && _remaining < int.MaxValue:
                Hold(unit, output);
                _remaining = (_remaining * 16) + JsStringUnits.HexValue((byte)codePoint);
                break;
            case State.TextLength when codePoint == ',' && _binary:
                Hold(unit, output);
                WriteHeld(output);
                _state = _remaining == 0 ? State.Id : State.BinaryContent;
                _binary = _remaining != 0;
                break;
            case State.BinaryContent:
                output.Write(unit);
                if (--_remaining == 0)
                {
                    _binary = false;
                    _state = State.Id;
                }

                break;
            case State.TextLength when _binary:
                // Not a length after all: a row that ends at its newline.
                _binary = false;
                _state = State.Row;
                Step(unit, codePoint, escaped, output);
                break;
            case State.TextLength when codePoint == ',':
                Hold(unit, output);
                _state = State.TextContent;
                _counter = default;
                if (_remaining == 0)
                {
                    CompleteTextRow(output);
                }

                break;
            case State.TextLength:
                ToPassThrough(unit, output);
                break;
            case State.TextContent:
                Append(unit, output);
                _remaining -= _counter.Add(codePoint, escaped);
                if (_remaining == 0)
                {
                    CompleteTextRow(output);
                }
                else if (_remaining < 0)
                {
                    // The declared length ends inside a character: leave the rest of the stream as it is.
                    ToPassThrough([], output);
                }

                break;
            case State.Row:
                Append(unit, output);
                if (codePoint == '\n')
                {
                    if (_overflow)
                    {
                        Reset();
                    }
                    else
                    {
                        CompleteRow(output);
                    }
                }

                break;
        }
    }

    private void Hold(ReadOnlySpan<byte> unit, IBufferWriter<byte> output)
    {
        if (_headerLength + unit.Length > MaxHeaderBytes)
        {
            ToPassThrough(unit, output);
            return;
        }

        unit.CopyTo(_header.AsSpan(_headerLength));
        _headerLength += unit.Length;
    }

    private void Append(ReadOnlySpan<byte> unit, IBufferWriter<byte> output)
    {
        if (_overflow)
        {
            output.Write(unit);
            return;
        }

        var content = _content ??= new PooledBufferWriter(4096);
        content.Write(unit);
        if (content.WrittenCount > _maxRowBytes)
        {
            // Too long to hold: send what is held as it came and stream the rest of the row unmapped.
            _overflow = true;
            WriteHeld(output);
        }
    }

    private void CompleteRow(IBufferWriter<byte> output)
    {
        output.Write(_header.AsSpan(0, _headerLength));
        var content = _content is null ? [] : _content.WrittenSpan;
        if (_keepText && content.Length > 0 && content[0] is (byte)'[' or (byte)'{' or (byte)'"' or (byte)'\\')
        {
            // Only a row that holds something to map is walked.
            if (_mapper.TryMapAttributeValue(content, urlBearing: false, _probe ??= new DiscardingBufferWriter()))
            {
                FlightPropsMapper.Map(content, _encoding, _mapper, output);
            }
            else
            {
                output.Write(content);
            }
        }
        else if (!_mapper.TryMapAttributeValue(content, urlBearing: false, output))
        {
            output.Write(content);
        }

        Reset();
    }

    private void CompleteTextRow(IBufferWriter<byte> output)
    {
        if (_overflow)
        {
            Reset();
            return;
        }

        var content = _content is null ? [] : _content.WrittenSpan;
        using var mapped = new PooledBufferWriter(Math.Max(256, content.Length + 256));
        if (!_mapper.TryMapAttributeValue(content, urlBearing: false, mapped))
        {
            WriteHeld(output);
            Reset();
            return;
        }

        output.Write(_header.AsSpan(0, _idLength));
        Span<byte> length = stackalloc byte[24];
        length[0] = (byte)'T';
        var newLength = DecodedLength(mapped.WrittenSpan);
        newLength.TryFormat(length[1..], out var digits, "x", CultureInfo.InvariantCulture);
        length[digits + 1] = (byte)',';
        output.Write(length[..(digits + 2)]);
        output.Write(mapped.WrittenSpan);
        Reset();
    }

    /// <summary>The bytes React will read for <paramref name="text"/>: its length as sent, or decoded from the string.</summary>
    private long DecodedLength(ReadOnlySpan<byte> text)
    {
        if (_encoding == FlightEncoding.Raw)
        {
            return text.Length;
        }

        var counter = default(Utf8Counter);
        long total = 0;
        var i = 0;
        while (i < text.Length)
        {
            if (!counter.IsPending)
            {
                // Plain bytes and one-character escapes, many at a time; the rest unit by unit below.
                var run = JsSimpleRun.Measure(text[i..], newlineEnds: false, out var escapes);
                total += run - escapes;
                i += run;
                if (i >= text.Length)
                {
                    break;
                }
            }

            var length = JsStringUnits.Read(text[i..], out var codePoint);
            if (length == 0)
            {
                total += text.Length - i;
                break;
            }

            total += counter.Add(codePoint, text[i] == (byte)'\\');
            i += length;
        }

        return total + counter.Finish();
    }

    private void ToPassThrough(ReadOnlySpan<byte> unit, IBufferWriter<byte> output)
    {
        WriteHeld(output);
        output.Write(unit);
        Reset();
        _state = State.PassThrough;
    }

    /// <summary>Writes the held header and content as they came.</summary>
    private void WriteHeld(IBufferWriter<byte> output)
    {
        output.Write(_header.AsSpan(0, _headerLength));
        _headerLength = 0;
        if (_content is { WrittenCount: > 0 } content)
        {
            output.Write(content.WrittenSpan);
            content.Clear();
        }
    }

    private void Reset()
    {
        _headerLength = 0;
        _idLength = 0;
        _remaining = 0;
        _overflow = false;
        _binary = false;
        _content?.Clear();
        _state = State.Id;
    }

    private static bool IsBinaryTag(int codePoint) => codePoint is 'A' or 'O' or 'o' or 'U' or 'S' or 's' or 'L' or 'l' or 'G' or 'g' or 'M' or 'm' or 'V' or 'b';

    private static bool IsHexDigit(int codePoint) => codePoint is >= '0' and <= '9' or >= 'a' and <= 'f' or >= 'A' and <= 'F';
}
