namespace TrustedServer.Privacy.Consent;

/// <summary>The privacy regime that applies to a visitor.</summary>
public enum JurisdictionKind
{
    /// <summary>No geo information: every regulated rule fails closed.</summary>
    Unknown = 0,

    /// <summary>GDPR (EU/EEA and GB by default).</summary>
    Gdpr = 1,

    /// <summary>A US state with a comprehensive privacy law.</summary>
    UsState = 2,

    /// <summary>Anywhere else.</summary>
    NonRegulated = 3,
}
