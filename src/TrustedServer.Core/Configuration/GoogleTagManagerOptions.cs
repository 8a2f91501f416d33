namespace TrustedServer.Core.Configuration;

/// <summary><c>[integrations.google_tag_manager]</c>: GTM and gtag served first-party, Google Analytics beacons proxied.</summary>
public sealed record GoogleTagManagerOptions
{
    /// <summary>The default <c>upstream_url</c>.</summary>
    public static readonly Uri DefaultUpstream = new("https://www.googletagmanager.com/");

    /// <summary>The default <c>analytics_url</c>.</summary>
    public static readonly Uri DefaultAnalytics = new("https://www.google-analytics.com/");

    /// <summary><c>enabled</c>.</summary>
    public bool Enabled { get; init; }

    /// <summary><c>container_id</c>: the GTM container (<c>GTM-…</c>) or GA4 tag (<c>G-…</c>) the routes serve.</summary>
    public string ContainerId { get; init; } = string.Empty;

    /// <summary><c>upstream_url</c>: where <c>gtm.js</c> and <c>gtag/js</c> come from.</summary>
    public Uri UpstreamUrl { get; init; } = DefaultUpstream;

    /// <summary><c>analytics_url</c>: where beacons go.</summary>
    public Uri AnalyticsUrl { get; init; } = DefaultAnalytics;

    /// <summary><c>cache_max_age</c>: <c>max-age</c> of the scripts (60 to 86400).</summary>
    public int CacheMaxAge { get; init; } = 900;

    /// <summary><c>max_beacon_body_size</c>: the largest beacon body (1024 to 1048576 bytes); larger ones get 413.</summary>
    public int MaxBeaconBodySize { get; init; } = 65536;
}
