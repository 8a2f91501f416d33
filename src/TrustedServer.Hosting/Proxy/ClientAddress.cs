using System.Net;
using TrustedServer.Core.Configuration;

namespace TrustedServer.Hosting.Proxy;

/// <summary>
/// The visitor's address: the connection's remote address, or, when that is a trusted proxy, the right-most
/// <c>X-Forwarded-For</c> entry that is not itself a trusted proxy (entries further left are client-controlled).
/// </summary>
internal static class ClientAddress
{
    public static IPAddress? For(HttpContext context, ProxyOptions proxy)
    {
        var remote = Normalize(context.Connection.RemoteIpAddress);
        if (remote is null || !proxy.IsTrusted(remote))
        {
            return remote;
        }

        var entries = context.Request.Headers["X-Forwarded-For"].ToString()
            .Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries);
        for (var i = entries.Length - 1; i >= 0; i--)
        {
            if (!IPAddress.TryParse(entries[i], out var hop))
            {
                return null;
            }

            hop = Normalize(hop);
            if (!proxy.IsTrusted(hop))
            {
                return hop;
            }
        }

        return remote;
    }

    private static IPAddress? Normalize(IPAddress? address) =>
        address is { IsIPv4MappedToIPv6: true } ? address.MapToIPv4() : address;
}
