using TrustedServer.Core.Configuration;

namespace TrustedServer.Core.Auction;

/// <summary>What a provider is built from: the configuration, the optional request signer, and the HTTP handler to use (tests replace it).</summary>
public sealed record AuctionProviderContext(TrustedServerOptions Options, IBidRequestSigner? Signer, HttpMessageHandler? Handler = null);
