namespace TrustedServer.Core.Auction;

/// <summary>The consent signals a bid request carries (the decisions were taken before the auction started).</summary>
public sealed record AuctionPrivacy
{
    /// <summary>True when GDPR applies, false when it does not, null when the jurisdiction is unknown.</summary>
    public bool? Gdpr { get; init; }

    /// <summary>The raw TCF consent string, or null.</summary>
    public string? TcString { get; init; }

    /// <summary>The US Privacy string, or null.</summary>
    public string? UsPrivacy { get; init; }

    /// <summary>The GPP string, or null.</summary>
    public string? Gpp { get; init; }

    /// <summary>The GPP section ids, or null.</summary>
    public IReadOnlyList<int>? GppSectionIds { get; init; }

    /// <summary>True when the US Privacy string was synthesised from GPC by publisher policy (not read from a cookie).</summary>
    public bool UsPrivacySynthesized { get; init; }

    /// <summary>Google's Additional Consent string, or null.</summary>
    public string? AdditionalConsent { get; init; }

    /// <summary>True when the request carried <c>Sec-GPC: 1</c>.</summary>
    public bool Gpc { get; init; }

    /// <summary>Whether there is any consent data to forward at all (otherwise <c>regs</c> is left out).</summary>
    public bool HasData => Gdpr is not null || TcString is not null || UsPrivacy is not null || Gpp is not null || Gpc;
}
