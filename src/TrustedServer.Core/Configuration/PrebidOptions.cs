namespace TrustedServer.Core.Configuration;

/// <summary><c>[integrations.prebid]</c>: the Prebid Server provider.</summary>
public sealed record PrebidOptions
{
    /// <summary><c>enabled</c>.</summary>
    public bool Enabled { get; init; }

    /// <summary><c>server_url</c>: the OpenRTB auction endpoint (e.g. <c>https://pbs.example.com/openrtb2/auction</c>).</summary>
    public Uri? ServerUrl { get; init; }

    /// <summary><c>timeout_ms</c>: this provider's own deadline (the auction's remaining budget may be shorter).</summary>
    public TimeSpan Timeout { get; init; } = TimeSpan.FromMilliseconds(1000);

    /// <summary><c>bidders</c>: the bidders asked when a slot names none.</summary>
    public IReadOnlyList<string> Bidders { get; init; } = ["mocktioneer"];

    /// <summary><c>client_side_bidders</c>: bidders that run in the browser and are never sent to Prebid Server.</summary>
    public IReadOnlyList<string> ClientSideBidders { get; init; } = [];

    /// <summary><c>debug</c>: sets <c>ext.prebid.debug</c> and <c>ext.prebid.returnallbidstatus</c>.</summary>
    public bool Debug { get; init; }

    /// <summary><c>test_mode</c>: sets OpenRTB <c>test: 1</c>.</summary>
    public bool TestMode { get; init; }

    /// <summary><c>debug_query_params</c>: appended to <c>site.page</c> (e.g. <c>pbjs_debug=true</c>).</summary>
    public string? DebugQueryParams { get; init; }

    /// <summary>
    /// The bidder-param override rules, in evaluation order: <c>bid_param_overrides</c>, then
    /// <c>bid_param_zone_overrides</c>, then <c>bid_param_override_rules</c> (later rules win on a key).
    /// </summary>
    public IReadOnlyList<BidParamOverrideRule> OverrideRules { get; init; } = [];

    /// <summary><c>suppress_nurl</c>: drop <c>nurl</c> and <c>burl</c> from every bid.</summary>
    public bool SuppressNurl { get; init; }

    /// <summary><c>suppress_nurl_bidders</c>: seats whose <c>nurl</c> and <c>burl</c> are dropped.</summary>
    public IReadOnlyList<string> SuppressNurlBidders { get; init; } = [];

    /// <summary><c>compress_requests</c>: send the request body gzip-compressed.</summary>
    public bool CompressRequests { get; init; }

    /// <summary><c>consent_forwarding</c>: consent in the forwarded cookies, the OpenRTB body, or both.</summary>
    public ConsentForwarding ConsentForwarding { get; init; }

    /// <summary>The browser-side keys: Prebid.js tag removal, client config and the external bundle.</summary>
    public PrebidClientOptions Client { get; init; } = new();
}
