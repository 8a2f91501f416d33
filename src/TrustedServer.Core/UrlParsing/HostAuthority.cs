using System.Globalization;
using System.Net;
using System.Net.Sockets;

namespace TrustedServer.Core.UrlParsing;

/// <summary>
/// A <c>host[:port]</c> authority as <c>Host</c>, <c>X-Forwarded-Host</c> and <c>[publisher] aliases</c> write it: a DNS
/// name or IPv4 address (lower-cased, one trailing dot dropped) or a bracketed IPv6 address, and an optional port.
/// </summary>
/// <param name="Host">The host, lower-case; an IPv6 address in brackets.</param>
/// <param name="Port">The port, or null when none was written.</param>
public readonly record struct HostAuthority(string Host, int? Port)
{
    private const int MaxHostLength = 253;

    /// <summary>Whether the host is <c>localhost</c> (or a name under it) or a loopback address.</summary>
    public bool IsLoopback =>
        Host == "localhost"
        || Host.EndsWith(".localhost", StringComparison.Ordinal)
        || (IPAddress.TryParse(Host, out var address) && IPAddress.IsLoopback(address));

    /// <summary>The port, or the default port of <paramref name="scheme"/> (80 for http, 443 for https) when none was written.</summary>
    public int EffectivePort(string scheme) =>
        Port ?? (string.Equals(scheme, "https", StringComparison.OrdinalIgnoreCase) ? 443 : 80);

    /// <summary>Parses <paramref name="text"/>; false unless it is a host name or address with an optional port 1-65535.</summary>
    public static bool TryParse(string? text, out HostAuthority authority)
    {
        authority = default;
        if (string.IsNullOrEmpty(text) || text.Length > MaxHostLength + 8)
        {
            return false;
        }

        string host;
        ReadOnlySpan<char> port;
        if (text[0] == '[')
        {
            var close = text.IndexOf(']', StringComparison.Ordinal);
            if (close < 0
                || !IPAddress.TryParse(text.AsSpan(1, close - 1), out var v6)
                || v6.AddressFamily != AddressFamily.InterNetworkV6
                || text.AsSpan(1, close - 1).Contains('%'))
            {
                return false;
            }

            host = "[" + v6 + "]";
            port = text.AsSpan(close + 1);
        }
        else
        {
            var colon = text.IndexOf(':', StringComparison.Ordinal);
            var name = colon < 0 ? text : text[..colon];
            if (name.EndsWith('.'))
            {
                name = name[..^1];
            }

            if (!IsDnsName(name))
            {
                return false;
            }

            host = name.ToLowerInvariant();
            port = colon < 0 ? [] : text.AsSpan(colon);
        }

        int? portNumber = null;
        if (port.Length > 0)
        {
            if (port[0] != ':' || port.Length is < 2 or > 6 || port[1..].ContainsAnyExceptInRange('0', '9'))
            {
                return false;
            }

            var value = int.Parse(port[1..], NumberStyles.None, CultureInfo.InvariantCulture);
            if (value is < 1 or > 65535)
            {
                return false;
            }

            portNumber = value;
        }

        authority = new HostAuthority(host, portNumber);
        return true;
    }

    /// <summary>Letters, digits, <c>-</c> and <c>_</c> in dot-separated labels of 1 to 63 characters, none starting or ending with <c>-</c>.</summary>
    private static bool IsDnsName(string name)
    {
        if (name.Length is 0 or > MaxHostLength)
        {
            return false;
        }

        foreach (var range in name.AsSpan().Split('.'))
        {
            var label = name.AsSpan(range);
            if (label.Length is 0 or > 63 || label[0] == '-' || label[^1] == '-')
            {
                return false;
            }

            foreach (var c in label)
            {
                if (!char.IsAsciiLetterOrDigit(c) && c is not '-' and not '_')
                {
                    return false;
                }
            }
        }

        return true;
    }

    /// <inheritdoc />
    public override string ToString() => Port is { } p ? Host + ":" + p.ToString(CultureInfo.InvariantCulture) : Host;
}
