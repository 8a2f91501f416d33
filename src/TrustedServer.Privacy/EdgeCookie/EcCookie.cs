namespace TrustedServer.Privacy.EdgeCookie;

/// <summary>Builds and reads the Edge Cookie (<c>ts-ec</c>).</summary>
public static class EcCookie
{
    /// <summary>
    /// <c>ts-ec=ID; Domain=.DOMAIN; Path=/; Secure; SameSite=Lax; Max-Age=31536000; HttpOnly</c>. The domain is always
    /// <c>.</c> plus <c>publisher.domain</c>. Returns null when the value is not a valid RFC 6265 cookie value, so a
    /// crafted value can never inject attributes or headers.
    /// </summary>
    public static string? BuildSet(string id, string publisherDomain, EcCookieOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        return IsSafeCookieValue(id) ? Format(options.Name, id, publisherDomain, options.MaxAgeSeconds, options) : null;
    }

    /// <summary>The same attributes with an empty value and <c>Max-Age=0</c>, which makes the browser delete the cookie.</summary>
    public static string BuildExpire(string publisherDomain, EcCookieOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        return Format(options.Name, string.Empty, publisherDomain, 0, options);
    }

    /// <summary>Reads a valid ID from a raw cookie value; anything not in the strict format is ignored (null).</summary>
    public static string? ReadValid(string? rawValue) => rawValue is not null && EcId.IsValid(rawValue.AsSpan().Trim()) ? rawValue.Trim() : null;

    /// <summary>RFC 6265 cookie-octets only (printable ASCII except space, DQUOTE, comma, semicolon, backslash); not empty.</summary>
    public static bool IsSafeCookieValue(string? value)
    {
        if (string.IsNullOrEmpty(value))
        {
            return false;
        }

        foreach (var c in value)
        {
            if (c is < '!' or > '~' or '"' or ',' or ';' or '\\')
            {
                return false;
            }
        }

        return true;
    }

    private static string Format(string name, string value, string publisherDomain, int maxAge, EcCookieOptions o)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(publisherDomain);
        var domain = "." + publisherDomain.Trim().TrimStart('.');
        var sb = new System.Text.StringBuilder(160);
        sb.Append(name).Append('=').Append(value)
            .Append("; Domain=").Append(domain)
            .Append("; Path=").Append(o.Path);
        if (o.Secure)
        {
            sb.Append("; Secure");
        }

        sb.Append("; SameSite=").Append(o.SameSite)
            .Append("; Max-Age=").Append(maxAge.ToString(System.Globalization.CultureInfo.InvariantCulture));
        if (o.HttpOnly)
        {
            sb.Append("; HttpOnly");
        }

        return sb.ToString();
    }
}
