namespace TrustedServer.Privacy.Consent;

/// <summary>A decoded IAB TCF v2 TC string: the core segment plus the optional segments that were present.</summary>
public sealed class TcfConsent
{
    /// <summary>Encoding version (always 2).</summary>
    public required int Version { get; init; }

    /// <summary>When the string was first created (decisecond precision).</summary>
    public required DateTimeOffset Created { get; init; }

    /// <summary>When the string was last updated (decisecond precision).</summary>
    public required DateTimeOffset LastUpdated { get; init; }

    /// <summary>Last updated, in deciseconds since the Unix epoch, as encoded.</summary>
    public required long LastUpdatedDeciseconds { get; init; }

    /// <summary>CMP id.</summary>
    public required int CmpId { get; init; }

    /// <summary>CMP version.</summary>
    public required int CmpVersion { get; init; }

    /// <summary>The CMP screen on which consent was given.</summary>
    public required int ConsentScreen { get; init; }

    /// <summary>Two upper-case letters.</summary>
    public required string ConsentLanguage { get; init; }

    /// <summary>Global vendor list version.</summary>
    public required int VendorListVersion { get; init; }

    /// <summary>TCF policy version.</summary>
    public required int PolicyVersion { get; init; }

    /// <summary>Whether the string is service-specific.</summary>
    public required bool IsServiceSpecific { get; init; }

    /// <summary>Whether non-standard stacks/texts were used (named useNonStandardStacks by @iabtcf/core).</summary>
    public required bool UseNonStandardStacks { get; init; }

    /// <summary>Special feature opt-ins (ids 1 to 12).</summary>
    public required IdSet SpecialFeatureOptins { get; init; }

    /// <summary>Purpose consents (ids 1 to 24).</summary>
    public required IdSet PurposeConsents { get; init; }

    /// <summary>Purpose legitimate interests (ids 1 to 24).</summary>
    public required IdSet PurposeLegitimateInterests { get; init; }

    /// <summary>Whether purpose one was treated differently (publisher country rules).</summary>
    public required bool PurposeOneTreatment { get; init; }

    /// <summary>Two upper-case letters.</summary>
    public required string PublisherCountryCode { get; init; }

    /// <summary>Vendor consents.</summary>
    public required IdSet VendorConsents { get; init; }

    /// <summary>How <see cref="VendorConsents"/> was encoded.</summary>
    public required TcfVendorEncoding VendorConsentsEncoding { get; init; }

    /// <summary>Vendor legitimate interests.</summary>
    public required IdSet VendorLegitimateInterests { get; init; }

    /// <summary>How <see cref="VendorLegitimateInterests"/> was encoded.</summary>
    public required TcfVendorEncoding VendorLegitimateInterestsEncoding { get; init; }

    /// <summary>Publisher restrictions, merged by (purpose, type), in first-seen order.</summary>
    public required IReadOnlyList<TcfPublisherRestriction> PublisherRestrictions { get; init; }

    /// <summary>Disclosed vendors segment, or null when absent.</summary>
    public IdSet? VendorsDisclosed { get; internal set; }

    /// <summary>Allowed vendors segment, or null when absent.</summary>
    public IdSet? VendorsAllowed { get; internal set; }

    /// <summary>Publisher TC segment, or null when absent.</summary>
    public TcfPublisherTc? PublisherTc { get; internal set; }

    /// <summary>True when purpose <paramref name="purposeId"/> is consented.</summary>
    public bool HasPurposeConsent(int purposeId) => PurposeConsents.Contains(purposeId);

    /// <summary>Purpose 1: store and/or access information on a device.</summary>
    public bool HasStorageConsent => HasPurposeConsent(1);

    /// <summary>Purpose 4: use profiles to select personalised advertising.</summary>
    public bool HasPersonalizedAdsConsent => HasPurposeConsent(4);
}
