using System.Net;
using TrustedServer.Core.Configuration;
using TrustedServer.Privacy.Consent;

namespace TrustedServer.Privacy.EdgeCookie;

/// <summary>
/// The Edge Cookie lifecycle decision for one request, from its method, headers, cookies, client IP and
/// jurisdiction. Pure apart from the random ID suffix: the hosting glue performs the store writes and sends
/// the <c>Set-Cookie</c> value it returns.
/// </summary>
public static class EcDecider
{
    /// <summary>Decides what to do with the Edge Cookie, reading the time from <paramref name="time"/>.</summary>
    public static EcDecision Decide(
        string method,
        Func<string, string?> header,
        Func<string, string?> cookie,
        IPAddress? clientIp,
        Jurisdiction jurisdiction,
        EcRouteKind route,
        EcOptions ec,
        string publisherDomain,
        ConsentOptions consent,
        TimeProvider time)
    {
        ArgumentNullException.ThrowIfNull(time);
        return Decide(method, header, cookie, clientIp, jurisdiction, route, ec, publisherDomain, consent, time.GetUtcNow());
    }

    /// <summary>Decides what to do with the Edge Cookie.</summary>
    /// <param name="method">The HTTP method.</param>
    /// <param name="header">Returns a request header by name (case-insensitive), or null.</param>
    /// <param name="cookie">Returns a request cookie by name, or null.</param>
    /// <param name="clientIp">The trusted client address, or null when unknown.</param>
    /// <param name="jurisdiction">The visitor's jurisdiction.</param>
    /// <param name="route">Whether the route may mint.</param>
    /// <param name="ec">Edge Cookie configuration.</param>
    /// <param name="publisherDomain">The cookie's Domain without its leading dot: <c>[ec] cookie_domain</c>, else <c>[publisher] domain</c>.</param>
    /// <param name="consent">Consent configuration.</param>
    /// <param name="now">The current time (from a <see cref="TimeProvider"/>), for consent expiry.</param>
    public static EcDecision Decide(
        string method,
        Func<string, string?> header,
        Func<string, string?> cookie,
        IPAddress? clientIp,
        Jurisdiction jurisdiction,
        EcRouteKind route,
        EcOptions ec,
        string publisherDomain,
        ConsentOptions consent,
        DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(header);
        ArgumentNullException.ThrowIfNull(cookie);
        ArgumentNullException.ThrowIfNull(ec);
        var ctx = ConsentPipeline.Build(ConsentSignals.FromRequest(cookie, header), jurisdiction, consent, now);
        var rawCookie = cookie(EcCookie.Name);
        var existing = EcCookie.ReadValid(rawCookie);
        var realBrowser = RequestClassifier.IsRealBrowser(header("User-Agent"), ec.Ja4Header is null ? null : header(ec.Ja4Header));

        if (ConsentDecisions.HasExplicitEcWithdrawal(ctx))
        {
            return string.IsNullOrEmpty(rawCookie)
                ? Result(EcDecisionKind.None, ctx, realBrowser, "withdrawal without a cookie")
                : Result(EcDecisionKind.Withdraw, ctx, realBrowser, "explicit withdrawal", existing, EcCookie.BuildExpire(publisherDomain, ec));
        }

        if (!ConsentDecisions.AllowsEcCreation(ctx))
        {
            return Result(EcDecisionKind.None, ctx, realBrowser, "consent not granted");
        }

        if (existing is not null)
        {
            return Result(EcDecisionKind.Keep, ctx, realBrowser, "returning visitor", existing);
        }

        var refusal = MintRefusal(method, header, clientIp, route, ec, realBrowser);
        if (refusal is not null)
        {
            return Result(EcDecisionKind.None, ctx, realBrowser, refusal);
        }

        var id = EcId.Generate(ec.Passphrase ?? string.Empty, clientIp!);
        return Result(EcDecisionKind.Mint, ctx, realBrowser, "minted", id, EcCookie.BuildSet(id, publisherDomain, ec));
    }

    private static string? MintRefusal(string method, Func<string, string?> header, IPAddress? clientIp, EcRouteKind route, EcOptions ec, bool realBrowser)
    {
        if (route != EcRouteKind.Organic)
        {
            return "route never mints";
        }

        // Navigations are GET (links, address bar) or POST (form submissions); HEAD carries no page to identify.
        if (!HttpMethodIs(method, "GET") && !HttpMethodIs(method, "POST"))
        {
            return "method is not a navigation method";
        }

        if (!RequestClassifier.IsNavigation(header("Sec-Fetch-Dest"), header("Accept")))
        {
            return "not a document navigation";
        }

        if (!realBrowser)
        {
            return "bot gate";
        }

        if (clientIp is null)
        {
            return "client IP unknown";
        }

        return string.IsNullOrWhiteSpace(ec.Store) ? "no identity store configured" : null;
    }

    private static bool HttpMethodIs(string method, string expected) => string.Equals(method, expected, StringComparison.OrdinalIgnoreCase);

    private static EcDecision Result(EcDecisionKind kind, ConsentContext ctx, bool realBrowser, string reason, string? id = null, string? setCookie = null) =>
        new() { Kind = kind, Consent = ctx, IsRealBrowser = realBrowser, Reason = reason, Id = id, SetCookie = setCookie };
}
