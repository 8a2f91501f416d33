namespace TrustedServer.Core.Auction;

/// <summary>The outcome of one auction: the winners (one per slot at most) and how every provider did.</summary>
public sealed record AuctionResult
{
    /// <summary><c>parallel_only</c> or <c>parallel_mediation</c>.</summary>
    public required string Strategy { get; init; }

    /// <summary>The winning bids, in slot order.</summary>
    public required IReadOnlyList<AuctionBid> Winners { get; init; }

    /// <summary>One report per configured provider, in configuration order.</summary>
    public required IReadOnlyList<ProviderReport> Providers { get; init; }

    /// <summary>The mediator's report, when one ran.</summary>
    public ProviderReport? Mediator { get; init; }

    /// <summary>Bids received from all providers.</summary>
    public int TotalBids { get; init; }

    /// <summary>Wall time of the whole auction.</summary>
    public double TimeMs { get; init; }

    /// <summary>Slot winners that were dropped, and why.</summary>
    public IReadOnlyList<DroppedWinner> Dropped { get; init; } = [];
}
