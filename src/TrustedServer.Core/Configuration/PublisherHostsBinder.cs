using TrustedServer.Core.UrlParsing;

namespace TrustedServer.Core.Configuration;

/// <summary>Binds the <c>[publisher]</c> keys that declare which hosts the server answers for.</summary>
internal static class PublisherHostsBinder
{
    public static bool IsHost(string? domain) => HostAuthority.TryParse(domain, out _);

    public static IReadOnlyList<string> Aliases(ConfigSectionReader r)
    {
        var aliases = r.StringList("aliases") ?? [];
        foreach (var alias in aliases)
        {
            if (!HostAuthority.TryParse(alias.Trim(), out _))
            {
                r.Error("aliases", $"\"{alias}\" is not a host name; expected host or host:port, e.g. \"shop.example.com\" or \"www.example.com:8080\"");
                return [];
            }
        }

        return [.. aliases.Select(a => a.Trim())];
    }

    public static UnknownHostMode UnknownHost(ConfigSectionReader r)
    {
        switch (r.String("unknown_host"))
        {
            case null or "reject":
                return UnknownHostMode.Reject;
            case "canonical":
                return UnknownHostMode.Canonical;
            default:
                r.Error("unknown_host", "must be \"reject\" (answer 421 Misdirected Request) or \"canonical\" (serve it as [publisher] domain)");
                return UnknownHostMode.Reject;
        }
    }
}
