using System.Net;
using System.Net.Sockets;

namespace TrustedServer.Core.Ssrf;

/// <summary>
/// Decides whether an address is on the public internet. Anything loopback, private, link-local (including cloud
/// metadata at 169.254.169.254), shared (CGNAT), reserved, documentation, multicast or broadcast is not, nor is an
/// IPv6 address that embeds such an IPv4 address (mapped, compatible, NAT64, 6to4) or a tunnelling prefix.
/// </summary>
public static class TargetAddressClassifier
{
    /// <summary>True only for globally routable unicast addresses.</summary>
    public static bool IsPublicAddress(IPAddress address)
    {
        ArgumentNullException.ThrowIfNull(address);
        return address.AddressFamily switch
        {
            AddressFamily.InterNetwork => IsPublicV4(address.GetAddressBytes()),
            AddressFamily.InterNetworkV6 => IsPublicV6(address.GetAddressBytes()),
            _ => false,
        };
    }

    private static bool IsPublicV4(ReadOnlySpan<byte> a)
    {
        return a[0] switch
        {
            0 => false, // "this network", includes 0.0.0.0
            10 => false,
            100 when (a[1] & 0xC0) == 64 => false, // 100.64.0.0/10 shared address space
            127 => false,
            169 when a[1] == 254 => false, // link-local, cloud metadata
            172 when (a[1] & 0xF0) == 16 => false,
            192 when a[1] == 0 && a[2] == 0 => false, // IETF protocol assignments
            192 when a[1] == 0 && a[2] == 2 => false, // TEST-NET-1
            192 when a[1] == 88 && a[2] == 99 => false, // 6to4 relay anycast
            192 when a[1] == 168 => false,
            198 when (a[1] & 0xFE) == 18 => false, // benchmarking 198.18.0.0/15
            198 when a[1] == 51 && a[2] == 100 => false, // TEST-NET-2
            203 when a[1] == 0 && a[2] == 113 => false, // TEST-NET-3
            >= 224 => false, // multicast, reserved 240/4, broadcast
            _ => true,
        };
    }

    private static bool IsPublicV6(ReadOnlySpan<byte> a)
    {
        if (a[..10].IndexOfAnyExcept((byte)0) < 0)
        {
            // ::/80 prefix: unspecified, loopback, IPv4-compatible, or IPv4-mapped (::ffff:0:0/96).
            if (a[10] == 0xFF && a[11] == 0xFF)
            {
                return IsPublicV4(a[12..]);
            }

            return false;
        }

        if (a[0] == 0x00 && a[1] == 0x64 && a[2] == 0xFF && a[3] == 0x9B)
        {
            // 64:ff9b::/96 well-known NAT64 embeds the target IPv4; 64:ff9b:1::/48 is local-use.
            return a[4..12].IndexOfAnyExcept((byte)0) < 0 && IsPublicV4(a[12..]);
        }

        if (a[0] == 0x20 && a[1] == 0x02)
        {
            return IsPublicV4(a.Slice(2, 4)); // 6to4 embeds the IPv4 in bits 16..48
        }

        if (a[0] == 0x20 && a[1] == 0x01 && a[2] < 0x02)
        {
            return false; // 2001::/23 IETF assignments, Teredo 2001::/32 included
        }

        if (a[0] == 0x20 && a[1] == 0x01 && a[2] == 0x0D && a[3] == 0xB8)
        {
            return false; // documentation
        }

        if (a[0] == 0x3F && a[1] == 0xFF && (a[2] & 0xF0) == 0)
        {
            return false; // 3fff::/20 documentation
        }

        if (a[0] == 0x01 && a[1] == 0x00 && a[2..8].IndexOfAnyExcept((byte)0) < 0)
        {
            return false; // 100::/64 discard-only
        }

        return a[0] switch
        {
            >= 0xFC and <= 0xFD => false, // unique local fc00::/7
            0xFE when (a[1] & 0xC0) == 0x80 => false, // link-local fe80::/10
            0xFE when (a[1] & 0xC0) == 0xC0 => false, // site-local fec0::/10 (deprecated)
            0xFF => false, // multicast
            _ => (a[0] & 0xE0) == 0x20, // only 2000::/3 is global unicast
        };
    }
}
