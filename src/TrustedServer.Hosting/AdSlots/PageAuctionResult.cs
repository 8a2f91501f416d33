using TrustedServer.Core.Auction;
using TrustedServer.Core.Auction.Opportunities;

namespace TrustedServer.Hosting.AdSlots;

/// <summary>A finished page auction: the bid map, the orchestrator's result (null when it failed), and the outcome.</summary>
internal sealed record PageAuctionResult(IReadOnlyList<PageBid> Bids, AuctionResult? Auction, string Outcome, string? Error = null)
{
    public static PageAuctionResult Failed(string error) => new([], null, "error", error);
}
