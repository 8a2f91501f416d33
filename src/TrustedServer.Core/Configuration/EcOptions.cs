namespace TrustedServer.Core.Configuration;

/// <summary><c>[ec]</c>: the Edge Cookie identity.</summary>
public sealed record EcOptions
{
    /// <summary><c>enabled</c>: whether Edge Cookies are issued at all.</summary>
    public bool Enabled { get; init; }

    /// <summary><c>passphrase</c>: the HMAC key of the ID. Never logged.</summary>
    public string? Passphrase { get; init; }

    /// <summary><c>store</c>: <c>memory</c>, a file path, or <c>redis://host:port</c>.</summary>
    public string Store { get; init; } = "memory";

    /// <summary><c>cookie_max_age_seconds</c>: lifetime of the <c>ts-ec</c> cookie.</summary>
    public long CookieMaxAgeSeconds { get; init; } = 31_536_000;

    /// <summary>
    /// <c>cookie_domain</c>: the cookie's Domain attribute (a leading dot is implied); null keeps the original's rule,
    /// <c>.</c> plus <c>[publisher] domain</c>.
    /// </summary>
    public string? CookieDomain { get; init; }

    /// <summary><c>cookie_path</c>: the cookie's Path attribute.</summary>
    public string CookiePath { get; init; } = "/";

    /// <summary><c>cookie_secure</c>: whether the cookie carries <c>Secure</c>.</summary>
    public bool CookieSecure { get; init; } = true;

    /// <summary><c>cookie_http_only</c>: whether the cookie carries <c>HttpOnly</c>.</summary>
    public bool CookieHttpOnly { get; init; } = true;

    /// <summary><c>cookie_same_site</c>: <c>Lax</c>, <c>Strict</c> or <c>None</c>.</summary>
    public string CookieSameSite { get; init; } = "Lax";

    /// <summary><c>ja4_header</c>: request header a CDN in front fills with the client's JA4 fingerprint.</summary>
    public string? Ja4Header { get; init; }

    /// <summary><c>store_timeout_ms</c>: the longest a store call may delay a response's headers.</summary>
    public TimeSpan StoreTimeout { get; init; } = TimeSpan.FromMilliseconds(500);

    /// <summary><c>admin_username</c>: Basic-auth user of <c>/_ts/admin/ec/{id}</c>; the route refuses everyone without it.</summary>
    public string? AdminUsername { get; init; }

    /// <summary><c>admin_password</c>: Basic-auth password of the admin routes. Never logged.</summary>
    public string? AdminPassword { get; init; }

    /// <summary><c>[[ec.partners]]</c>: the partner registry, fixed at startup.</summary>
    public IReadOnlyList<EcPartnerOptions> Partners { get; init; } = [];
}
