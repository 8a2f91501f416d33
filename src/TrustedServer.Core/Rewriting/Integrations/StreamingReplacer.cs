using System.Buffers;

namespace TrustedServer.Core.Rewriting.Integrations;

/// <summary>
/// Replaces the literal byte strings of a <see cref="ReplacementTable"/> in a stream, whatever the chunking: a tail
/// that could be the start of a pattern is held back until the next chunk (or the end) decides it, so the output is
/// the same for any split. Each pattern is searched with the vectorised span search, so text without any costs one
/// scan per pattern.
/// </summary>
public sealed class StreamingReplacer : IBodyTransform, IUnchangedPassage
{
    private readonly ReplacementTable _table;
    private byte[] _carry = [];
    private int _carryLength;

    internal StreamingReplacer(ReplacementTable table) => _table = table;

    /// <summary>How many replacements were made so far.</summary>
    public int Count { get; private set; }

    /// <summary>
    /// True when <paramref name="chunk"/> would come out exactly as it went in and leave nothing held (nothing held
    /// from before, no anchor in it, no pattern begun at its end): the caller may then skip <see cref="Process"/>.
    /// </summary>
    public bool TryPassUnchanged(ReadOnlySpan<byte> chunk) =>
        _carryLength == 0 && _table.Anchor is { } anchor && chunk.IndexOf(anchor) < 0 && EarliestPartial(chunk, 0).Position < 0;

    /// <inheritdoc />
    public void Process(ReadOnlySpan<byte> chunk, IBufferWriter<byte> output)
    {
        ArgumentNullException.ThrowIfNull(output);
        if (_carryLength == 0)
        {
            Hold(chunk[Scan(chunk, output, final: false)..]);
            return;
        }

        var joined = ArrayPool<byte>.Shared.Rent(_carryLength + chunk.Length);
        try
        {
            _carry.AsSpan(0, _carryLength).CopyTo(joined);
            chunk.CopyTo(joined.AsSpan(_carryLength));
            var all = joined.AsSpan(0, _carryLength + chunk.Length);
            _carryLength = 0;
            Hold(all[Scan(all, output, final: false)..]);
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(joined);
        }
    }

    /// <inheritdoc />
    public void Finish(IBufferWriter<byte> output)
    {
        ArgumentNullException.ThrowIfNull(output);
        var rest = _carry.AsSpan(0, _carryLength);
        _carryLength = 0;
        Scan(rest, output, final: true);
    }

    /// <summary>Writes what is decided; returns where the undecided tail starts. A tail that could still become a
    /// pattern holds back everything from its start, including a shorter match inside it that the longer pattern,
    /// if completed, would have won over.</summary>
    private int Scan(ReadOnlySpan<byte> data, IBufferWriter<byte> output, bool final)
    {
        var pairs = _table.Pairs;
        var (undecided, undecidedPair) = final ? (-1, -1) : EarliestPartial(data, 0);
        var position = 0;
        var anchored = _table.Anchor is null || data.IndexOf(_table.Anchor) >= 0;
        while (anchored)
        {
            var best = -1;
            var bestPair = -1;
            for (var p = 0; p < pairs.Length; p++)
            {
                var window = best < 0 ? data[position..] : data[position..Math.Min(data.Length, position + best + pairs[p].From.Length)];
                var at = window.IndexOf(pairs[p].From);
                if (at >= 0 && (best < 0 || at < best))
                {
                    best = at;
                    bestPair = p;
                }
            }

            if (best < 0)
            {
                break;
            }

            var match = position + best;
            if (undecided >= position && (undecided < match || (undecided == match && undecidedPair < bestPair)))
            {
                break;
            }

            output.Write(data[position..match]);
            output.Write(pairs[bestPair].To);
            position = match + pairs[bestPair].From.Length;
            Count++;
            if (!final && undecided >= 0 && undecided < position)
            {
                (undecided, undecidedPair) = EarliestPartial(data, position);
            }
        }

        var end = undecided >= position ? undecided : data.Length;
        output.Write(data[position..end]);
        return end;
    }

    /// <summary>The first position from <paramref name="from"/> whose rest of <paramref name="data"/> is a proper prefix of a pattern, with the
    /// highest-priority such pattern; (-1, -1) when none.</summary>
    private (int Position, int Pair) EarliestPartial(ReadOnlySpan<byte> data, int from)
    {
        var start = Math.Max(from, data.Length - _table.MaxPatternLength + 1) - 1;
        while (++start < data.Length)
        {
            var next = data[start..].IndexOfAny(_table.FirstBytes);
            if (next < 0)
            {
                break;
            }

            start += next;
            var tail = data[start..];
            for (var p = 0; p < _table.Pairs.Length; p++)
            {
                var pattern = _table.Pairs[p].From;
                if (pattern.Length > tail.Length && pattern.AsSpan(0, tail.Length).SequenceEqual(tail))
                {
                    return (start, p);
                }
            }
        }

        return (-1, -1);
    }

    private void Hold(ReadOnlySpan<byte> tail)
    {
        if (tail.IsEmpty)
        {
            return;
        }

        if (_carry.Length < tail.Length)
        {
            _carry = new byte[Math.Max(64, tail.Length)];
        }

        tail.CopyTo(_carry);
        _carryLength = tail.Length;
    }
}
