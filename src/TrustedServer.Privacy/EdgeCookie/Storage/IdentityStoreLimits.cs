namespace TrustedServer.Privacy.EdgeCookie.Storage;

/// <summary>The identity graph's fixed TTLs and limits.</summary>
public static class IdentityStoreLimits
{
    /// <summary>TTL of a live entry.</summary>
    public static readonly TimeSpan LiveTtl = TimeSpan.FromDays(365);

    /// <summary>TTL of a withdrawal tombstone.</summary>
    public static readonly TimeSpan TombstoneTtl = TimeSpan.FromHours(24);

    /// <summary>Cluster-size listings stop counting here.</summary>
    public const int ClusterListLimit = 100;

    /// <summary>Compare-and-swap retries after the first attempt.</summary>
    public const int MaxCasRetries = 5;

    /// <summary>Length of the hash part of an Edge Cookie ID.</summary>
    public const int HashLength = 64;

    /// <summary>The hash part of an ID: everything before the first '.', or the whole ID.</summary>
    public static string HashPart(string id)
    {
        ArgumentNullException.ThrowIfNull(id);
        var dot = id.IndexOf('.', StringComparison.Ordinal);
        return dot < 0 ? id : id[..dot];
    }
}
