namespace TrustedServer.Core.Auction;

/// <summary>The fields of <c>ext.trusted_server</c> in a signed bid request.</summary>
/// <param name="Version">The signing scheme's version.</param>
/// <param name="Signature">The signature, encoded as the scheme defines.</param>
/// <param name="Kid">The id of the key that signed.</param>
/// <param name="RequestHost">The host the signature covers.</param>
/// <param name="RequestScheme">The scheme the signature covers.</param>
/// <param name="Ts">The signing time (Unix milliseconds).</param>
public sealed record BidRequestSignature(string Version, string Signature, string Kid, string RequestHost, string RequestScheme, long Ts);
