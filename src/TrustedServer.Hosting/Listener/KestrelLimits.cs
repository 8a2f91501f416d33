using Microsoft.AspNetCore.Server.Kestrel.Core;
using TrustedServer.Core.Configuration;

namespace TrustedServer.Hosting.Listener;

/// <summary>
/// Applies <c>[server]</c>'s limits to Kestrel; a limit the operator left out keeps Kestrel's default, except the
/// connection count, which without a setting is capped to what the process's file descriptors allow
/// (<see cref="DescriptorBudget"/>).
/// </summary>
internal static class KestrelLimits
{
    public static void Apply(KestrelServerOptions kestrel, ServerOptions server, DescriptorLimits? descriptors)
    {
        var limits = kestrel.Limits;
        if (server.MaxRequestHeaderBytes is { } headers)
        {
            limits.MaxRequestHeadersTotalSize = headers;
        }

        if (server.MaxUrlBytes is { } url)
        {
            limits.MaxRequestLineSize = url;
        }

        if ((server.MaxConcurrentConnections ?? descriptors?.ConnectionCap) is { } connections)
        {
            limits.MaxConcurrentConnections = connections;
            limits.MaxConcurrentUpgradedConnections = connections;
        }

        if (server.KeepAliveTimeout is { } keepAlive)
        {
            limits.KeepAliveTimeout = keepAlive;
        }
    }
}
