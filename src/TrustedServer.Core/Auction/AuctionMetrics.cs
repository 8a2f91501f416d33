using System.Diagnostics.Metrics;
using TrustedServer.Core.Telemetry;

namespace TrustedServer.Core.Auction;

/// <summary>
/// The auction's instruments on the <c>TrustedServer</c> meter, created through the host's <see cref="IMeterFactory"/>
/// so that they are exported with the rest and two apps in one process count apart.
/// </summary>
public sealed class AuctionMetrics
{
    /// <summary>Creates the instruments.</summary>
    public AuctionMetrics(IMeterFactory meterFactory)
    {
        ArgumentNullException.ThrowIfNull(meterFactory);
        var meter = meterFactory.Create(AuctionTelemetry.Name);
        Auctions = meter.CreateCounter<long>("ts_auctions", description: "Auctions by outcome (bid, no_bid, no_consent, disabled, error)");
        ProviderSeconds = meter.CreateHistogram<double>("ts_auction_provider_seconds", unit: "s", description: "Provider call duration by provider and outcome", tags: null, advice: DurationBuckets.Advice);
        Bids = meter.CreateCounter<long>("ts_auction_bids", description: "Bids received by provider");
        PageAuctions = meter.CreateCounter<long>("ts_page_auctions", description: "Page auctions (server-side ad slots and /_ts/page-bids) by outcome (bid, no_bid, timeout, error, cancelled)");
    }

    /// <summary><c>ts_page_auctions_total{outcome}</c>: <c>bid</c>, <c>no_bid</c>, <c>timeout</c>, <c>error</c>, <c>cancelled</c>.</summary>
    public Counter<long> PageAuctions { get; }

    /// <summary><c>ts_auctions_total{outcome}</c>: <c>bid</c>, <c>no_bid</c>, <c>no_consent</c>, <c>disabled</c>, <c>error</c>.</summary>
    public Counter<long> Auctions { get; }

    /// <summary><c>ts_auction_provider_seconds{provider,outcome}</c>: each provider call's duration.</summary>
    public Histogram<double> ProviderSeconds { get; }

    /// <summary><c>ts_auction_bids_total{provider}</c>: bids received.</summary>
    public Counter<long> Bids { get; }

    internal void RecordProvider(string provider, ProviderOutcome outcome, double seconds, int bids)
    {
        var providerTag = new KeyValuePair<string, object?>("provider", provider);
        ProviderSeconds.Record(seconds, providerTag, new KeyValuePair<string, object?>("outcome", AuctionTelemetry.Label(outcome)));
        if (bids > 0)
        {
            Bids.Add(bids, providerTag);
        }
    }
}
