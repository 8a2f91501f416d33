namespace TrustedServer.Core.Auction;

/// <summary>A service that picks the winners from the providers' priced bids (strategy <c>parallel_mediation</c>).</summary>
public interface IAuctionMediator
{
    /// <summary>The configured name (<c>adserver_mock</c>).</summary>
    string Name { get; }

    /// <summary>The mediator's own deadline.</summary>
    TimeSpan Timeout { get; }

    /// <summary>
    /// Returns the winners it chose, at most one per slot; each names the slot, the bidder and the price it settled on.
    /// </summary>
    /// <exception cref="ProviderException">The mediator failed; the message is reported.</exception>
    Task<ProviderResult> MediateAsync(AuctionRequest request, IReadOnlyList<AuctionBid> bids, TimeSpan budget, CancellationToken cancellationToken);
}
