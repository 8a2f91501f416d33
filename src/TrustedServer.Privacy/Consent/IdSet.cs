using System.Collections;
using System.Numerics;

namespace TrustedServer.Privacy.Consent;

/// <summary>
/// A compact set of small positive ids (vendors, purposes, special features): one bit per id up to
/// <see cref="MaxId"/>, which is capped at 65535 (8 KiB) by the 16-bit fields that carry it.
/// </summary>
public sealed class IdSet : IEnumerable<int>
{
    private readonly ulong[] _bits;

    /// <summary>An empty set.</summary>
    public static IdSet Empty { get; } = new(0);

    internal IdSet(int maxId)
    {
        MaxId = maxId;
        _bits = maxId == 0 ? [] : new ulong[(maxId >> 6) + 1];
    }

    /// <summary>The largest id the set can hold (for vendor vectors: the encoded maxVendorId).</summary>
    public int MaxId { get; }

    /// <summary>Number of ids in the set.</summary>
    public int Count
    {
        get
        {
            var n = 0;
            foreach (var word in _bits)
            {
                n += BitOperations.PopCount(word);
            }

            return n;
        }
    }

    /// <summary>True when <paramref name="id"/> is in the set.</summary>
    public bool Contains(int id) => id > 0 && id <= MaxId && (_bits[id >> 6] & (1UL << (id & 63))) != 0;

    internal void Add(int id) => _bits[id >> 6] |= 1UL << (id & 63);

    /// <summary>Adds every id in [from, to]; whole words at a time so absurd ranges stay cheap.</summary>
    internal void AddRange(int from, int to)
    {
        var id = from;
        while (id <= to && (id & 63) != 0)
        {
            Add(id++);
        }

        while (id + 63 <= to)
        {
            _bits[id >> 6] = ulong.MaxValue;
            id += 64;
        }

        while (id <= to)
        {
            Add(id++);
        }
    }

    /// <summary>Enumerates the ids in ascending order.</summary>
    public IEnumerator<int> GetEnumerator()
    {
        for (var w = 0; w < _bits.Length; w++)
        {
            var word = _bits[w];
            while (word != 0)
            {
                var bit = BitOperations.TrailingZeroCount(word);
                yield return (w << 6) + bit;
                word &= word - 1;
            }
        }
    }

    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();

    /// <summary>The ids as compact ranges, e.g. "1-3,7" (empty string for an empty set).</summary>
    public override string ToString()
    {
        var sb = new System.Text.StringBuilder();
        var start = -1;
        var prev = -1;
        foreach (var id in this)
        {
            if (start < 0)
            {
                start = prev = id;
                continue;
            }

            if (id == prev + 1)
            {
                prev = id;
                continue;
            }

            AppendRange(sb, start, prev);
            start = prev = id;
        }

        if (start >= 0)
        {
            AppendRange(sb, start, prev);
        }

        return sb.ToString();
    }

    private static void AppendRange(System.Text.StringBuilder sb, int start, int end)
    {
        if (sb.Length > 0)
        {
            sb.Append(',');
        }

        sb.Append(start);
        if (end != start)
        {
            sb.Append('-').Append(end);
        }
    }
}
