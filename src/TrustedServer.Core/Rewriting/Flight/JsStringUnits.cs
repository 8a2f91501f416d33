namespace TrustedServer.Core.Rewriting.Flight;

/// <summary>
/// Reads a JavaScript string literal's body one unit at a time (a plain byte or a whole escape sequence) and says how
/// many UTF-8 bytes the unit becomes once the browser decodes the string and encodes it for React's Flight reader
/// (<c>TextEncoder</c>): that is what a Flight text row's length counts.
/// </summary>
internal static class JsStringUnits
{
    /// <summary>The longest escape sequence read as one unit (<c>\u{10FFFF}</c>).</summary>
    public const int MaxUnitBytes = 10;

    /// <summary>
    /// Reads the unit at the start of <paramref name="text"/>. Returns its length in bytes, or 0 when the text ends
    /// inside an escape sequence (more input is needed); <paramref name="codePoint"/> is the decoded value (for a plain
    /// byte, the byte).
    /// </summary>
    public static int Read(ReadOnlySpan<byte> text, out int codePoint)
    {
        codePoint = text[0];
        if (text[0] != (byte)'\\')
        {
            return 1;
        }

        if (text.Length < 2)
        {
            return 0;
        }

        switch (text[1])
        {
            case (byte)'n': codePoint = '\n'; return 2;
            case (byte)'r': codePoint = '\r'; return 2;
            case (byte)'t': codePoint = '\t'; return 2;
            case (byte)'b': codePoint = '\b'; return 2;
            case (byte)'f': codePoint = '\f'; return 2;
            case (byte)'v': codePoint = '\v'; return 2;
            case (byte)'0': codePoint = 0; return 2;
            case (byte)'\r':
            case (byte)'\n':
                // A line continuation stands for nothing.
                codePoint = -1;
                return 2;
            case (byte)'x':
                return Hex(text, 2, 2, out codePoint);
            case (byte)'u' when text.Length > 2 && text[2] == (byte)'{':
                var close = text[3..Math.Min(text.Length, MaxUnitBytes)].IndexOf((byte)'}');
                if (close < 0)
                {
                    return text.Length >= MaxUnitBytes ? Plain(text, out codePoint) : 0;
                }

                return Hex(text, 3, close, out codePoint) == 0 ? 0 : close + 4;
            case (byte)'u':
                return Hex(text, 2, 4, out codePoint);
            default:
                // \" \' \\ \/ and any other escaped character stand for that character.
                codePoint = text[1];
                return 2;
        }
    }

    /// <summary>UTF-8 bytes of one decoded unit; surrogates are counted by <see cref="Utf8Counter"/>.</summary>
    public static int Utf8Length(int codePoint) => codePoint switch
    {
        < 0 => 0,
        < 0x80 => 1,
        < 0x800 => 2,
        < 0x10000 => 3,
        _ => 4,
    };

    private static int Hex(ReadOnlySpan<byte> text, int start, int digits, out int codePoint)
    {
        codePoint = 0;
        if (text.Length < start + digits)
        {
            return 0;
        }

        for (var i = start; i < start + digits; i++)
        {
            var value = HexValue(text[i]);
            if (value < 0 || codePoint > 0x10FFFF)
            {
                // Not a valid escape: JavaScript would refuse the script; count it as the characters written.
                return Plain(text, out codePoint);
            }

            codePoint = (codePoint * 16) + value;
        }

        return start + digits;
    }

    private static int Plain(ReadOnlySpan<byte> text, out int codePoint)
    {
        codePoint = text[1];
        return 2;
    }

    public static int HexValue(byte b) => b switch
    {
        >= (byte)'0' and <= (byte)'9' => b - '0',
        >= (byte)'a' and <= (byte)'f' => b - 'a' + 10,
        >= (byte)'A' and <= (byte)'F' => b - 'A' + 10,
        _ => -1,
    };
}
