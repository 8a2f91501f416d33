using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Text;

namespace TrustedServer.Core.UrlParsing;

/// <summary>The WHATWG host parser for http(s) URLs: IPv6 compression, IPv4 number forms, domain to ASCII.</summary>
internal static class WhatwgHost
{
    /// <summary>Parses and serialises a special-scheme host: bracketed IPv6, IPv4 in any WHATWG form, or a domain.</summary>
    public static bool TryParse(ReadOnlySpan<char> text, out string host)
    {
        host = string.Empty;
        if (text.IsEmpty)
        {
            return false;
        }

        if (text[0] == '[')
        {
            if (text[^1] != ']' || text.Length < 3)
            {
                return false;
            }

            var inner = text[1..^1];
            if (inner.Contains('%') || !IPAddress.TryParse(inner, out var v6) || v6.AddressFamily != AddressFamily.InterNetworkV6)
            {
                return false;
            }

            host = "[" + SerializeIPv6(v6.GetAddressBytes()) + "]";
            return true;
        }

        var decoded = FormUrlEncoding.Decode(text.ToString().Replace("+", "%2B", StringComparison.Ordinal));
        string ascii;
        if (IsAscii(decoded))
        {
            ascii = decoded.ToLowerInvariant();
        }
        else
        {
            try
            {
                ascii = new IdnMapping { AllowUnassigned = true, UseStd3AsciiRules = false }.GetAscii(decoded.ToLowerInvariant()).ToLowerInvariant();
            }
            catch (ArgumentException)
            {
                return false;
            }
        }

        foreach (var c in ascii)
        {
            if (c <= ' ' || c == 0x7F || c is '#' or '%' or '/' or ':' or '<' or '>' or '?' or '@' or '[' or '\\' or ']' or '^' or '|')
            {
                return false;
            }
        }

        if (EndsInNumber(ascii))
        {
            if (!TryParseIPv4(ascii, out var v4))
            {
                return false;
            }

            host = string.Create(CultureInfo.InvariantCulture, $"{v4 >> 24}.{(v4 >> 16) & 0xFF}.{(v4 >> 8) & 0xFF}.{v4 & 0xFF}");
            return true;
        }

        host = ascii;
        return ascii.Length > 0;
    }

    private static bool IsAscii(string s)
    {
        foreach (var c in s)
        {
            if (c >= 0x80)
            {
                return false;
            }
        }

        return true;
    }

    private static bool EndsInNumber(string host)
    {
        var parts = host.Split('.');
        var last = parts[^1];
        if (last.Length == 0)
        {
            if (parts.Length == 1)
            {
                return false;
            }

            last = parts[^2];
        }

        if (last.Length > 0 && last.All(char.IsAsciiDigit))
        {
            return true;
        }

        return TryParseIPv4Number(last, out _);
    }

    private static bool TryParseIPv4(string host, out uint address)
    {
        address = 0;
        var parts = host.Split('.').ToList();
        if (parts[^1].Length == 0 && parts.Count > 1)
        {
            parts.RemoveAt(parts.Count - 1);
        }

        if (parts.Count > 4)
        {
            return false;
        }

        var numbers = new ulong[parts.Count];
        for (var i = 0; i < parts.Count; i++)
        {
            if (!TryParseIPv4Number(parts[i], out numbers[i]))
            {
                return false;
            }
        }

        for (var i = 0; i < numbers.Length - 1; i++)
        {
            if (numbers[i] > 255)
            {
                return false;
            }
        }

        var lastLimit = 1UL << (8 * (5 - numbers.Length));
        if (numbers[^1] >= lastLimit)
        {
            return false;
        }

        ulong ipv4 = numbers[^1];
        for (var i = 0; i < numbers.Length - 1; i++)
        {
            ipv4 += numbers[i] << (8 * (3 - i));
        }

        address = (uint)ipv4;
        return true;
    }

    private static bool TryParseIPv4Number(string text, out ulong value)
    {
        value = 0;
        if (text.Length == 0)
        {
            return false;
        }

        var radix = 10;
        var digits = text.AsSpan();
        if (digits.Length >= 2 && digits[0] == '0' && (digits[1] | 0x20) == 'x')
        {
            radix = 16;
            digits = digits[2..];
        }
        else if (digits.Length >= 2 && digits[0] == '0')
        {
            radix = 8;
            digits = digits[1..];
        }

        foreach (var c in digits)
        {
            int d;
            if (char.IsAsciiDigit(c))
            {
                d = c - '0';
            }
            else if (radix == 16 && char.IsAsciiHexDigit(c))
            {
                d = FormUrlEncoding.HexValue(c);
            }
            else
            {
                return false;
            }

            if (d >= radix)
            {
                return false;
            }

            value = (value * (ulong)radix) + (ulong)d;
            if (value > uint.MaxValue)
            {
                value = uint.MaxValue + 1UL;
            }
        }

        return true;
    }

    private static string SerializeIPv6(byte[] bytes)
    {
        Span<int> pieces = stackalloc int[8];
        for (var i = 0; i < 8; i++)
        {
            pieces[i] = (bytes[2 * i] << 8) | bytes[(2 * i) + 1];
        }

        int bestStart = -1, bestLen = 1;
        for (var i = 0; i < 8;)
        {
            if (pieces[i] != 0)
            {
                i++;
                continue;
            }

            var j = i;
            while (j < 8 && pieces[j] == 0)
            {
                j++;
            }

            if (j - i > bestLen)
            {
                bestStart = i;
                bestLen = j - i;
            }

            i = j;
        }

        var sb = new StringBuilder(39);
        for (var i = 0; i < 8; i++)
        {
            if (i == bestStart)
            {
                sb.Append(i == 0 ? "::" : ":");
                i += bestLen - 1;
                continue;
            }

            sb.Append(pieces[i].ToString("x", CultureInfo.InvariantCulture));
            if (i < 7)
            {
                sb.Append(':');
            }
        }

        return sb.ToString();
    }
}
