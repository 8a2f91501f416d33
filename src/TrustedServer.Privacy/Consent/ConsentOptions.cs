using System.Collections.Frozen;

namespace TrustedServer.Privacy.Consent;

/// <summary>The <c>[consent]</c> configuration, with the original's defaults.</summary>
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

    /// <summary>Decode (interpreter) or only forward (proxy).</summary>
    public ConsentMode Mode { get; init; } = ConsentMode.Interpreter;

    /// <summary>Treat TCF consent older than <see cref="MaxConsentAgeDays"/> as expired.</summary>
    public bool CheckExpiration { get; init; } = true;

    /// <summary>Maximum TCF consent age in days (clamped to 1..3650 when used).</summary>
    public int MaxConsentAgeDays { get; init; } = 395;

    /// <summary><c>[consent.gdpr] applies_in</c>: country codes where GDPR applies.</summary>
    public IReadOnlySet<string> GdprAppliesIn { get; init; } = DefaultGdprCountries;

    /// <summary><c>[consent.us_states] privacy_states</c>.</summary>
    public IReadOnlySet<string> PrivacyStates { get; init; } = DefaultPrivacyStates;

    /// <summary><c>[consent.us_privacy_defaults] notice_given</c>.</summary>
    public bool UsPrivacyNoticeGiven { get; init; } = true;

    /// <summary><c>[consent.us_privacy_defaults] lspa_covered</c>.</summary>
    public bool UsPrivacyLspaCovered { get; init; }

    /// <summary><c>[consent.us_privacy_defaults] gpc_implies_optout</c>.</summary>
    public bool GpcImpliesOptOut { get; init; } = true;

    /// <summary><c>[consent.conflict_resolution] mode</c>.</summary>
    public ConflictMode ConflictMode { get; init; } = ConflictMode.Restrictive;

    /// <summary><c>[consent.conflict_resolution] freshness_threshold_days</c>.</summary>
    public int FreshnessThresholdDays { get; init; } = 30;

    /// <summary>The effective maximum age after clamping.</summary>
    public int EffectiveMaxConsentAgeDays => Math.Clamp(MaxConsentAgeDays, 1, 3650);
}
