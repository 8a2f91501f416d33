namespace TrustedServer.Core.Configuration;

/// <summary><c>[integrations.adserver_mock]</c>: the mediation service that picks winners from the providers' bids.</summary>
public sealed record AdServerMockOptions
{
    /// <summary><c>enabled</c>.</summary>
    public bool Enabled { get; init; }

    /// <summary><c>endpoint</c>: the mediation URL.</summary>
    public Uri? Endpoint { get; init; }

    /// <summary><c>timeout_ms</c>.</summary>
    public TimeSpan Timeout { get; init; } = TimeSpan.FromMilliseconds(500);

    /// <summary><c>price_floor</c>: sent as <c>ext.config.price_floor</c> and enforced on the answer.</summary>
    public double? PriceFloor { get; init; }

    /// <summary><c>context_query_params</c>: request <c>config</c> keys appended to the endpoint's query.</summary>
    public IReadOnlyList<string> ContextQueryParams { get; init; } = [];
}
