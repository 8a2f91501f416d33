using System.Text.Json.Nodes;

namespace TrustedServer.Core.Auction;

/// <summary>One bid from a provider, in the provider-neutral form the orchestrator compares.</summary>
public sealed record AuctionBid
{
    /// <summary>The slot (impression) bid on.</summary>
    public required string SlotId { get; init; }

    /// <summary>The decoded CPM in USD; null when the provider sent none (such a bid never wins).</summary>
    public double? Price { get; init; }

    /// <summary>The seat or bidder (<c>appnexus</c>, <c>aps</c>).</summary>
    public required string Bidder { get; init; }

    /// <summary>The provider that returned the bid (<c>prebid</c>, <c>aps</c>).</summary>
    public required string Provider { get; init; }

    /// <summary>The upstream bid id, or null.</summary>
    public string? BidId { get; init; }

    /// <summary>The creative markup (<c>adm</c>), or null when a <see cref="Renderer"/> renders it.</summary>
    public string? Creative { get; init; }

    /// <summary>A typed renderer (<c>ext.trusted_server.renderer</c>) used instead of markup.</summary>
    public CreativeRenderer? Renderer { get; init; }

    /// <summary>Width in pixels.</summary>
    public int Width { get; init; }

    /// <summary>Height in pixels.</summary>
    public int Height { get; init; }

    /// <summary>Advertiser domains.</summary>
    public IReadOnlyList<string>? Adomain { get; init; }

    /// <summary>The win notice URL, unless suppressed.</summary>
    public string? Nurl { get; init; }

    /// <summary>The billing URL, unless suppressed.</summary>
    public string? Burl { get; init; }

    /// <summary>The creative id.</summary>
    public string? Crid { get; init; }

    /// <summary>The ad id.</summary>
    public string? Adid { get; init; }

    /// <summary>Provider-specific facts about the bid (cache ids...).</summary>
    public JsonObject? Metadata { get; init; }
}
