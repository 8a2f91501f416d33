using System.Buffers;
using TrustedServer.Core.Rewriting.Flight;
using TrustedServer.Core.Rewriting.Publisher;

namespace TrustedServer.Core.Rewriting.Integrations.NextJs;

/// <summary>
/// One inline script's text: held until its start tells whether it is a Next.js push script; then either its string
/// goes through the page's Flight rewriter (the rest of the script as it is), or the whole text goes through the
/// publisher's mapping.
/// </summary>
internal sealed class NextFlightScriptSession(NextFlightScriptRewriter owner, PublisherDocument document) : IBodyTransform, IUnchangedPassage, IExclusiveScriptSession
{
    private readonly byte[] _held = new byte[64];
    private int _heldLength;
    private Mode _mode;
    private JsStringEndScanner _stringEnd;

    private enum Mode
    {
        Sniff,
        Payload,
        Suffix,
        Publisher,
    }

    public void Process(ReadOnlySpan<byte> chunk, IBufferWriter<byte> output)
    {
        while (!chunk.IsEmpty)
        {
            switch (_mode)
            {
                case Mode.Sniff:
                    chunk = Sniff(chunk, output);
                    break;
                case Mode.Payload:
                    chunk = Payload(chunk, output);
                    break;
                case Mode.Suffix:
                    output.Write(chunk);
                    return;
                case Mode.Publisher:
                    document.PublisherScriptMapping.Process(chunk, output);
                    return;
            }
        }
    }

    /// <summary>A push script's string is Flight, which no other script rewriter may change.</summary>
    public bool IsExclusive => _mode is Mode.Payload or Mode.Suffix;

    /// <inheritdoc />
    public bool TryPassUnchanged(ReadOnlySpan<byte> chunk)
    {
        switch (_mode)
        {
            case Mode.Suffix:
                return true;
            case Mode.Payload when FlightPassingThrough():
            case Mode.Sniff when _heldLength == 0 && chunk.TrimStart(" \t\r\n"u8).StartsWith(NextFlightScriptRewriter.Prefix) && FlightPassingThrough():
                _mode = Mode.Suffix;
                return true;
            default:
                return false;
        }
    }

    public void Finish(IBufferWriter<byte> output)
    {
        if (_mode == Mode.Sniff)
        {
            ToPublisher(output);
        }

        if (_mode == Mode.Publisher)
        {
            document.PublisherScriptMapping.Finish(output);
        }
    }

    private ReadOnlySpan<byte> Sniff(ReadOnlySpan<byte> chunk, IBufferWriter<byte> output)
    {
        var prefix = NextFlightScriptRewriter.Prefix;
        var i = 0;
        while (i < chunk.Length)
        {
            var b = chunk[i];
            var leading = _heldLength == 0 || _held.AsSpan(0, _heldLength).IndexOfAnyExcept(" \t\r\n"u8) < 0;
            if (_heldLength == _held.Length)
            {
                ToPublisher(output);
                return chunk[i..];
            }

            _held[_heldLength++] = b;
            i++;
            if (leading && b is (byte)' ' or (byte)'\t' or (byte)'\r' or (byte)'\n')
            {
                continue;
            }

            var start = _held.AsSpan(0, _heldLength).IndexOfAnyExcept(" \t\r\n"u8);
            var seen = _held.AsSpan(start, _heldLength - start);
            if (!prefix.StartsWith(seen))
            {
                ToPublisher(output);
                return chunk[i..];
            }

            if (seen.Length == prefix.Length)
            {
                output.Write(_held.AsSpan(0, _heldLength));
                _heldLength = 0;
                _mode = Mode.Payload;
                return chunk[i..];
            }
        }

        return [];
    }

    private ReadOnlySpan<byte> Payload(ReadOnlySpan<byte> chunk, IBufferWriter<byte> output)
    {
        var flight = owner.FlightFor(document);
        if (flight.PassingThrough)
        {
            // The page's Flight could not be read: the rest of this script, string and suffix alike, goes out as it came.
            output.Write(chunk);
            _mode = Mode.Suffix;
            return [];
        }

        var end = _stringEnd.IndexOfEnd(chunk);
        if (end < 0)
        {
            flight.Process(chunk, output);
            return [];
        }

        flight.Process(chunk[..end], output);
        _mode = Mode.Suffix;
        return chunk[end..];
    }

    private bool FlightPassingThrough() => owner.ExistingFlight(document) is { PassingThrough: true };

    private void ToPublisher(IBufferWriter<byte> output)
    {
        _mode = Mode.Publisher;
        var held = _held.AsSpan(0, _heldLength);
        _heldLength = 0;
        if (!held.IsEmpty)
        {
            document.PublisherScriptMapping.Process(held, output);
        }
    }
}
