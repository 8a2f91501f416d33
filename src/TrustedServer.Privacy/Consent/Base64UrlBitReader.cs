namespace TrustedServer.Privacy.Consent;

/// <summary>
/// Reads big-endian bit fields straight from base64url text (6 bits per character), so decoding a consent
/// string needs no intermediate byte buffer. Reads past the end fail instead of padding with zeros.
/// </summary>
internal ref struct Base64UrlBitReader
{
    private static readonly sbyte[] Sextets = BuildTable();
    private readonly ReadOnlySpan<char> _text;
    private int _position;

    public Base64UrlBitReader(ReadOnlySpan<char> text, int startBit = 0)
    {
        _text = text;
        _position = startBit;
    }

    public readonly int Position => _position;

    public readonly int TotalBits => _text.Length * 6;

    public readonly int Remaining => TotalBits - _position;

    /// <summary>True when every character is in the base64url alphabet (no padding).</summary>
    public static bool IsValid(ReadOnlySpan<char> text)
    {
        foreach (var c in text)
        {
            if (c >= 128 || Sextets[c] < 0)
            {
                return false;
            }
        }

        return true;
    }

    public bool TryReadBits(int count, out long value)
    {
        value = 0;
        if (count is < 0 or > 62 || count > Remaining)
        {
            return false;
        }

        // Take whole runs of bits from each sextet rather than one bit at a time.
        while (count > 0)
        {
            var available = 6 - (_position % 6);
            var take = Math.Min(available, count);
            var sextet = Sextets[_text[_position / 6]];
            value = (value << take) | (long)((sextet >> (available - take)) & ((1 << take) - 1));
            _position += take;
            count -= take;
        }

        return true;
    }

    /// <summary>Reads <paramref name="count"/> bits as membership flags for ids firstId, firstId+1, ...</summary>
    public bool TryReadBitField(IdSet set, int firstId, int count)
    {
        if (count < 0 || count > Remaining)
        {
            return false;
        }

        var id = firstId;
        while (count > 0)
        {
            var available = 6 - (_position % 6);
            var take = Math.Min(available, count);
            var bits = (Sextets[_text[_position / 6]] >> (available - take)) & ((1 << take) - 1);
            for (var b = take - 1; b >= 0; b--, id++)
            {
                if (((bits >> b) & 1) != 0)
                {
                    set.Add(id);
                }
            }

            _position += take;
            count -= take;
        }

        return true;
    }

    public bool TryReadInt(int count, out int value)
    {
        var ok = TryReadBits(count, out var v);
        value = (int)v;
        return ok;
    }

    public bool TryReadBool(out bool value)
    {
        value = false;
        if (Remaining < 1)
        {
            return false;
        }

        value = ReadBitUnchecked();
        return true;
    }

    /// <summary>Reads a Fibonacci-coded positive integer (terminated by two consecutive ones).</summary>
    public bool TryReadFibonacci(out long value)
    {
        value = 0;
        long prev = 1;
        long current = 1;
        var previousBit = false;
        for (var i = 0; i < 60; i++)
        {
            if (Remaining < 1)
            {
                return false;
            }

            var bit = ReadBitUnchecked();
            if (bit && previousBit)
            {
                return value > 0;
            }

            var fib = i == 0 ? 1 : current;
            if (bit)
            {
                value += fib;
            }

            if (i > 0)
            {
                (prev, current) = (current, prev + current);
            }
            else
            {
                (prev, current) = (1, 2);
            }

            previousBit = bit;
        }

        return false;
    }

    public void Skip(int count) => _position += count;

    private bool ReadBitUnchecked()
    {
        var sextet = Sextets[_text[_position / 6]];
        var bit = (sextet >> (5 - (_position % 6))) & 1;
        _position++;
        return bit == 1;
    }

    private static sbyte[] BuildTable()
    {
        var table = new sbyte[128];
        Array.Fill(table, (sbyte)-1);
        const string alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";
        for (var i = 0; i < alphabet.Length; i++)
        {
            table[alphabet[i]] = (sbyte)i;
        }

        return table;
    }
}
