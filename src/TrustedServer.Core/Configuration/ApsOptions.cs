namespace TrustedServer.Core.Configuration;

/// <summary><c>[integrations.aps]</c>: Amazon Publisher Services' OpenRTB endpoint.</summary>
public sealed record ApsOptions
{
    /// <summary>APS's production bid endpoint, used when <c>endpoint</c> is not set.</summary>
    public static readonly Uri DefaultEndpoint = new("https://web.ads.aps.amazon-adsystem.com/e/pb/bid");

    /// <summary>APS's creative runner, loaded by the renderer document when <c>runner_url</c> is not set.</summary>
    public static readonly Uri DefaultRunnerUrl = new("https://client.aps.amazon-adsystem.com/prebid-creative.js");

    /// <summary><c>enabled</c>.</summary>
    public bool Enabled { get; init; }

    /// <summary><c>account_id</c>: sent as <c>ext.account</c> and in the renderer.</summary>
    public string? AccountId { get; init; }

    /// <summary><c>endpoint</c>.</summary>
    public Uri Endpoint { get; init; } = DefaultEndpoint;

    /// <summary><c>timeout_ms</c>.</summary>
    public TimeSpan Timeout { get; init; } = TimeSpan.FromMilliseconds(800);

    /// <summary><c>inventory_domain</c>: replaces <c>site.domain</c>.</summary>
    public string? InventoryDomain { get; init; }

    /// <summary><c>inventory_page_origin</c>: replaces the page's scheme and host in <c>site.page</c>.</summary>
    public Uri? InventoryPageOrigin { get; init; }

    /// <summary><c>allow_script_creatives</c>: admit bids whose tag type is <c>script</c>.</summary>
    public bool AllowScriptCreatives { get; init; }

    /// <summary><c>runner_url</c>: the one script <c>/integrations/aps/renderer</c> loads (and its CSP allows).</summary>
    public Uri RunnerUrl { get; init; } = DefaultRunnerUrl;

    /// <summary><c>debug</c>: report APS's HTTP exchange in <c>provider_details</c> (client-visible: test sites only).</summary>
    public bool Debug { get; init; }
}
