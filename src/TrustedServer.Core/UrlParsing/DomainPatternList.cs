namespace TrustedServer.Core.UrlParsing;

/// <summary>
/// A list of host patterns as the original's <c>[proxy] allowed_domains</c> and <c>[rewrite] exclude_domains</c>
/// write them: <c>example.com</c> matches that host only; <c>*.example.com</c> matches the apex and any subdomain on a
/// dot boundary (never <c>badexample.com</c>). Case-insensitive; a trailing dot on the host is ignored.
/// </summary>
public sealed class DomainPatternList
{
    private readonly string[] _exact;
    private readonly string[] _suffixes;

    /// <summary>Builds the list; blank entries are ignored.</summary>
    public DomainPatternList(IEnumerable<string>? patterns)
    {
        var exact = new List<string>();
        var suffixes = new List<string>();
        foreach (var raw in patterns ?? [])
        {
            var p = raw.Trim().TrimEnd('.').ToLowerInvariant();
            if (p.StartsWith("*.", StringComparison.Ordinal) && p.Length > 2)
            {
                suffixes.Add(p[2..]);
            }
            else if (p.Length > 0)
            {
                exact.Add(p);
            }
        }

        _exact = [.. exact];
        _suffixes = [.. suffixes];
    }

    /// <summary>An empty list.</summary>
    public static DomainPatternList Empty { get; } = new([]);

    /// <summary>True when the list has no patterns.</summary>
    public bool IsEmpty => _exact.Length == 0 && _suffixes.Length == 0;

    /// <summary>True when <paramref name="host"/> matches a pattern (an empty list matches nothing).</summary>
    public bool Matches(string? host)
    {
        if (string.IsNullOrEmpty(host))
        {
            return false;
        }

        var h = host.TrimEnd('.');
        foreach (var e in _exact)
        {
            if (h.Equals(e, StringComparison.OrdinalIgnoreCase))
            {
                return true;
            }
        }

        foreach (var s in _suffixes)
        {
            if (h.Equals(s, StringComparison.OrdinalIgnoreCase) ||
                (h.Length > s.Length + 1 && h[h.Length - s.Length - 1] == '.' &&
                 h.EndsWith(s, StringComparison.OrdinalIgnoreCase)))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>Allow-list reading: an empty list allows every host, as in the original.</summary>
    public bool Allows(string? host) => IsEmpty || Matches(host);
}
