namespace TrustedServer.Core.Rewriting.Urls;

/// <summary>Rewrites the response headers whose values carry origin URLs, cookie domains or validators.</summary>
public static class ResponseHeaderRules
{
    /// <summary>
    /// Maps the origin URLs in a <c>Location</c>, <c>Content-Location</c>, <c>Refresh</c> (<c>5; url=...</c>) or
    /// <c>Link</c> (<c>&lt;https://origin/...&gt;; rel=preload</c>) value, with the same rules as bodies. Returns
    /// <paramref name="value"/> itself when nothing changes.
    /// </summary>
    public static string MapUrlHeader(UrlMapper mapper, string value)
    {
        ArgumentNullException.ThrowIfNull(mapper);
        ArgumentNullException.ThrowIfNull(value);
        return mapper.MapText(value);
    }

    /// <summary>
    /// Replaces a <c>Domain</c> attribute equal to <paramref name="originHost"/> or a parent of it (a leading dot
    /// ignored, case-insensitive) with <paramref name="cookieDomain"/>; everything else is kept byte for byte.
    /// Returns <paramref name="setCookie"/> itself when nothing changes.
    /// </summary>
    public static string RewriteSetCookieDomain(string setCookie, string originHost, string cookieDomain)
    {
        ArgumentNullException.ThrowIfNull(setCookie);
        ArgumentException.ThrowIfNullOrWhiteSpace(originHost);
        ArgumentException.ThrowIfNullOrWhiteSpace(cookieDomain);

        // The first segment is name=value, never an attribute. Every matching Domain is replaced: browsers use the last.
        System.Text.StringBuilder? result = null;
        var copied = 0;
        var position = setCookie.IndexOf(';', StringComparison.Ordinal);
        while (position >= 0)
        {
            var next = setCookie.IndexOf(';', position + 1);
            var end = next < 0 ? setCookie.Length : next;
            var attribute = setCookie.AsSpan(position + 1, end - position - 1);
            var equals = attribute.IndexOf('=');
            if (equals >= 0 && attribute[..equals].Trim().Equals("domain", StringComparison.OrdinalIgnoreCase))
            {
                var rawValue = attribute[(equals + 1)..];
                var domain = rawValue.Trim().TrimStart('.');
                if (domain.Length > 0 && CoversHost(domain, originHost))
                {
                    var valueStart = position + 1 + equals + 1 + (rawValue.Length - rawValue.TrimStart().Length);
                    var valueEnd = end - (rawValue.Length - rawValue.TrimEnd().Length);
                    result ??= new System.Text.StringBuilder(setCookie.Length + cookieDomain.Length);
                    result.Append(setCookie, copied, valueStart - copied).Append(cookieDomain);
                    copied = valueEnd;
                }
            }

            position = next;
        }

        return result is null ? setCookie : result.Append(setCookie, copied, setCookie.Length - copied).ToString();
    }

    /// <summary>
    /// Makes a strong entity tag weak (<c>"x"</c> becomes <c>W/"x"</c>): the rewritten bytes depend on the request
    /// host, so they are only semantically equivalent. Weak or malformed values are returned unchanged.
    /// </summary>
    public static string WeakenETag(string etag)
    {
        ArgumentNullException.ThrowIfNull(etag);
        var trimmed = etag.AsSpan().Trim();
        return trimmed.Length >= 2 && trimmed[0] == '"' && trimmed[^1] == '"' ? "W/" + trimmed.ToString() : etag;
    }

    private static bool CoversHost(ReadOnlySpan<char> domain, string originHost)
    {
        var host = originHost.AsSpan();
        if (host.Equals(domain, StringComparison.OrdinalIgnoreCase))
        {
            return true;
        }

        return host.Length > domain.Length
            && host[^(domain.Length + 1)] == '.'
            && host[^domain.Length..].Equals(domain, StringComparison.OrdinalIgnoreCase);
    }
}
