using System.Collections.Frozen;
using TrustedServer.Core.Configuration;
using TrustedServer.Privacy.Consent;
using PrivacyConsentOptions = TrustedServer.Privacy.Consent.ConsentOptions;
using PrivacyEcOptions = TrustedServer.Privacy.Identity.EcOptions;

namespace TrustedServer.Hosting.Identity;

/// <summary>The validated <c>[ec]</c> and <c>[consent]</c> configuration mapped once to what the privacy logic takes.</summary>
internal sealed class IdentitySettings
{
    private static readonly string[] EcHeaders = ["x-ts-ec", "x-ts-eids", "x-ts-ec-consent", "x-ts-eids-truncated"];

    public IdentitySettings(TrustedServerOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        Options = options;
        var ec = options.Ec;
        Enabled = ec.Enabled && !string.IsNullOrEmpty(ec.Passphrase);
        Ec = new PrivacyEcOptions
        {
            Passphrase = ec.Passphrase ?? string.Empty,
            // The cookie's Domain is "." plus this: [ec] cookie_domain when set, the publisher's domain otherwise.
            PublisherDomain = ec.CookieDomain ?? options.Publisher.Domain,
            Ja4Header = ec.Ja4Header,
            StoreConfigured = true,
            Cookie = new Privacy.Identity.EcCookieOptions
            {
                Path = ec.CookiePath,
                MaxAgeSeconds = (int)Math.Min(ec.CookieMaxAgeSeconds, int.MaxValue),
                Secure = ec.CookieSecure,
                HttpOnly = ec.CookieHttpOnly,
                SameSite = ec.CookieSameSite,
            },
        };
        Consent = MapConsent(options.Consent);

        // Response headers that carry identity and must not reach a visitor without consent.
        StrippedHeaders = [.. EcHeaders.Concat(ec.Partners.Select(p => "x-ts-" + p.SourceDomain))];
    }

    public TrustedServerOptions Options { get; }

    /// <summary>The <c>[consent]</c> configuration as the privacy logic takes it.</summary>
    public static PrivacyConsentOptions MapConsent(Core.Configuration.ConsentOptions c)
    {
        ArgumentNullException.ThrowIfNull(c);
        return new PrivacyConsentOptions
        {
            Mode = c.Mode == Core.Configuration.ConsentOptions.Proxy ? ConsentMode.Proxy : ConsentMode.Interpreter,
            CheckExpiration = c.CheckExpiration,
            MaxConsentAgeDays = (int)Math.Min(c.MaxConsentAgeDays, int.MaxValue),
            GdprAppliesIn = c.GdprAppliesIn is null ? PrivacyConsentOptions.DefaultGdprCountries : c.GdprAppliesIn.ToFrozenSet(StringComparer.OrdinalIgnoreCase),
            PrivacyStates = c.PrivacyStates is null ? PrivacyConsentOptions.DefaultPrivacyStates : c.PrivacyStates.ToFrozenSet(StringComparer.OrdinalIgnoreCase),
            UsPrivacyNoticeGiven = c.UsPrivacyNoticeGiven,
            UsPrivacyLspaCovered = c.UsPrivacyLspaCovered,
            GpcImpliesOptOut = c.GpcImpliesOptOut,
            ConflictMode = c.ConflictMode switch
            {
                "permissive" => ConflictMode.Permissive,
                "newest" => ConflictMode.Newest,
                _ => ConflictMode.Restrictive,
            },
            FreshnessThresholdDays = (int)Math.Min(c.FreshnessThresholdDays, int.MaxValue),
        };
    }

    public bool Enabled { get; }

    public PrivacyEcOptions Ec { get; }

    public PrivacyConsentOptions Consent { get; }

    public IReadOnlyList<string> StrippedHeaders { get; }

    /// <summary>The consent context of a request: signals from its cookies and headers, jurisdiction from <see cref="VisitorGeo"/>.</summary>
    public ConsentContext ConsentFor(HttpContext context, VisitorGeo geo, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(geo);
        var request = context.Request;
        Func<string, string?> header = name => request.Headers.TryGetValue(name, out var v) ? v.ToString() : null;
        Func<string, string?> cookie = name => request.Cookies[name];
        var jurisdiction = geo.JurisdictionFor(context, Consent);
        return ConsentPipeline.Build(ConsentSignals.FromRequest(cookie, header), jurisdiction, Consent, now);
    }
}
