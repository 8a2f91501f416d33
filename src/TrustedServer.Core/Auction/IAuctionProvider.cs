namespace TrustedServer.Core.Auction;

/// <summary>A demand source the orchestrator calls in parallel with the others.</summary>
public interface IAuctionProvider
{
    /// <summary>The configured name (<c>prebid</c>, <c>aps</c>).</summary>
    string Name { get; }

    /// <summary>The provider's own deadline (<c>timeout_ms</c>).</summary>
    TimeSpan Timeout { get; }

    /// <summary>
    /// Asks for bids. <paramref name="budget"/> is the effective deadline (the smaller of <see cref="Timeout"/> and what
    /// is left of the auction); <paramref name="cancellationToken"/> fires when it passes.
    /// </summary>
    /// <exception cref="ProviderException">The provider failed; the message is reported.</exception>
    Task<ProviderResult> RequestBidsAsync(AuctionRequest request, TimeSpan budget, CancellationToken cancellationToken);
}
