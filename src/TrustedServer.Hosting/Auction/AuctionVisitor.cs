using TrustedServer.Core.Auction;
using TrustedServer.Core.Configuration;
using TrustedServer.Hosting.EdgeCookie;
using TrustedServer.Hosting.Proxy;
using TrustedServer.Privacy.Consent;

namespace TrustedServer.Hosting.Auction;

/// <summary>
/// The visitor's side of an auction, shared by <c>POST /auction</c> and the page auctions: the consent context from
/// the request's cookies, headers and jurisdiction, and the <see cref="AuctionRequest"/> with the device, geo and the
/// consent signals to forward.
/// </summary>
internal sealed class AuctionVisitor(TrustedServerOptions options, VisitorGeo geo, TimeProvider time)
{
    private readonly ConsentOptions _consent = options.Consent;

    public ConsentContext Consent(HttpContext context)
    {
        var request = context.Request;
        string? Header(string name) => request.Headers.TryGetValue(name, out var v) ? v.ToString() : null;
        var signals = ConsentSignals.FromRequest(name => request.Cookies[name], Header);
        return ConsentPipeline.Build(signals, geo.JurisdictionFor(context, _consent), _consent, time);
    }

    public AuctionRequest Request(HttpContext context, string id, IReadOnlyList<AdSlot> slots, string pageUrl, IReadOnlyDictionary<string, System.Text.Json.JsonElement> auctionContext, ConsentContext consent, string? ec, IReadOnlyList<Core.Auction.OpenRtb.Eid>? eids)
    {
        var headers = context.Request.Headers;
        var location = geo.Locate(context);
        var acceptLanguage = headers.AcceptLanguage.ToString();
        var visitor = VisitorRequest.For(context, options.Proxy);
        return new AuctionRequest
        {
            Id = id,
            Slots = slots,
            PublisherDomain = options.Publisher.Domain,
            PageUrl = pageUrl,
            RequestHost = visitor.Host is { Length: > 0 } host ? host : options.Publisher.Domain,
            RequestScheme = context.Request.Scheme,
            EcId = ec,
            Eids = eids,
            Context = auctionContext,
            Device = new AuctionDevice
            {
                UserAgent = headers.UserAgent.ToString() is { Length: > 0 } ua ? ua : null,
                Ip = visitor.ClientAddress?.ToString(),
                Country = location?.Country,
                Region = location?.Region,
                DoNotTrack = headers["DNT"].ToString().Trim() == "1",
                Language = PrimaryLanguage(acceptLanguage),
                AcceptLanguage = acceptLanguage.Length > 0 ? acceptLanguage : null,
            },
            Privacy = new AuctionPrivacy
            {
                Gdpr = consent.GdprApplies || consent.Jurisdiction.Kind == JurisdictionKind.Gdpr ? true
                    : consent.Jurisdiction.Kind == JurisdictionKind.Unknown ? null : false,
                TcString = consent.RawTcString,
                UsPrivacy = consent.RawUsPrivacy,
                Gpp = consent.RawGppString,
                GppSectionIds = consent.GppSectionIds,
                UsPrivacySynthesized = consent.Source == ConsentSource.PolicyDefault,
                AdditionalConsent = consent.RawAcString,
                Gpc = consent.Gpc,
            },
        };
    }

    /// <summary>The primary subtag of the first <c>Accept-Language</c> entry (<c>de-DE,de;q=0.9</c> gives <c>de</c>).</summary>
    internal static string? PrimaryLanguage(string acceptLanguage)
    {
        var first = acceptLanguage.AsSpan();
        var end = first.IndexOfAny(',', ';');
        first = (end >= 0 ? first[..end] : first).Trim();
        var dash = first.IndexOf('-');
        var primary = dash >= 0 ? first[..dash] : first;
        foreach (var c in primary)
        {
            if (!char.IsAsciiLetter(c))
            {
                return null;
            }
        }

        return primary.Length is >= 2 and <= 3 ? primary.ToString().ToLowerInvariant() : null;
    }
}
