namespace TrustedServer.Core.Configuration;

/// <summary><c>[integrations.sourcepoint]</c>: Sourcepoint's CDN (<c>cdn.privacy-mgmt.com</c>) served first-party under
/// <c>/integrations/sourcepoint/cdn/</c>.</summary>
public sealed record SourcepointOptions
{
    /// <summary>The default <c>cdn_origin</c>.</summary>
    public static readonly Uri DefaultCdnOrigin = new("https://cdn.privacy-mgmt.com/");

    /// <summary><c>enabled</c>.</summary>
    public bool Enabled { get; init; }

    /// <summary><c>rewrite_sdk</c>: point the page's Sourcepoint URLs (tags, inline config) at the proxy.</summary>
    public bool RewriteSdk { get; init; } = true;

    /// <summary><c>cdn_origin</c>: where the proxied requests go.</summary>
    public Uri CdnOrigin { get; init; } = DefaultCdnOrigin;

    /// <summary><c>auth_cookie_name</c>: a publisher's own Sourcepoint <c>authCookie</c>, forwarded with the built-in
    /// Sourcepoint cookies, or null.</summary>
    public string? AuthCookieName { get; init; }

    /// <summary><c>cache_ttl_seconds</c>: <c>max-age</c> for successful answers that carry no cache headers of their own.</summary>
    public int CacheTtlSeconds { get; init; } = 3600;
}
