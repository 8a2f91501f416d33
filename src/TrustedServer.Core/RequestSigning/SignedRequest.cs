namespace TrustedServer.Core.RequestSigning;

/// <summary>
/// A bid request's signature and the fields it covers, as carried in the OpenRTB body under
/// <c>ext.trusted_server{version, signature, kid, request_host, request_scheme, ts}</c>.
/// </summary>
/// <param name="Version">The payload version, <c>1.1</c>.</param>
/// <param name="Signature">Ed25519 over <paramref name="Payload"/>, base64url without padding.</param>
/// <param name="Kid">The key that signed.</param>
/// <param name="RequestHost">The publisher host (<c>request_host</c>).</param>
/// <param name="RequestScheme">The scheme (<c>request_scheme</c>).</param>
/// <param name="Timestamp">Unix milliseconds (<c>ts</c>).</param>
/// <param name="Payload">The exact signed bytes.</param>
public sealed record SignedRequest(string Version, string Signature, string Kid, string RequestHost, string RequestScheme, long Timestamp, byte[] Payload);
