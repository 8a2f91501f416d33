using System.Net;
using System.Net.NetworkInformation;

namespace TrustedServer.Hosting.Cli;

/// <summary>
/// Refuses at startup an <c>origin_url</c> that is one of our own listen addresses: every request would be forwarded
/// to ourselves. (A public name that resolves back here is caught per request by the <c>Via</c> loop guard.)
/// </summary>
internal static class OriginLoopCheck
{
    /// <summary>The problem, or null when <paramref name="origin"/> is not one of <paramref name="listening"/>.</summary>
    public static string? Problem(Uri origin, IEnumerable<string> listening)
    {
        ArgumentNullException.ThrowIfNull(origin);
        ArgumentNullException.ThrowIfNull(listening);
        foreach (var url in listening)
        {
            if (!Uri.TryCreate(url.Replace("://*", "://0.0.0.0", StringComparison.Ordinal).Replace("://+", "://0.0.0.0", StringComparison.Ordinal), UriKind.Absolute, out var listen)
                || listen.Port != origin.Port)
            {
                continue;
            }

            if (SameHost(origin.Host, listen.Host))
            {
                return $"[publisher] origin_url {origin.GetLeftPart(UriPartial.Authority)} is this server's own listen address {url}; every request would loop back here";
            }
        }

        return null;
    }

    private static bool SameHost(string originHost, string listenHost)
    {
        if (originHost.Equals(listenHost, StringComparison.OrdinalIgnoreCase))
        {
            return true;
        }

        var originIsLocal = IsLoopback(originHost) || IsLocalAddress(originHost);
        var listenAddress = IPAddress.TryParse(listenHost.Trim('[', ']'), out var parsed) ? parsed : null;
        if (listenAddress is not null && (listenAddress.Equals(IPAddress.Any) || listenAddress.Equals(IPAddress.IPv6Any)))
        {
            return originIsLocal;
        }

        return IsLoopback(listenHost) && IsLoopback(originHost);
    }

    private static bool IsLoopback(string host) =>
        host.Equals("localhost", StringComparison.OrdinalIgnoreCase)
        || (IPAddress.TryParse(host.Trim('[', ']'), out var address) && IPAddress.IsLoopback(address));

    private static bool IsLocalAddress(string host)
    {
        if (!IPAddress.TryParse(host.Trim('[', ']'), out var address))
        {
            return false;
        }

        try
        {
            return NetworkInterface.GetAllNetworkInterfaces()
                .SelectMany(nic => nic.GetIPProperties().UnicastAddresses)
                .Any(unicast => unicast.Address.Equals(address));
        }
        catch (NetworkInformationException)
        {
            return false;
        }
    }
}
