namespace TrustedServer.Core.Configuration;

/// <summary><c>[consent]</c>: how consent signals gate the identity.</summary>
public sealed record ConsentOptions
{
    /// <summary><c>mode = "interpreter"</c>: decode the consent signals and gate the identity on them (the default).</summary>
    public const string Interpreter = "interpreter";

    /// <summary>
    /// <c>mode = "proxy"</c>: skip decoding and only forward the raw strings; <c>gdpr_applies</c> is then true when a TC
    /// string is present or <c>__gpp_sid</c> lists section 2. With nothing decoded, GDPR and US-state visitors get no
    /// Edge Cookie (the rules fail closed); non-regulated visitors still do.
    /// </summary>
    public const string Proxy = "proxy";

    /// <summary><c>mode</c>: <see cref="Interpreter"/> or <see cref="Proxy"/>, the original's only two modes.</summary>
    public string Mode { get; init; } = Interpreter;

    /// <summary><c>check_expiration</c>: whether old consent strings are treated as absent.</summary>
    public bool CheckExpiration { get; init; } = true;

    /// <summary><c>max_consent_age_days</c>: the age past which a consent string is expired.</summary>
    public long MaxConsentAgeDays { get; init; } = 395;

    /// <summary><c>[consent.gdpr] applies_in</c>: country codes where GDPR applies; null keeps the default list.</summary>
    public IReadOnlyList<string>? GdprAppliesIn { get; init; }

    /// <summary><c>[consent.us_states] privacy_states</c>: US states with privacy laws; null keeps the default list.</summary>
    public IReadOnlyList<string>? PrivacyStates { get; init; }

    /// <summary><c>[consent.us_privacy_defaults] notice_given</c>.</summary>
    public bool UsPrivacyNoticeGiven { get; init; } = true;

    /// <summary><c>[consent.us_privacy_defaults] lspa_covered</c>.</summary>
    public bool UsPrivacyLspaCovered { get; init; }

    /// <summary><c>[consent.us_privacy_defaults] gpc_implies_optout</c>.</summary>
    public bool GpcImpliesOptOut { get; init; } = true;

    /// <summary><c>[consent.conflict_resolution] mode</c>: <c>restrictive</c>, <c>permissive</c> or <c>newest</c>.</summary>
    public string ConflictMode { get; init; } = "restrictive";

    /// <summary><c>[consent.conflict_resolution] freshness_threshold_days</c>.</summary>
    public long FreshnessThresholdDays { get; init; } = 30;
}
