using System.Buffers;
using System.Text;

namespace TrustedServer.Core.UrlParsing;

/// <summary>
/// application/x-www-form-urlencoded as the original signs it: alphanumerics and <c>*-._</c> stay, a space becomes
/// <c>+</c>, every other UTF-8 byte becomes <c>%XX</c> (upper-case hex). Parsing splits on <c>&amp;</c>, skips empty
/// pairs, splits on the first <c>=</c>, turns <c>+</c> into a space and percent-decodes as lossy UTF-8.
/// </summary>
internal static class FormUrlEncoding
{
    private const string Hex = "0123456789ABCDEF";

    public static void AppendEncoded(StringBuilder sb, string value)
    {
        Span<byte> utf8 = stackalloc byte[4];
        foreach (var rune in value.EnumerateRunes())
        {
            if (rune.IsAscii)
            {
                var c = (char)rune.Value;
                if (char.IsAsciiLetterOrDigit(c) || c is '*' or '-' or '.' or '_')
                {
                    sb.Append(c);
                }
                else if (c == ' ')
                {
                    sb.Append('+');
                }
                else
                {
                    AppendPercent(sb, (byte)c);
                }

                continue;
            }

            var written = rune.EncodeToUtf8(utf8);
            for (var i = 0; i < written; i++)
            {
                AppendPercent(sb, utf8[i]);
            }
        }
    }

    public static void AppendPair(StringBuilder sb, string key, string value)
    {
        AppendEncoded(sb, key);
        sb.Append('=');
        AppendEncoded(sb, value);
    }

    public static string Serialize(IReadOnlyList<KeyValuePair<string, string>> pairs)
    {
        var sb = new StringBuilder();
        for (var i = 0; i < pairs.Count; i++)
        {
            if (i > 0)
            {
                sb.Append('&');
            }

            AppendPair(sb, pairs[i].Key, pairs[i].Value);
        }

        return sb.ToString();
    }

    /// <summary>Parses a raw query (with or without its leading <c>?</c>) into decoded pairs, in order.</summary>
    public static List<KeyValuePair<string, string>> Parse(ReadOnlySpan<char> query)
    {
        if (!query.IsEmpty && query[0] == '?')
        {
            query = query[1..];
        }

        var pairs = new List<KeyValuePair<string, string>>();
        while (!query.IsEmpty)
        {
            var amp = query.IndexOf('&');
            var part = amp < 0 ? query : query[..amp];
            query = amp < 0 ? [] : query[(amp + 1)..];
            if (part.IsEmpty)
            {
                continue;
            }

            var eq = part.IndexOf('=');
            var name = eq < 0 ? part : part[..eq];
            var value = eq < 0 ? [] : part[(eq + 1)..];
            pairs.Add(new(Decode(name), Decode(value)));
        }

        return pairs;
    }

    /// <summary>Replaces <c>+</c> with a space and percent-decodes; invalid UTF-8 becomes U+FFFD.</summary>
    public static string Decode(ReadOnlySpan<char> value)
    {
        if (value.IndexOfAny('%', '+') < 0 && !ContainsNonAscii(value))
        {
            return value.ToString();
        }

        var buffer = ArrayPool<byte>.Shared.Rent(value.Length * 3);
        try
        {
            var n = 0;
            for (var i = 0; i < value.Length; i++)
            {
                var c = value[i];
                if (c == '+')
                {
                    buffer[n++] = (byte)' ';
                }
                else if (c == '%' && i + 2 < value.Length && char.IsAsciiHexDigit(value[i + 1]) && char.IsAsciiHexDigit(value[i + 2]))
                {
                    buffer[n++] = (byte)((HexValue(value[i + 1]) << 4) | HexValue(value[i + 2]));
                    i += 2;
                }
                else if (c < 0x80)
                {
                    buffer[n++] = (byte)c;
                }
                else
                {
                    Rune.DecodeFromUtf16(value[i..], out var rune, out var consumed);
                    i += consumed - 1;
                    n += rune.EncodeToUtf8(buffer.AsSpan(n));
                }
            }

            return Encoding.UTF8.GetString(buffer, 0, n);
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }

    internal static void AppendPercent(StringBuilder sb, byte b)
    {
        sb.Append('%').Append(Hex[b >> 4]).Append(Hex[b & 0xF]);
    }

    internal static int HexValue(char c) => c <= '9' ? c - '0' : (c | 0x20) - 'a' + 10;

    private static bool ContainsNonAscii(ReadOnlySpan<char> value)
    {
        foreach (var c in value)
        {
            if (c >= 0x80)
            {
                return true;
            }
        }

        return false;
    }
}
