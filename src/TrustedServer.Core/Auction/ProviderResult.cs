using System.Text.Json.Nodes;

namespace TrustedServer.Core.Auction;

/// <summary>What a provider returned: its bids and facts about the exchange (per-bidder times, errors).</summary>
public sealed record ProviderResult(IReadOnlyList<AuctionBid> Bids, JsonObject? Metadata = null)
{
    /// <summary>No bids.</summary>
    public static ProviderResult Empty { get; } = new([]);
}
