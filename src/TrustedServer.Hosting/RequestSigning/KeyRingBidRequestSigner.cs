using TrustedServer.Core.Auction;
using TrustedServer.Core.RequestSigning;

namespace TrustedServer.Hosting.RequestSigning;

/// <summary>
/// Signs the auction's Prebid Server requests with the current key of the shared key ring; without a usable key the
/// request goes out unsigned, as the provider expects of a null signature.
/// </summary>
internal sealed class KeyRingBidRequestSigner(RequestSigner signer) : IBidRequestSigner
{
    public ValueTask<BidRequestSignature?> SignAsync(string requestId, string requestHost, string requestScheme, CancellationToken cancellationToken)
    {
        var signed = signer.Sign(requestId, requestHost, requestScheme);
        return ValueTask.FromResult(signed is null
            ? null
            : new BidRequestSignature(signed.Version, signed.Signature, signed.Kid, signed.RequestHost, signed.RequestScheme, signed.Timestamp));
    }
}
