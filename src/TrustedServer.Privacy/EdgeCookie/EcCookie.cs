using TrustedServer.Core.Configuration;

namespace TrustedServer.Privacy.EdgeCookie;

/// <summary>Builds and reads the Edge Cookie (<c>ts-ec</c>).</summary>
public static class EcCookie
{
    /// <summary>The cookie's name.</summary>
    public const string Name = "ts-ec";

    /// <summary>
    /// <c>ts-ec=ID; Domain=.DOMAIN; Path=/; Secure; SameSite=Lax; Max-Age=31536000; HttpOnly</c>. The domain is always
    /// <c>.</c> plus <c>publisher.domain</c>. Returns null when the value is not a valid RFC 6265 cookie value, so a
    /// crafted value can never inject attributes or headers.
    /// </summary>
    public static string? BuildSet(string id, string publisherDomain, EcOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        return IsSafeCookieValue(id) ? Format(id, publisherDomain, (int)Math.Min(options.CookieMaxAgeSeconds, int.MaxValue), options) : null;
    }

    /// <summary>The same attributes with an empty value and <c>Max-Age=0</c>, which makes the browser delete the cookie.</summary>
    public static string BuildExpire(string publisherDomain, EcOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        return Format(string.Empty, publisherDomain, 0, options);
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

    private static string Format(string value, string publisherDomain, int maxAge, EcOptions o)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(publisherDomain);
        var domain = "." + publisherDomain.Trim().TrimStart('.');
        var sb = new System.Text.StringBuilder(160);
        sb.Append(Name).Append('=').Append(value)
            .Append("; Domain=").Append(domain)
            .Append("; Path=").Append(o.CookiePath);
        if (o.CookieSecure)
        {
            sb.Append("; Secure");
        }

        sb.Append("; SameSite=").Append(o.CookieSameSite)
            .Append("; Max-Age=").Append(maxAge.ToString(System.Globalization.CultureInfo.InvariantCulture));
        if (o.CookieHttpOnly)
        {
            sb.Append("; HttpOnly");
        }

        return sb.ToString();
    }
}
