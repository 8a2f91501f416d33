namespace TrustedServer.Core.Rewriting.Urls;

/// <summary>
/// Finds, in order, the positions where a plain (<c>//</c>) or escaped (<c>\/</c>) separator may start, plus a
/// trigger byte at the very end that may begin one in the next chunk. Searching for the two-byte pairs instead of
/// every <c>/</c> keeps the scan vectorised through script and JSON text, where single slashes are everywhere.
/// Each pair's next position is remembered, so the buffer is searched once per pair overall.
/// </summary>
internal ref struct SeparatorCandidates(ReadOnlySpan<byte> buffer)
{
    private const int Unknown = -1;
    private readonly ReadOnlySpan<byte> _buffer = buffer;
    private int _plain = Unknown;
    private int _escaped = Unknown;

    // Below this length (attribute values, most URLs) one plain loop over the bytes is quicker than setting up the
    // two vectorised pair searches.
    private const int ShortBuffer = 64;

    /// <summary>The first candidate at or after <paramref name="from"/>, or -1.</summary>
    public int Next(int from)
    {
        if (_buffer.Length <= ShortBuffer)
        {
            return NextInShortBuffer(from);
        }

        _plain = Advance(_plain, from, "//"u8);
        _escaped = Advance(_escaped, from, "\\/"u8);
        var next = Math.Min(_plain, _escaped);
        if (next < _buffer.Length)
        {
            return next;
        }

        var last = _buffer.Length - 1;
        return last >= from && (_buffer[last] == (byte)'/' || _buffer[last] == (byte)'\\') ? last : -1;
    }

    private readonly int NextInShortBuffer(int from)
    {
        var last = _buffer.Length - 1;
        for (var i = Math.Max(from, 0); i < last; i++)
        {
            if (_buffer[i + 1] == (byte)'/' && _buffer[i] is (byte)'/' or (byte)'\\')
            {
                return i;
            }
        }

        return last >= from && (_buffer[last] == (byte)'/' || _buffer[last] == (byte)'\\') ? last : -1;
    }

    /// <summary>Keeps a remembered position that is still ahead; otherwise searches again (int.MaxValue: none left).</summary>
    private readonly int Advance(int remembered, int from, ReadOnlySpan<byte> pair)
    {
        if (remembered >= from)
        {
            return remembered;
        }

        if (from >= _buffer.Length)
        {
            return int.MaxValue;
        }

        var relative = _buffer[from..].IndexOf(pair);
        return relative < 0 ? int.MaxValue : from + relative;
    }
}
