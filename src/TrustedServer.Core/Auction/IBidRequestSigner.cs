namespace TrustedServer.Core.Auction;

/// <summary>
/// Signs outgoing bid requests so the receiver can check they came from this publisher. Nothing is registered by
/// default; when an implementation is, the Prebid Server request carries <c>ext.trusted_server</c>.
/// </summary>
public interface IBidRequestSigner
{
    /// <summary>The signature for a request, or null to send it unsigned.</summary>
    ValueTask<BidRequestSignature?> SignAsync(string requestId, string requestHost, string requestScheme, CancellationToken cancellationToken);
}
