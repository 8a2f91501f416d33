using TrustedServer.Core.Auction;

namespace TrustedServer.Core.Configuration;

/// <summary>
/// <c>[creative_opportunities]</c>: the ad slots the server knows per page, auctioned while the page is fetched
/// (server-side ad templates) and for <c>GET /_ts/page-bids</c>.
/// </summary>
public sealed record CreativeOpportunitiesOptions
{
    /// <summary><c>gam_network_id</c>: the Google Ad Manager network, for <c>{network_id}</c> and default unit paths.</summary>
    public string? GamNetworkId { get; init; }

    /// <summary><c>price_granularity</c>: the <c>hb_pb</c> buckets.</summary>
    public PriceGranularity PriceGranularity { get; init; } = PriceGranularity.Dense;

    /// <summary><c>section_root</c>: <c>{section}</c> when the path has no segment at <see cref="SectionSegment"/>.</summary>
    public string? SectionRoot { get; init; }

    /// <summary><c>section_segment</c>: the 0-based path segment that names the section.</summary>
    public int SectionSegment { get; init; }

    /// <summary><c>auction_timeout_ms</c>: the page auction's budget; null uses <c>[auction] timeout_ms</c>.</summary>
    public TimeSpan? AuctionTimeout { get; init; }

    /// <summary><c>[[creative_opportunities.slot]]</c>, in file order.</summary>
    public IReadOnlyList<CreativeSlotOptions> Slots { get; init; } = [];
}
