using TrustedServer.Core.Ssrf;

namespace TrustedServer.Hosting.FirstParty;

/// <summary>
/// The outbound connect and resolve steps of the first-party proxy. Both null (the default) means real DNS and
/// sockets; tests register their own to keep every connection on loopback.
/// </summary>
/// <param name="Connector">Opens a connection to an already vetted address, or null for a plain socket.</param>
/// <param name="Resolver">Resolves a host name, or null for the system resolver.</param>
public sealed record FirstPartyNetwork(OutboundConnector? Connector = null, HostResolver? Resolver = null);
