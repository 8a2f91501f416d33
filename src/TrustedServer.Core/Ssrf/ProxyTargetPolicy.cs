using System.Net;
using TrustedServer.Core.UrlParsing;

namespace TrustedServer.Core.Ssrf;

/// <summary>
/// The SSRF rules for first-party proxy targets, checked on the initial target and on every redirect hop: http/https
/// only, allowed ports only, no user info, host on the allow-list, and an IP-literal host must be public unless
/// <see cref="AllowPrivateTargets"/>. Hostnames are checked again at connect time by
/// <see cref="GuardedHttpHandlerFactory"/>, on every resolved address.
/// </summary>
public sealed record ProxyTargetPolicy
{
    /// <summary>The ports allowed when none are configured.</summary>
    public static IReadOnlySet<int> DefaultPorts { get; } = new HashSet<int> { 80, 443 };

    /// <summary>Ports a target may use (80 and 443 by default).</summary>
    public IReadOnlySet<int> AllowedPorts { get; init; } = DefaultPorts;

    /// <summary><c>[proxy] allowed_domains</c>; empty allows every host.</summary>
    public DomainPatternList AllowedDomains { get; init; } = DomainPatternList.Empty;

    /// <summary><c>[proxy] allow_private_targets</c>: lets tests and private deployments reach non-public addresses.</summary>
    public bool AllowPrivateTargets { get; init; }

    /// <summary>Checks one target URL; returns <see cref="TargetRefusal.None"/> when allowed.</summary>
    public TargetRefusal Check(Uri target)
    {
        ArgumentNullException.ThrowIfNull(target);
        if (!target.IsAbsoluteUri)
        {
            return TargetRefusal.NotAbsolute;
        }

        if (target.Scheme != Uri.UriSchemeHttp && target.Scheme != Uri.UriSchemeHttps)
        {
            return TargetRefusal.Scheme;
        }

        if (!AllowedPorts.Contains(target.Port))
        {
            return TargetRefusal.Port;
        }

        if (!string.IsNullOrEmpty(target.UserInfo))
        {
            return TargetRefusal.UserInfo;
        }

        var host = target.IdnHost;
        if (!AllowedDomains.Allows(host))
        {
            return TargetRefusal.Domain;
        }

        if (!AllowPrivateTargets && TryParseIpLiteral(host, out var ip) && !TargetAddressClassifier.IsPublicAddress(ip))
        {
            return TargetRefusal.PrivateAddress;
        }

        return TargetRefusal.None;
    }

    internal static bool TryParseIpLiteral(string host, out IPAddress address)
    {
        var h = host.Length > 2 && host[0] == '[' && host[^1] == ']' ? host[1..^1] : host;
        if (IPAddress.TryParse(h, out var parsed) && (h.Contains(':', StringComparison.Ordinal) || IsDottedQuad(h)))
        {
            address = parsed;
            return true;
        }

        address = IPAddress.None;
        return false;
    }

    // IPAddress.TryParse also accepts "1" or "0x7f.1"; Uri has already normalised IPv4 hosts to dotted quads, and
    // any other shape is a name that goes through DNS and the connect-time check.
    private static bool IsDottedQuad(string h) => h.Count(c => c == '.') == 3 && h.All(c => c == '.' || char.IsAsciiDigit(c));
}
