using System.Net;

namespace TrustedServer.Core.Configuration;

/// <summary><c>[proxy]</c>: whom to trust for forwarding headers, and the first-party proxy's target rules.</summary>
public sealed record ProxyOptions
{
    /// <summary><c>trusted_proxies</c>: addresses or CIDR ranges whose <c>X-Forwarded-*</c> headers are believed.</summary>
    public IReadOnlyList<IPNetwork> TrustedProxies { get; init; } = [];

    /// <summary><c>allowed_domains</c>: hosts the first-party proxy may fetch (exact or <c>*.</c> suffix); empty means any.</summary>
    public IReadOnlyList<string> AllowedDomains { get; init; } = [];

    /// <summary><c>allow_private_targets</c>: let the first-party proxy reach loopback and private addresses.</summary>
    public bool AllowPrivateTargets { get; init; }

    /// <summary><c>allowed_ports</c>: ports first-party proxy targets may use; empty means 80 and 443.</summary>
    public IReadOnlyList<int> AllowedPorts { get; init; } = [];

    /// <summary><c>[[proxy.asset_routes]]</c>: path prefixes served from other origins, without signing.</summary>
    public IReadOnlyList<AssetRouteOptions> AssetRoutes { get; init; } = [];

    /// <summary>True when <paramref name="address"/> is one of <see cref="TrustedProxies"/>.</summary>
    public bool IsTrusted(IPAddress? address)
    {
        if (address is null)
        {
            return false;
        }

        if (address.IsIPv4MappedToIPv6)
        {
            address = address.MapToIPv4();
        }

        foreach (var network in TrustedProxies)
        {
            if (network.Contains(address))
            {
                return true;
            }
        }

        return false;
    }
}
