namespace TrustedServer.Privacy.Consent;

/// <summary>The kind of consent string, as detected from its shape.</summary>
public enum ConsentStringKind
{
    /// <summary>Not recognised.</summary>
    Unknown = 0,

    /// <summary>IAB TCF v2 TC string.</summary>
    Tcf = 1,

    /// <summary>IAB GPP string (header starts with <c>DB</c>).</summary>
    Gpp = 2,

    /// <summary>IAB US Privacy string (<c>1YNN</c>).</summary>
    UsPrivacy = 3,
}
