namespace TrustedServer.Core.Auction;

/// <summary>
/// Which providers' bids may win which slots, for slots limited to some providers (<c>[[creative_opportunities.slot]]
/// providers</c>); a slot with no list takes every provider's bids.
/// </summary>
public sealed class AuctionAdmission
{
    private readonly Dictionary<string, IReadOnlyList<string>> _bySlot;
    private readonly HashSet<string>? _called;

    /// <summary>Builds the rule from each slot's provider list (empty for all).</summary>
    public AuctionAdmission(IEnumerable<(string SlotId, IReadOnlyList<string> Providers)> slots)
    {
        ArgumentNullException.ThrowIfNull(slots);
        _bySlot = new Dictionary<string, IReadOnlyList<string>>(StringComparer.Ordinal);
        var everyProvider = false;
        var called = new HashSet<string>(StringComparer.Ordinal);
        foreach (var (slot, providers) in slots)
        {
            _bySlot[slot] = providers;
            everyProvider |= providers.Count == 0;
            called.UnionWith(providers);
        }

        _called = everyProvider ? null : called;
    }

    /// <summary>Is any slot's bid from <paramref name="provider"/> admitted (so the provider is worth calling)?</summary>
    public bool Calls(string provider) => _called is null || _called.Contains(provider);

    /// <summary>May <paramref name="bid"/> compete for its slot?</summary>
    public bool Admits(AuctionBid bid)
    {
        ArgumentNullException.ThrowIfNull(bid);
        return !_bySlot.TryGetValue(bid.SlotId, out var providers) || providers.Count == 0 || providers.Contains(bid.Provider);
    }
}
