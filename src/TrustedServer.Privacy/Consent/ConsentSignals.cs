namespace TrustedServer.Privacy.Consent;

/// <summary>The raw consent signals of one request, before decoding.</summary>
public sealed record ConsentSignals
{
    /// <summary>Cookie carrying the TCF v2 TC string.</summary>
    public const string TcfCookie = "euconsent-v2";

    /// <summary>Cookie carrying the GPP string.</summary>
    public const string GppCookie = "__gpp";

    /// <summary>Cookie carrying the GPP applicable section ids.</summary>
    public const string GppSidCookie = "__gpp_sid";

    /// <summary>Cookie carrying the US Privacy string.</summary>
    public const string UsPrivacyCookie = "us_privacy";

    /// <summary>Cookie carrying Google's Additional Consent (AC) string.</summary>
    public const string AdditionalConsentCookie = "addtl_consent";

    /// <summary>Global Privacy Control request header.</summary>
    public const string GpcHeader = "Sec-GPC";

    /// <summary>Raw TC string, or null.</summary>
    public string? RawTcString { get; init; }

    /// <summary>Raw GPP string, or null.</summary>
    public string? RawGppString { get; init; }

    /// <summary>Raw <c>__gpp_sid</c> value, or null.</summary>
    public string? RawGppSid { get; init; }

    /// <summary>Raw US Privacy string, or null.</summary>
    public string? RawUsPrivacy { get; init; }

    /// <summary>Raw Google Additional Consent string, or null.</summary>
    public string? RawAcString { get; init; }

    /// <summary>True when the request carried <c>Sec-GPC: 1</c>.</summary>
    public bool Gpc { get; init; }

    /// <summary>True when no signal at all is present (an AC string alone decides nothing: it only extends TCF).</summary>
    public bool IsEmpty => RawTcString is null && RawGppString is null && RawGppSid is null && RawUsPrivacy is null && !Gpc;

    /// <summary>Reads the signals from a request's cookies and headers (empty values count as absent).</summary>
    /// <param name="cookie">Returns a cookie's value by name, or null.</param>
    /// <param name="header">Returns a request header's value by name (case-insensitive), or null.</param>
    public static ConsentSignals FromRequest(Func<string, string?> cookie, Func<string, string?> header)
    {
        ArgumentNullException.ThrowIfNull(cookie);
        ArgumentNullException.ThrowIfNull(header);
        return new ConsentSignals
        {
            RawTcString = NonEmpty(cookie(TcfCookie)),
            RawGppString = NonEmpty(cookie(GppCookie)),
            RawGppSid = NonEmpty(cookie(GppSidCookie)),
            RawUsPrivacy = NonEmpty(cookie(UsPrivacyCookie)),
            RawAcString = NonEmpty(cookie(AdditionalConsentCookie)),
            Gpc = IsGpcEnabled(header(GpcHeader)),
        };
    }

    /// <summary>The GPC rule: the header's trimmed value is exactly <c>1</c>.</summary>
    public static bool IsGpcEnabled(string? headerValue) => headerValue is not null && headerValue.AsSpan().Trim().SequenceEqual("1");

    private static string? NonEmpty(string? value) => string.IsNullOrWhiteSpace(value) ? null : value.Trim();
}
