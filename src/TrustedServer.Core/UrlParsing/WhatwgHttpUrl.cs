using System.Globalization;
using System.Text;

namespace TrustedServer.Core.UrlParsing;

/// <summary>
/// The WHATWG URL parser and serialiser, restricted to absolute <c>http</c>/<c>https</c> URLs. Signing must hash the
/// exact string the original's <c>url</c> crate produces, and <see cref="Uri"/> normalises differently (dot segments,
/// escaping, IPv4 forms, IPv6 notation), so the relevant part of the standard is reproduced here.
/// </summary>
internal static class WhatwgHttpUrl
{
    /// <summary>
    /// Parses <paramref name="input"/> and returns its serialisation without query and fragment, plus the raw query
    /// text (after <c>?</c>, before <c>#</c>) or null when there is no <c>?</c>.
    /// </summary>
    public static bool TryParse(string input, out string withoutQuery, out string? rawQuery)
    {
        withoutQuery = string.Empty;
        rawQuery = null;
        var s = Preprocess(input);

        var colon = s.IndexOf(':', StringComparison.Ordinal);
        if (colon <= 0)
        {
            return false;
        }

        var scheme = s[..colon].ToLowerInvariant();
        int defaultPort;
        if (scheme == "http")
        {
            defaultPort = 80;
        }
        else if (scheme == "https")
        {
            defaultPort = 443;
        }
        else
        {
            return false;
        }

        var pos = colon + 1;
        while (pos < s.Length && s[pos] is '/' or '\\')
        {
            pos++;
        }

        var authorityEnd = s.IndexOfAny(['/', '\\', '?', '#'], pos);
        if (authorityEnd < 0)
        {
            authorityEnd = s.Length;
        }

        var authority = s.AsSpan(pos, authorityEnd - pos);
        var sb = new StringBuilder(s.Length + 16);
        sb.Append(scheme).Append("://");

        var at = authority.LastIndexOf('@');
        if (at >= 0)
        {
            var userinfo = authority[..at];
            authority = authority[(at + 1)..];
            var sep = userinfo.IndexOf(':');
            var user = sep < 0 ? userinfo : userinfo[..sep];
            var password = sep < 0 ? [] : userinfo[(sep + 1)..];
            if (authority.IsEmpty)
            {
                return false;
            }

            if (!user.IsEmpty || !password.IsEmpty)
            {
                PercentEncode(sb, user, EncodeSet.Userinfo);
                if (!password.IsEmpty)
                {
                    sb.Append(':');
                    PercentEncode(sb, password, EncodeSet.Userinfo);
                }

                sb.Append('@');
            }
        }

        if (!TrySplitPort(authority, out var hostText, out var portText) ||
            !WhatwgHost.TryParse(hostText, out var host))
        {
            return false;
        }

        sb.Append(host);
        if (!portText.IsEmpty)
        {
            if (!TryParsePort(portText, out var port))
            {
                return false;
            }

            if (port != defaultPort)
            {
                sb.Append(':').Append(port.ToString(CultureInfo.InvariantCulture));
            }
        }

        var pathEnd = s.IndexOfAny(['?', '#'], authorityEnd);
        if (pathEnd < 0)
        {
            pathEnd = s.Length;
        }

        AppendPath(sb, s.AsSpan(authorityEnd, pathEnd - authorityEnd));
        if (pathEnd < s.Length && s[pathEnd] == '?')
        {
            var fragment = s.IndexOf('#', pathEnd);
            rawQuery = fragment < 0 ? s[(pathEnd + 1)..] : s[(pathEnd + 1)..fragment];
        }

        withoutQuery = sb.ToString();
        return true;
    }

    /// <summary>The serialised host (lower-case, punycode, bracketed IPv6) of an absolute http(s) URL.</summary>
    public static bool TryGetHost(string input, out string host)
    {
        host = string.Empty;
        if (!TryParse(input, out var serialized, out _))
        {
            return false;
        }

        var start = serialized.IndexOf("//", StringComparison.Ordinal) + 2;
        var end = serialized.IndexOf('/', start);
        var authority = serialized[start..end];
        var at = authority.LastIndexOf('@');
        if (at >= 0)
        {
            authority = authority[(at + 1)..];
        }

        var close = authority.LastIndexOf(']');
        var colon = authority.LastIndexOf(':');
        host = colon > close ? authority[..colon] : authority;
        return true;
    }

    private static string Preprocess(string input)
    {
        var span = input.AsSpan();
        var start = 0;
        var end = span.Length;
        while (start < end && span[start] <= ' ')
        {
            start++;
        }

        while (end > start && span[end - 1] <= ' ')
        {
            end--;
        }

        span = span[start..end];
        if (span.IndexOfAny('\t', '\n', '\r') < 0)
        {
            return span.ToString();
        }

        var sb = new StringBuilder(span.Length);
        foreach (var c in span)
        {
            if (c is not ('\t' or '\n' or '\r'))
            {
                sb.Append(c);
            }
        }

        return sb.ToString();
    }

    private static bool TrySplitPort(ReadOnlySpan<char> authority, out ReadOnlySpan<char> host, out ReadOnlySpan<char> port)
    {
        host = authority;
        port = [];
        var close = authority.LastIndexOf(']');
        var colon = authority.LastIndexOf(':');
        if (colon > close)
        {
            host = authority[..colon];
            port = authority[(colon + 1)..];
        }

        return true;
    }

    private static bool TryParsePort(ReadOnlySpan<char> text, out int port)
    {
        port = 0;
        foreach (var c in text)
        {
            if (!char.IsAsciiDigit(c))
            {
                return false;
            }

            port = (port * 10) + (c - '0');
            if (port > 65535)
            {
                return false;
            }
        }

        return true;
    }

    private static void AppendPath(StringBuilder sb, ReadOnlySpan<char> path)
    {
        var segments = new List<string>();
        if (!path.IsEmpty && path[0] is '/' or '\\')
        {
            path = path[1..];
        }

        while (true)
        {
            var slash = path.IndexOfAny('/', '\\');
            var raw = slash < 0 ? path : path[..slash];
            var atEnd = slash < 0;
            var encoded = new StringBuilder(raw.Length);
            PercentEncode(encoded, raw, EncodeSet.Path);
            var segment = encoded.ToString();
            if (IsDoubleDot(segment))
            {
                if (segments.Count > 0)
                {
                    segments.RemoveAt(segments.Count - 1);
                }

                if (atEnd)
                {
                    segments.Add(string.Empty);
                }
            }
            else if (IsSingleDot(segment))
            {
                if (atEnd)
                {
                    segments.Add(string.Empty);
                }
            }
            else
            {
                segments.Add(segment);
            }

            if (atEnd)
            {
                break;
            }

            path = path[(slash + 1)..];
        }

        foreach (var segment in segments)
        {
            sb.Append('/').Append(segment);
        }
    }

    private static bool IsSingleDot(string s) => s == "." || s.Equals("%2e", StringComparison.OrdinalIgnoreCase);

    private static bool IsDoubleDot(string s) =>
        s == ".." || s.Equals(".%2e", StringComparison.OrdinalIgnoreCase) ||
        s.Equals("%2e.", StringComparison.OrdinalIgnoreCase) || s.Equals("%2e%2e", StringComparison.OrdinalIgnoreCase);

    private enum EncodeSet
    {
        Path,
        Userinfo,
    }

    private static void PercentEncode(StringBuilder sb, ReadOnlySpan<char> text, EncodeSet set)
    {
        Span<byte> utf8 = stackalloc byte[4];
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            if (c < 0x80)
            {
                if (ShouldEncode(c, set))
                {
                    FormUrlEncoding.AppendPercent(sb, (byte)c);
                }
                else
                {
                    sb.Append(c);
                }

                continue;
            }

            Rune.DecodeFromUtf16(text[i..], out var rune, out var consumed);
            i += consumed - 1;
            var n = rune.EncodeToUtf8(utf8);
            for (var j = 0; j < n; j++)
            {
                FormUrlEncoding.AppendPercent(sb, utf8[j]);
            }
        }
    }

    private static bool ShouldEncode(char c, EncodeSet set)
    {
        if (c < 0x20 || c == 0x7F || c is ' ' or '"' or '#' or '<' or '>' or '?' or '`' or '{' or '}')
        {
            return true;
        }

        return set == EncodeSet.Userinfo && c is '/' or ':' or ';' or '=' or '@' or '[' or '\\' or ']' or '^' or '|';
    }
}
