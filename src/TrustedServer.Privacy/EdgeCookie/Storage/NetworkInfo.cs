namespace TrustedServer.Privacy.EdgeCookie.Storage;

/// <summary>Network-level facts about the identity.</summary>
public sealed record NetworkInfo
{
    /// <summary>How many IDs share this ID's hash (capped at the listing limit), once evaluated.</summary>
    public int? ClusterSize { get; init; }
}
