namespace TrustedServer.Core.Configuration;

/// <summary><c>[auction]</c> with the provider sections it uses: the server-side auction.</summary>
public sealed record AuctionOptions
{
    /// <summary>The default per-provider response cap: a larger answer is a provider error.</summary>
    public const long DefaultMaxResponseBytes = 1024 * 1024;

    /// <summary><c>enabled</c>: the kill switch of every server-side auction.</summary>
    public bool Enabled { get; init; }

    /// <summary><c>providers</c>: the providers called in parallel, in this order (ties keep the earlier one).</summary>
    public IReadOnlyList<string> Providers { get; init; } = [];

    /// <summary><c>mediator</c>: the provider that picks the winners from the others' bids, or null.</summary>
    public string? Mediator { get; init; }

    /// <summary><c>timeout_ms</c>: the whole auction's budget.</summary>
    public TimeSpan Timeout { get; init; } = TimeSpan.FromMilliseconds(2000);

    /// <summary><c>allowed_context_keys</c>: the keys of the request's <c>config</c> object that are kept.</summary>
    public IReadOnlyList<string> AllowedContextKeys { get; init; } = [];

    /// <summary><c>sanitize_creatives</c>: strip executable markup from winning <c>adm</c>.</summary>
    public bool SanitizeCreatives { get; init; }

    /// <summary><c>rewrite_creatives</c>: route winning <c>adm</c> URLs through first-party endpoints.</summary>
    public bool RewriteCreatives { get; init; } = true;

    /// <summary><c>max_response_bytes</c>: the largest decoded answer a provider may send.</summary>
    public long MaxResponseBytes { get; init; } = DefaultMaxResponseBytes;

    /// <summary><c>[integrations.prebid]</c>: the Prebid Server provider.</summary>
    public PrebidOptions Prebid { get; init; } = new();

    /// <summary><c>[integrations.aps]</c>: the Amazon Publisher Services provider.</summary>
    public ApsOptions Aps { get; init; } = new();

    /// <summary><c>[integrations.adserver_mock]</c>: the mediation service.</summary>
    public AdServerMockOptions AdServerMock { get; init; } = new();
}
