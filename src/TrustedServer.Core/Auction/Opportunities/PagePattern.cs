namespace TrustedServer.Core.Auction.Opportunities;

/// <summary>
/// The <c>page_patterns</c> globs, matched against the raw (not percent-decoded) request path: <c>*</c> matches any
/// run of characters, <c>/</c> included, and everything else matches itself, so <c>/news/*</c> matches
/// <c>/news/a</c> and <c>/news/</c> but not <c>/news</c>.
/// </summary>
public static class PagePattern
{
    /// <summary>Why <paramref name="pattern"/> cannot be a page pattern, or null when it can.</summary>
    public static string? Problem(string pattern)
    {
        ArgumentNullException.ThrowIfNull(pattern);
        if (pattern.Length == 0 || pattern[0] != '/')
        {
            return "must start with \"/\"";
        }

        if (pattern.Contains("**", StringComparison.Ordinal))
        {
            return "\"**\" is not supported; \"*\" already matches across \"/\"";
        }

        foreach (var c in pattern)
        {
            if (c is '?' or '#' || c <= ' ' || c == 0x7f)
            {
                return "may hold only a path: no query, fragment, spaces or control characters";
            }
        }

        return null;
    }

    /// <summary>Does <paramref name="path"/> match <paramref name="pattern"/>?</summary>
    public static bool Matches(string pattern, ReadOnlySpan<char> path)
    {
        ArgumentNullException.ThrowIfNull(pattern);
        var p = pattern.AsSpan();
        var star = p.IndexOf('*');
        if (star < 0)
        {
            return path.SequenceEqual(p);
        }

        // Literal prefix, then each literal piece found left to right (greedy-free), then the literal suffix.
        if (!path.StartsWith(p[..star]))
        {
            return false;
        }

        var lastStar = p.LastIndexOf('*');
        var suffix = p[(lastStar + 1)..];
        var rest = path[star..];
        if (rest.Length < suffix.Length || !rest.EndsWith(suffix))
        {
            return false;
        }

        rest = rest[..^suffix.Length];
        var middle = lastStar > star ? p[(star + 1)..lastStar] : [];
        while (middle.Length > 0)
        {
            var next = middle.IndexOf('*');
            var piece = next < 0 ? middle : middle[..next];
            middle = next < 0 ? [] : middle[(next + 1)..];
            if (piece.IsEmpty)
            {
                continue;
            }

            var at = rest.IndexOf(piece);
            if (at < 0)
            {
                return false;
            }

            rest = rest[(at + piece.Length)..];
        }

        return true;
    }
}
