namespace TrustedServer.Core.UrlParsing;

/// <summary>
/// The hosts a request may name, and so the only hosts rewritten links, <c>Location</c> headers and first-party URLs
/// may point at: <c>[publisher] domain</c> and <c>[publisher] aliases</c>. A declared entry without a port stands for
/// the scheme's default port; one with a port for that port only. Loopback names (<c>localhost</c>, <c>127.0.0.1</c>,
/// <c>[::1]</c>, any port) are accepted only where the caller says the visitor is on this machine.
/// </summary>
public sealed class PublicHostList
{
    private readonly HostAuthority[] _declared;

    /// <summary>Builds the list; entries that do not parse (the binder has reported them) are left out.</summary>
    public PublicHostList(string domain, IEnumerable<string> aliases)
    {
        ArgumentNullException.ThrowIfNull(domain);
        ArgumentNullException.ThrowIfNull(aliases);
        Canonical = domain;
        var declared = new List<HostAuthority>();
        foreach (var entry in aliases.Prepend(domain))
        {
            if (HostAuthority.TryParse(entry.Trim(), out var authority))
            {
                declared.Add(authority);
            }
        }

        _declared = [.. declared];
    }

    /// <summary><c>[publisher] domain</c> as configured: the host an undeclared request is mapped to in canonical mode.</summary>
    public string Canonical { get; }

    /// <summary>
    /// Whether <paramref name="authority"/> (a <c>Host</c> value) is declared for <paramref name="scheme"/>; with
    /// <paramref name="loopbackVisitor"/>, loopback names on any port are too.
    /// </summary>
    public bool Allows(string authority, string scheme, bool loopbackVisitor)
    {
        if (!HostAuthority.TryParse(authority, out var requested))
        {
            return false;
        }

        if (loopbackVisitor && requested.IsLoopback)
        {
            return true;
        }

        var port = requested.EffectivePort(scheme);
        foreach (var declared in _declared)
        {
            if (declared.Host == requested.Host && declared.EffectivePort(scheme) == port)
            {
                return true;
            }
        }

        return false;
    }
}
