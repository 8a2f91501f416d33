using System.Text;

namespace TrustedServer.Core.Rewriting.Creative;

/// <summary>
/// Rewrites <c>srcset</c>/<c>imagesrcset</c> values candidate by candidate. Candidates are split as the HTML standard
/// (and so the browser) does: a URL is a run of non-whitespace, so commas inside it (a <c>data:</c> URL's comma, or a
/// CDN path like <c>w_100,h_50</c>) stay in it; a URL's trailing commas end the candidate; otherwise its descriptors
/// run to the next comma outside parentheses.
/// </summary>
public static class SrcsetRewriter
{
    /// <summary>One parsed candidate: its URL and its whitespace-normalised descriptors (possibly empty).</summary>
    public readonly record struct Candidate(string Url, string Descriptors);

    /// <summary>
    /// Maps every candidate URL through <paramref name="map"/> (null = unchanged). When nothing changes the value is
    /// returned as is; otherwise it is rebuilt as <c>url descriptors, url descriptors</c>, as the original does.
    /// </summary>
    public static string Rewrite(string value, Func<string, string?> map)
    {
        ArgumentNullException.ThrowIfNull(value);
        ArgumentNullException.ThrowIfNull(map);
        var candidates = Parse(value);
        var changed = false;
        var mapped = new string[candidates.Count];
        for (var i = 0; i < candidates.Count; i++)
        {
            var replacement = map(candidates[i].Url);
            changed |= replacement is not null && replacement != candidates[i].Url;
            mapped[i] = replacement ?? candidates[i].Url;
        }

        if (!changed)
        {
            return value;
        }

        var sb = new StringBuilder(value.Length * 2);
        for (var i = 0; i < candidates.Count; i++)
        {
            if (i > 0)
            {
                sb.Append(", ");
            }

            sb.Append(mapped[i]);
            if (candidates[i].Descriptors.Length > 0)
            {
                sb.Append(' ').Append(candidates[i].Descriptors);
            }
        }

        return sb.ToString();
    }

    /// <summary>Splits a srcset value into candidates (empty candidates are dropped).</summary>
    public static IReadOnlyList<Candidate> Parse(string value)
    {
        ArgumentNullException.ThrowIfNull(value);
        var result = new List<Candidate>();
        var s = value.AsSpan();
        var pos = 0;
        while (true)
        {
            while (pos < s.Length && (IsSpace(s[pos]) || s[pos] == ','))
            {
                pos++;
            }

            if (pos >= s.Length)
            {
                return result;
            }

            var urlStart = pos;
            while (pos < s.Length && !IsSpace(s[pos]))
            {
                pos++;
            }

            var url = s[urlStart..pos];
            if (url[^1] == ',')
            {
                result.Add(new(url.TrimEnd(',').ToString(), string.Empty));
                continue;
            }

            var descriptorStart = pos;
            var depth = 0;
            while (pos < s.Length && (s[pos] != ',' || depth > 0))
            {
                depth += s[pos] switch
                {
                    '(' => 1,
                    ')' when depth > 0 => -1,
                    _ => 0,
                };
                pos++;
            }

            result.Add(new(url.ToString(), NormaliseSpaces(s[descriptorStart..pos])));
            if (pos < s.Length)
            {
                pos++; // the comma
            }
        }
    }

    private static bool IsSpace(char c) => c is ' ' or '\t' or '\n' or '\f' or '\r';

    private static string NormaliseSpaces(ReadOnlySpan<char> text)
    {
        var sb = new StringBuilder(text.Length);
        var pendingSpace = false;
        foreach (var c in text)
        {
            if (IsSpace(c))
            {
                pendingSpace = sb.Length > 0;
                continue;
            }

            if (pendingSpace)
            {
                sb.Append(' ');
                pendingSpace = false;
            }

            sb.Append(c);
        }

        return sb.ToString();
    }
}
