using System.Net;

namespace TrustedServer.Core.Integrations.DataDome;

/// <summary>What the exclusion rules look at in one request.</summary>
/// <param name="Method">The method, upper case.</param>
/// <param name="Path">The decoded path.</param>
/// <param name="Query">The query string (with or without <c>?</c>), or empty.</param>
/// <param name="ClientAddress">The visitor's address, when known.</param>
public sealed record ProtectionRequestFacts(string Method, string Path, string Query, IPAddress? ClientAddress);
