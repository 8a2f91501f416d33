using TrustedServer.Core.Configuration;
using TrustedServer.Privacy.Consent;
using TrustedServer.Privacy.Identity;
using PrivacyConsentOptions = TrustedServer.Privacy.Consent.ConsentOptions;

namespace TrustedServer.Hosting.FirstParty;

/// <summary>
/// Decides whether <c>ts-ec</c> travels to a third party: only when the request carries a valid EC cookie and the
/// visitor's consent (jurisdiction from the configured geo headers) allows the EC.
/// </summary>
internal sealed class EcQueryGate(TrustedServerOptions options, TimeProvider time)
{
    public const string CookieName = "ts-ec";

    private readonly PrivacyConsentOptions _consent = new()
    {
        CheckExpiration = options.Consent.CheckExpiration,
        MaxConsentAgeDays = (int)Math.Clamp(options.Consent.MaxConsentAgeDays, 1, 3650),
    };

    private readonly GeoHeaderOptions _geo = new(options.Geo.CountryHeader, options.Geo.RegionHeader);

    /// <summary>The EC to append, or null.</summary>
    public string? EcFor(HttpRequest request)
    {
        var ec = EcCookie.ReadValid(request.Cookies[CookieName]);
        if (ec is null)
        {
            return null;
        }

        string? Header(string name) => request.Headers.TryGetValue(name, out var v) ? v.ToString() : null;
        var signals = ConsentSignals.FromRequest(name => request.Cookies[name], Header);
        var jurisdiction = JurisdictionResolver.FromHeaders(Header, _geo, _consent);
        var context = ConsentPipeline.Build(signals, jurisdiction, _consent, time);
        return ConsentDecisions.AllowsEcCreation(context) ? ec : null;
    }
}
