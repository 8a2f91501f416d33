using TrustedServer.Core.Configuration;
using TrustedServer.Core.SignedUrls;
using TrustedServer.Core.Ssrf;
using TrustedServer.Core.UrlParsing;

namespace TrustedServer.Hosting.FirstParty;

/// <summary>The signer for <c>[publisher] proxy_secret</c> (null when no secret is configured) and the rules shared by
/// the first-party endpoints.</summary>
internal sealed class FirstPartySigning : IDisposable
{
    public FirstPartySigning(TrustedServerOptions options, TimeProvider time)
    {
        ArgumentNullException.ThrowIfNull(options);
        Time = time;
        Signer = string.IsNullOrEmpty(options.Publisher.ProxySecret) ? null : new FirstPartyUrlSigner(options.Publisher.ProxySecret, time);
        ExcludedDomains = new DomainPatternList(options.Rewrite.ExcludeDomains);
        Policy = new ProxyTargetPolicy
        {
            AllowedDomains = new DomainPatternList(options.Proxy.AllowedDomains),
            AllowPrivateTargets = options.Proxy.AllowPrivateTargets,
            AllowedPorts = options.Proxy.AllowedPorts.Count == 0 ? ProxyTargetPolicy.DefaultPorts : options.Proxy.AllowedPorts.ToHashSet(),
        };
    }

    public FirstPartyUrlSigner? Signer { get; }

    public DomainPatternList ExcludedDomains { get; }

    public ProxyTargetPolicy Policy { get; }

    public TimeProvider Time { get; }

    public void Dispose() => Signer?.Dispose();
}
