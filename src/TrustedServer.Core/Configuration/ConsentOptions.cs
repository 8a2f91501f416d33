namespace TrustedServer.Core.Configuration;

/// <summary><c>[consent]</c>: how consent signals gate the identity.</summary>
public sealed record ConsentOptions
{
    /// <summary><c>mode</c>: <c>enforce</c> or <c>observe</c> (decide, log, but do not gate).</summary>
    public string Mode { get; init; } = "enforce";

    /// <summary><c>check_expiration</c>: whether old consent strings are treated as absent.</summary>
    public bool CheckExpiration { get; init; } = true;

    /// <summary><c>max_consent_age_days</c>: the age past which a consent string is expired.</summary>
    public long MaxConsentAgeDays { get; init; } = 395;
}
