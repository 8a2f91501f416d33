namespace TrustedServer.Privacy.Consent;

/// <summary>The request-local consent state the decision rules read (built by <see cref="ConsentPipeline"/>).</summary>
public sealed record ConsentContext
{
    /// <summary>Raw TC string as received (kept even when undecodable or expired).</summary>
    public string? RawTcString { get; init; }

    /// <summary>Raw GPP string as received.</summary>
    public string? RawGppString { get; init; }

    /// <summary>GPP section ids: from the decoded GPP header, else from <c>__gpp_sid</c>.</summary>
    public IReadOnlyList<int>? GppSectionIds { get; init; }

    /// <summary>Raw US Privacy string (or the one synthesised from GPC).</summary>
    public string? RawUsPrivacy { get; init; }

    /// <summary>Google's Additional Consent string: kept when it decodes (as received in proxy mode), else null.</summary>
    public string? RawAcString { get; init; }

    /// <summary>The decoded Additional Consent string (interpreter mode).</summary>
    public AdditionalConsent? AdditionalConsent { get; init; }

    /// <summary>True when an EU TCF signal is present (a TC string, or GPP section 2).</summary>
    public bool GdprApplies { get; init; }

    /// <summary>The effective standalone TCF consent (after conflict resolution and expiry).</summary>
    public TcfConsent? Tcf { get; init; }

    /// <summary>The decoded GPP string.</summary>
    public GppConsent? Gpp { get; init; }

    /// <summary>The GPP EU TCF section, unless expired.</summary>
    public TcfConsent? GppEuTcf { get; init; }

    /// <summary>The decoded (or synthesised) US Privacy string.</summary>
    public UsPrivacy? UsPrivacy { get; init; }

    /// <summary>True when TCF consent was dropped for being older than the configured maximum age.</summary>
    public bool Expired { get; init; }

    /// <summary>True when the request carried <c>Sec-GPC: 1</c>.</summary>
    public bool Gpc { get; init; }

    /// <summary>The visitor's jurisdiction.</summary>
    public Jurisdiction Jurisdiction { get; init; } = Jurisdiction.Unknown;

    /// <summary>Where consent came from.</summary>
    public ConsentSource Source { get; init; }

    /// <summary>Signals that failed to decode: (signal name, error). Log these at debug level; they never hold raw values.</summary>
    public IReadOnlyList<(string Signal, string Error)> DecodeErrors { get; init; } = [];

    /// <summary>The TCF consent the rules use: the standalone string, else the GPP EU section.</summary>
    public TcfConsent? EffectiveTcf => Tcf ?? GppEuTcf;

    /// <summary>The GPP US sale opt-out fold (null without GPP or US sections).</summary>
    public bool? UsSaleOptOut => Gpp?.UsSaleOptOut;
}
