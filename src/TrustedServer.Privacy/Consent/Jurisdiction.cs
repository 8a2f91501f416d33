namespace TrustedServer.Privacy.Consent;

/// <summary>A visitor's jurisdiction; <see cref="State"/> is the two-letter state code for <see cref="JurisdictionKind.UsState"/>.</summary>
/// <param name="Kind">The regime.</param>
/// <param name="State">Upper-case US state code, only for <see cref="JurisdictionKind.UsState"/>.</param>
public sealed record Jurisdiction(JurisdictionKind Kind, string? State = null)
{
    /// <summary>No geo information.</summary>
    public static Jurisdiction Unknown { get; } = new(JurisdictionKind.Unknown);

    /// <summary>GDPR applies.</summary>
    public static Jurisdiction Gdpr { get; } = new(JurisdictionKind.Gdpr);

    /// <summary>Not regulated.</summary>
    public static Jurisdiction NonRegulated { get; } = new(JurisdictionKind.NonRegulated);

    /// <summary>A US privacy state.</summary>
    public static Jurisdiction UsState(string state) => new(JurisdictionKind.UsState, state.ToUpperInvariant());

    /// <summary>E.g. <c>GDPR</c>, <c>US-CA</c>, <c>non-regulated</c>, <c>unknown</c>.</summary>
    public override string ToString() => Kind switch
    {
        JurisdictionKind.Gdpr => "GDPR",
        JurisdictionKind.UsState => "US-" + State,
        JurisdictionKind.NonRegulated => "non-regulated",
        _ => "unknown",
    };
}
