namespace TrustedServer.Privacy.Consent;

/// <summary>A publisher restriction's type, as encoded in the TC string (2 bits).</summary>
public enum TcfRestrictionType
{
    /// <summary>The purpose is flatly not allowed for the vendors.</summary>
    NotAllowed = 0,

    /// <summary>The vendors must use consent for the purpose.</summary>
    RequireConsent = 1,

    /// <summary>The vendors must use legitimate interest for the purpose.</summary>
    RequireLegitimateInterest = 2,

    /// <summary>Reserved value 3 (undefined by the policy; kept as decoded).</summary>
    Undefined = 3,
}
