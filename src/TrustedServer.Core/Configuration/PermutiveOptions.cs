namespace TrustedServer.Core.Configuration;

/// <summary><c>[integrations.permutive]</c>: the Permutive SDK served first-party (cached) and its APIs proxied.</summary>
public sealed record PermutiveOptions
{
    /// <summary>The default <c>api_endpoint</c>.</summary>
    public static readonly Uri DefaultApi = new("https://api.permutive.com/");

    /// <summary>The default <c>secure_signals_endpoint</c>.</summary>
    public static readonly Uri DefaultSecureSignals = new("https://secure-signals.permutive.app/");

    /// <summary>The default <c>events_endpoint</c>.</summary>
    public static readonly Uri DefaultEvents = new("https://events.permutive.app/");

    /// <summary>The default <c>sync_endpoint</c>.</summary>
    public static readonly Uri DefaultSync = new("https://sync.permutive.com/");

    /// <summary>The default <c>cdn_endpoint</c>.</summary>
    public static readonly Uri DefaultCdn = new("https://cdn.permutive.com/");

    /// <summary><c>enabled</c>.</summary>
    public bool Enabled { get; init; }

    /// <summary><c>organization_id</c>: the <c>{org}</c> of <c>{org}.edge.permutive.app</c>.</summary>
    public string OrganizationId { get; init; } = string.Empty;

    /// <summary><c>workspace_id</c>: the <c>{workspace}</c> of <c>{workspace}-web.js</c>.</summary>
    public string WorkspaceId { get; init; } = string.Empty;

    /// <summary><c>project_id</c>: kept for the publisher's reference; nothing reads it.</summary>
    public string ProjectId { get; init; } = string.Empty;

    /// <summary><c>sdk_origin</c>: where the SDK is fetched, or null for <c>https://{org}.edge.permutive.app</c>.</summary>
    public Uri? SdkOrigin { get; init; }

    /// <summary><c>api_endpoint</c>: the origin behind <c>/api/*</c>.</summary>
    public Uri ApiEndpoint { get; init; } = DefaultApi;

    /// <summary><c>secure_signals_endpoint</c>: the origin behind <c>/secure-signal/*</c>.</summary>
    public Uri SecureSignalsEndpoint { get; init; } = DefaultSecureSignals;

    /// <summary><c>events_endpoint</c>: the origin behind <c>/events/*</c>.</summary>
    public Uri EventsEndpoint { get; init; } = DefaultEvents;

    /// <summary><c>sync_endpoint</c>: the origin behind <c>/sync/*</c>.</summary>
    public Uri SyncEndpoint { get; init; } = DefaultSync;

    /// <summary><c>cdn_endpoint</c>: the origin behind <c>/cdn/*</c>.</summary>
    public Uri CdnEndpoint { get; init; } = DefaultCdn;

    /// <summary><c>cache_ttl_seconds</c>: how long one fetched SDK is served (60 to 86400), and its <c>max-age</c>.</summary>
    public int CacheTtlSeconds { get; init; } = 3600;

    /// <summary><c>rewrite_sdk</c>: point the page's SDK tags at the first-party route and Permutive's hosts in the
    /// served SDK at the first-party proxies.</summary>
    public bool RewriteSdk { get; init; } = true;

    /// <summary><c>max_beacon_body_size</c>: the largest body forwarded to the API, events and sync (1024 to 1048576 bytes).</summary>
    public int MaxBeaconBodySize { get; init; } = 65536;

    /// <summary>The SDK's URL: <c>{sdk_origin}/{workspace}-web.js</c>.</summary>
    public Uri SdkUrl => new(SdkOrigin ?? new Uri($"https://{OrganizationId}.edge.permutive.app/"), WorkspaceId + "-web.js");
}
