namespace TrustedServer.Core.Configuration;

/// <summary>The whole validated configuration, immutable; built from <c>trusted-server.toml</c> or in code.</summary>
public sealed record TrustedServerOptions
{
    /// <summary><c>[server]</c>: the listener's limits.</summary>
    public ServerOptions Server { get; init; } = new();

    /// <summary><c>[publisher]</c>: the site and its origin.</summary>
    public required PublisherOptions Publisher { get; init; }

    /// <summary><c>[proxy]</c>: forwarding trust and first-party proxy rules.</summary>
    public ProxyOptions Proxy { get; init; } = new();

    /// <summary><c>[response_headers]</c>: operator headers set on every response, overwriting origin values.</summary>
    public IReadOnlyDictionary<string, string> ResponseHeaders { get; init; } = new Dictionary<string, string>();

    /// <summary><c>[ec]</c>: the Edge Cookie identity.</summary>
    public EcOptions Ec { get; init; } = new();

    /// <summary><c>[consent]</c>: consent decoding and gating.</summary>
    public ConsentOptions Consent { get; init; } = new();

    /// <summary><c>[rewrite]</c>: which hosts the rewriter maps besides the origin.</summary>
    public RewriteOptions Rewrite { get; init; } = new();

    /// <summary><c>[geo]</c>: where the visitor's country and region come from.</summary>
    public GeoOptions Geo { get; init; } = new();

    /// <summary><c>[logging]</c>: log level.</summary>
    public LoggingOptions Logging { get; init; } = new();

    /// <summary><c>[telemetry]</c>: OTLP export of traces and metrics.</summary>
    public TelemetryOptions Telemetry { get; init; } = new();

    /// <summary><c>[request_signing]</c>: Ed25519 bid-request signatures, discovery and key rotation.</summary>
    public RequestSigningOptions RequestSigning { get; init; } = new();

    /// <summary><c>[[handlers]]</c>: Basic-auth credentials by path pattern, first match wins.</summary>
    public IReadOnlyList<AdminHandlerOptions> Handlers { get; init; } = [];
    /// <summary><c>[auction]</c> and its provider sections: server-side header bidding.</summary>
    public AuctionOptions Auction { get; init; } = new();

    /// <summary>The <c>[integrations.*]</c> sections other than the auction providers'.</summary>
    public IntegrationsOptions Integrations { get; init; } = new();

    /// <summary><c>[creative_opportunities]</c>: the page's ad slots auctioned while it is fetched; null when absent.</summary>
    public CreativeOpportunitiesOptions? CreativeOpportunities { get; init; }

    /// <summary><c>[debug]</c>: local investigation aids.</summary>
    public DebugOptions Debug { get; init; } = new();
}
