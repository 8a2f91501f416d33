namespace TrustedServer.Core.Configuration;

/// <summary><c>[integrations.lockr]</c>: the Lockr identity SDK served first-party (cached) and its API proxied.</summary>
public sealed record LockrOptions
{
    /// <summary>The default <c>api_endpoint</c>.</summary>
    public static readonly Uri DefaultApi = new("https://identity.loc.kr/");

    /// <summary>The default <c>sdk_url</c>.</summary>
    public static readonly Uri DefaultSdkUrl = new("https://aim.loc.kr/identity-lockr-trust-server.js");

    /// <summary><c>enabled</c>.</summary>
    public bool Enabled { get; init; }

    /// <summary><c>app_id</c>: the Lockr app, written into the page as the <c>lockr-signin-app_id</c> meta tag the SDK reads.</summary>
    public string AppId { get; init; } = string.Empty;

    /// <summary><c>api_endpoint</c>: the origin behind <c>/api/*</c>.</summary>
    public Uri ApiEndpoint { get; init; } = DefaultApi;

    /// <summary><c>sdk_url</c>: the SDK served at <c>/sdk</c>.</summary>
    public Uri SdkUrl { get; init; } = DefaultSdkUrl;

    /// <summary><c>cache_ttl_seconds</c>: how long one fetched SDK is served (60 to 86400), and its <c>max-age</c>.</summary>
    public int CacheTtlSeconds { get; init; } = 3600;

    /// <summary><c>rewrite_sdk</c>: point the page's Lockr SDK tags at the first-party route.</summary>
    public bool RewriteSdk { get; init; } = true;

    /// <summary><c>origin_override</c>: the <c>Origin</c> sent to the API instead of the browser's (a domain registered
    /// with Lockr), or null to forward the browser's.</summary>
    public Uri? OriginOverride { get; init; }
}
