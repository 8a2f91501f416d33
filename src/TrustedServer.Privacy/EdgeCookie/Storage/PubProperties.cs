using System.Collections.Immutable;

namespace TrustedServer.Privacy.EdgeCookie.Storage;

/// <summary>The publisher properties an identity was seen on.</summary>
public sealed record PubProperties
{
    /// <summary>At most this many seen domains are kept.</summary>
    public const int MaxSeenDomains = 50;

    /// <summary>The domain the identity was minted on.</summary>
    public required string OriginDomain { get; init; }

    /// <summary>Domains the identity was seen on, oldest first, at most <see cref="MaxSeenDomains"/>.</summary>
    public ImmutableList<string> SeenDomains
    {
        get;

        // The JSON source generator assigns default for absent init-only members, so null must mean empty.
        init => field = value ?? [];
    } = [];

    /// <summary>
    /// Returns this instance when <paramref name="domain"/> is already listed or the list is full,
    /// otherwise a copy with the domain appended; returning the same instance lets writers skip the store.
    /// </summary>
    public PubProperties WithSeenDomain(string domain)
    {
        ArgumentException.ThrowIfNullOrEmpty(domain);
        if (SeenDomains.Count >= MaxSeenDomains || SeenDomains.Contains(domain, StringComparer.Ordinal))
        {
            return this;
        }

        return this with { SeenDomains = SeenDomains.Add(domain) };
    }
}
