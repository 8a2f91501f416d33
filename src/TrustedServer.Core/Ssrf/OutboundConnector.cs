using System.Net;

namespace TrustedServer.Core.Ssrf;

/// <summary>Opens a transport stream to one already-vetted endpoint (the last step of the guarded connect).</summary>
public delegate ValueTask<Stream> OutboundConnector(IPEndPoint endpoint, CancellationToken cancellationToken);

/// <summary>Resolves a host name to its addresses (the first step of the guarded connect).</summary>
public delegate ValueTask<IPAddress[]> HostResolver(string host, CancellationToken cancellationToken);
