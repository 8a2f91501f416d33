using TrustedServer.Core.Configuration;
using TrustedServer.Hosting.EdgeCookie;
using TrustedServer.Privacy.Consent;
using TrustedServer.Privacy.EdgeCookie;

namespace TrustedServer.Hosting.FirstParty;

/// <summary>
/// Decides whether <c>ts-ec</c> travels to a third party: only when the request carries a valid EC cookie and the
/// visitor's consent (jurisdiction from <see cref="VisitorGeo"/>) allows the EC, under the configured <c>[consent]</c>.
/// </summary>
internal sealed class EcQueryGate(TrustedServerOptions options, VisitorGeo geo, TimeProvider time)
{
    public const string CookieName = EcCookie.Name;

    private readonly ConsentOptions _consent = options.Consent;

    /// <summary>The EC to append, or null.</summary>
    public string? EcFor(HttpContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var request = context.Request;
        var ec = EcCookie.ReadValid(request.Cookies[CookieName]);
        if (ec is null)
        {
            return null;
        }

        string? Header(string name) => request.Headers.TryGetValue(name, out var v) ? v.ToString() : null;
        var signals = ConsentSignals.FromRequest(name => request.Cookies[name], Header);
        var jurisdiction = geo.JurisdictionFor(context, _consent);
        var consent = ConsentPipeline.Build(signals, jurisdiction, _consent, time);
        return ConsentDecisions.AllowsEcCreation(consent) ? ec : null;
    }
}
