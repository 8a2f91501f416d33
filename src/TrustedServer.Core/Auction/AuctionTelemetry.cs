using System.Diagnostics;
using System.Diagnostics.Metrics;

namespace TrustedServer.Core.Auction;

/// <summary>
/// The auction's instruments and spans, on the <c>TrustedServer</c> meter and activity source (the same names the
/// host exports, so they are collected with the rest).
/// </summary>
public static class AuctionTelemetry
{
    private const string Name = "TrustedServer";

    private static readonly Meter Meter = new(Name);

    /// <summary>Spans <c>ts.auction</c> and one <c>ts.auction.provider</c> per provider call.</summary>
    public static ActivitySource ActivitySource { get; } = new(Name);

    /// <summary><c>ts_auctions_total{outcome}</c>: <c>bid</c>, <c>no_bid</c>, <c>no_consent</c>, <c>disabled</c>, <c>error</c>.</summary>
    public static Counter<long> Auctions { get; } = Meter.CreateCounter<long>("ts_auctions", description: "Auctions by outcome (bid, no_bid, no_consent, disabled, error)");

    /// <summary><c>ts_auction_provider_seconds{provider,outcome}</c>: each provider call's duration.</summary>
    public static Histogram<double> ProviderSeconds { get; } = Meter.CreateHistogram<double>("ts_auction_provider_seconds", unit: "s", description: "Provider call duration by provider and outcome");

    /// <summary><c>ts_auction_bids_total{provider}</c>: bids received.</summary>
    public static Counter<long> Bids { get; } = Meter.CreateCounter<long>("ts_auction_bids", description: "Bids received by provider");

    /// <summary>The metric and span label of an outcome.</summary>
    public static string Label(ProviderOutcome outcome) => outcome switch
    {
        ProviderOutcome.Success => "success",
        ProviderOutcome.NoBid => "no_bid",
        ProviderOutcome.Timeout => "timeout",
        ProviderOutcome.Error => "error",
        _ => "skipped",
    };

    internal static void RecordProvider(string provider, ProviderOutcome outcome, double seconds, int bids)
    {
        var providerTag = new KeyValuePair<string, object?>("provider", provider);
        ProviderSeconds.Record(seconds, providerTag, new KeyValuePair<string, object?>("outcome", Label(outcome)));
        if (bids > 0)
        {
            Bids.Add(bids, providerTag);
        }
    }
}
