namespace TrustedServer.Core.Auction;

/// <summary>Per slot, the highest decoded price wins (ties keep the earlier bid); then the slot's floor applies.</summary>
public static class WinnerSelection
{
    /// <summary>
    /// Picks the winners among <paramref name="bids"/> (in arrival order) for <paramref name="slots"/>. Bids without a
    /// price or for an unknown slot never win. <paramref name="globalFloor"/> applies on top of each slot's own floor.
    /// </summary>
    public static (List<AuctionBid> Winners, List<DroppedWinner> Dropped) Select(IReadOnlyList<AdSlot> slots, IEnumerable<AuctionBid> bids, double? globalFloor = null)
    {
        ArgumentNullException.ThrowIfNull(slots);
        ArgumentNullException.ThrowIfNull(bids);
        var best = new AuctionBid?[slots.Count];
        foreach (var bid in bids)
        {
            if (bid.Price is not { } price || !double.IsFinite(price) || price <= 0)
            {
                continue;
            }

            var index = IndexOf(slots, bid.SlotId);
            if (index >= 0 && (best[index] is null || price > best[index]!.Price))
            {
                best[index] = bid;
            }
        }

        var winners = new List<AuctionBid>(slots.Count);
        var dropped = new List<DroppedWinner>();
        for (var i = 0; i < slots.Count; i++)
        {
            if (best[i] is not { } winner)
            {
                continue;
            }

            var floor = Math.Max(slots[i].FloorPrice ?? 0, globalFloor ?? 0);
            if (winner.Price < floor)
            {
                dropped.Add(new DroppedWinner(winner.SlotId, winner.Bidder, "below_floor"));
                continue;
            }

            winners.Add(winner);
        }

        return (winners, dropped);
    }

    internal static int IndexOf(IReadOnlyList<AdSlot> slots, string id)
    {
        for (var i = 0; i < slots.Count; i++)
        {
            if (string.Equals(slots[i].Id, id, StringComparison.Ordinal))
            {
                return i;
            }
        }

        return -1;
    }
}
