namespace TrustedServer.Privacy.EdgeCookie.Storage;

/// <summary>The consent signals an identity record was last written under.</summary>
public sealed record ConsentSnapshot
{
    /// <summary>The TCF v2 string, when one was present.</summary>
    public string? Tcf { get; init; }

    /// <summary>The GPP string, when one was present.</summary>
    public string? Gpp { get; init; }

    /// <summary>Whether consent allowed the Edge Cookie; <see langword="false"/> marks a withdrawal tombstone.</summary>
    public required bool Ok { get; init; }

    /// <summary>When the snapshot was taken, in unix seconds.</summary>
    public required long Updated { get; init; }
}
