using System.Diagnostics;

namespace TrustedServer.Core.Auction;

/// <summary>
/// The auction's spans on the <c>TrustedServer</c> activity source (the name the host exports), and the outcome labels
/// that spans, metrics and <c>ext.orchestrator</c> share.
/// </summary>
public static class AuctionTelemetry
{
    /// <summary>The meter and activity source name.</summary>
    public const string Name = "TrustedServer";

    /// <summary>Spans <c>ts.auction</c> and one <c>ts.auction.provider</c> per provider call.</summary>
    public static ActivitySource ActivitySource { get; } = new(Name);

    /// <summary>The metric and span label of an outcome.</summary>
    public static string Label(ProviderOutcome outcome) => outcome switch
    {
        ProviderOutcome.Success => "success",
        ProviderOutcome.NoBid => "no_bid",
        ProviderOutcome.Timeout => "timeout",
        ProviderOutcome.Error => "error",
        _ => "skipped",
    };
}
