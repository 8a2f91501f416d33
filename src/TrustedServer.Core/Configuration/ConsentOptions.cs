using System.Collections.Frozen;

namespace TrustedServer.Core.Configuration;

/// <summary><c>[consent]</c>: how consent signals gate the identity, with the original's defaults.</summary>
public sealed record ConsentOptions
{
    /// <summary>EU-27, the EEA's IS, LI and NO, and GB. CH is deliberately left out (a separate regime).</summary>
    public static readonly FrozenSet<string> DefaultGdprCountries = FrozenSet.Create(
        StringComparer.OrdinalIgnoreCase,
        "AT", "BE", "BG", "HR", "CY", "CZ", "DK", "EE", "FI", "FR", "DE", "GR", "HU", "IE", "IT", "LV",
        "LT", "LU", "MT", "NL", "PL", "PT", "RO", "SK", "SI", "ES", "SE", "IS", "LI", "NO", "GB");

    /// <summary>US states with comprehensive privacy laws.</summary>
    public static readonly FrozenSet<string> DefaultPrivacyStates = FrozenSet.Create(
        StringComparer.OrdinalIgnoreCase,
        "CA", "VA", "CO", "CT", "UT", "MT", "OR", "TX", "FL", "DE", "IA", "NE", "NH", "NJ", "TN", "MN", "MD", "IN", "KY", "RI");

    /// <summary>
    /// <c>mode</c>: decode the signals and gate the identity on them (<see cref="ConsentMode.Interpreter"/>, the
    /// default), or only forward the raw strings (<see cref="ConsentMode.Proxy"/>); <c>gdpr_applies</c> is then true when
    /// a TC string is present or <c>__gpp_sid</c> lists section 2. With nothing decoded, GDPR and US-state visitors get
    /// no Edge Cookie (the rules fail closed); non-regulated visitors still do.
    /// </summary>
    public ConsentMode Mode { get; init; } = ConsentMode.Interpreter;

    /// <summary><c>check_expiration</c>: whether old consent strings are treated as absent.</summary>
    public bool CheckExpiration { get; init; } = true;

    /// <summary><c>max_consent_age_days</c>: the age past which a consent string is expired (clamped to 1..3650 when used).</summary>
    public int MaxConsentAgeDays { get; init; } = 395;

    /// <summary><c>[consent.gdpr] applies_in</c>: country codes where GDPR applies (case-insensitive).</summary>
    public IReadOnlySet<string> GdprAppliesIn { get; init; } = DefaultGdprCountries;

    /// <summary><c>[consent.us_states] privacy_states</c>: US states with privacy laws (case-insensitive).</summary>
    public IReadOnlySet<string> PrivacyStates { get; init; } = DefaultPrivacyStates;

    /// <summary><c>[consent.us_privacy_defaults] notice_given</c>.</summary>
    public bool UsPrivacyNoticeGiven { get; init; } = true;

    /// <summary><c>[consent.us_privacy_defaults] lspa_covered</c>.</summary>
    public bool UsPrivacyLspaCovered { get; init; }

    /// <summary><c>[consent.us_privacy_defaults] gpc_implies_optout</c>.</summary>
    public bool GpcImpliesOptOut { get; init; } = true;

    /// <summary><c>[consent.conflict_resolution] mode</c>: <c>restrictive</c>, <c>permissive</c> or <c>newest</c>.</summary>
    public ConflictMode ConflictMode { get; init; } = ConflictMode.Restrictive;

    /// <summary><c>[consent.conflict_resolution] freshness_threshold_days</c>.</summary>
    public int FreshnessThresholdDays { get; init; } = 30;

    /// <summary>The effective maximum age after clamping.</summary>
    public int EffectiveMaxConsentAgeDays => Math.Clamp(MaxConsentAgeDays, 1, 3650);
}
