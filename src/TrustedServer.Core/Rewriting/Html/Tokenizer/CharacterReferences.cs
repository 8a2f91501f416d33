using System.Text;

namespace TrustedServer.Core.Rewriting.Html.Tokenizer;

/// <summary>Resolves character references the way the HTML tokenizer does, over bytes.</summary>
internal static class CharacterReferences
{
    private static readonly ushort[] C1Replacements =
    [
        0x20AC, 0x81, 0x201A, 0x0192, 0x201E, 0x2026, 0x2020, 0x2021, 0x02C6, 0x2030, 0x0160, 0x2039, 0x0152, 0x8D, 0x017D, 0x8F,
        0x90, 0x2018, 0x2019, 0x201C, 0x201D, 0x2022, 0x2013, 0x2014, 0x02DC, 0x2122, 0x0161, 0x203A, 0x0153, 0x9D, 0x017E, 0x0178,
    ];

    /// <summary>Decodes <paramref name="raw"/> (bytes in <paramref name="encoding"/>) with its references resolved.
    /// Attribute mode applies the legacy rule: a name without semicolon followed by <c>=</c> or an alphanumeric stays.</summary>
    public static string Decode(ReadOnlySpan<byte> raw, bool inAttribute, Encoding encoding, bool replaceNul = true)
    {
        var nul = replaceNul ? (byte)0 : (byte)'&';
        var first = raw.IndexOfAny((byte)'&', nul);
        if (first < 0)
        {
            return encoding.GetString(raw);
        }

        var sb = new StringBuilder(raw.Length);
        var segment = 0;
        var i = first;
        while (i < raw.Length)
        {
            var j = raw[i..].IndexOfAny((byte)'&', nul);
            if (j < 0)
            {
                break;
            }

            i += j;
            sb.Append(encoding.GetString(raw[segment..i]));
            if (raw[i] == 0 && replaceNul)
            {
                sb.Append('\uFFFD');
                segment = ++i;
                continue;
            }

            var consumed = TryReference(raw, i, inAttribute, sb);
            if (consumed == 0)
            {
                sb.Append('&');
                consumed = 1;
            }

            i += consumed;
            segment = i;
        }

        sb.Append(encoding.GetString(raw[segment..]));
        return sb.ToString();
    }

    /// <summary>Would the <c>&amp;</c> at <paramref name="amp"/> start a reference an attribute value resolves?</summary>
    public static bool IsReference(ReadOnlySpan<byte> raw, int amp) => TryReference(raw, amp, inAttribute: true, null) > 0;

    /// <summary>Resolves the reference at <paramref name="amp"/>, appending its expansion; returns the bytes consumed,
    /// or 0 when the ampersand does not start a reference.</summary>
    private static int TryReference(ReadOnlySpan<byte> raw, int amp, bool inAttribute, StringBuilder? sb)
    {
        var p = amp + 1;
        if (p >= raw.Length)
        {
            return 0;
        }

        return raw[p] == '#' ? TryNumeric(raw, amp, sb) : TryNamed(raw, amp, inAttribute, sb);
    }

    private static int TryNumeric(ReadOnlySpan<byte> raw, int amp, StringBuilder? sb)
    {
        var p = amp + 2;
        var hex = p < raw.Length && (raw[p] | 0x20) == 'x';
        if (hex)
        {
            p++;
        }

        var start = p;
        long value = 0;
        while (p < raw.Length)
        {
            var b = raw[p];
            int d = b is >= (byte)'0' and <= (byte)'9' ? b - '0'
                : hex && (b | 0x20) is >= 'a' and <= 'f' ? (b | 0x20) - 'a' + 10
                : -1;
            if (d < 0)
            {
                break;
            }

            value = Math.Min(value * (hex ? 16 : 10) + d, 0x110000);
            p++;
        }

        if (p == start)
        {
            return 0;
        }

        if (p < raw.Length && raw[p] == ';')
        {
            p++;
        }

        if (sb is not null)
        {
            AppendCodePoint(sb, value);
        }

        return p - amp;
    }

    private static void AppendCodePoint(StringBuilder sb, long value)
    {
        if (value == 0 || value > 0x10FFFF || value is >= 0xD800 and <= 0xDFFF)
        {
            sb.Append('\uFFFD');
        }
        else if (value is >= 0x80 and <= 0x9F)
        {
            sb.Append((char)C1Replacements[value - 0x80]);
        }
        else
        {
            sb.Append(char.ConvertFromUtf32((int)value));
        }
    }

    private static int TryNamed(ReadOnlySpan<byte> raw, int amp, bool inAttribute, StringBuilder? sb)
    {
        var p = amp + 1;
        var end = p;
        while (end < raw.Length && end - p < NamedCharacterReferences.MaxNameLength && IsAsciiAlphanumeric(raw[end]))
        {
            end++;
        }

        if (end == p)
        {
            return 0;
        }

        if (end < raw.Length && raw[end] == ';' && NamedCharacterReferences.Find(raw[p..(end + 1)]) is { } withSemicolon)
        {
            sb?.Append(withSemicolon);
            return end + 1 - amp;
        }

        for (var e = end; e > p; e--)
        {
            if (NamedCharacterReferences.Find(raw[p..e]) is not { } value)
            {
                continue;
            }

            if (inAttribute && e < raw.Length && (raw[e] == '=' || IsAsciiAlphanumeric(raw[e])))
            {
                return 0;
            }

            sb?.Append(value);
            return e - amp;
        }

        return 0;
    }

    private static bool IsAsciiAlphanumeric(byte b) => TagNames.IsAsciiAlpha(b) || (uint)(b - '0') <= 9;
}
