using Microsoft.Extensions.Primitives;
using TrustedServer.Core.Auction;
using TrustedServer.Privacy.EdgeCookie;

namespace TrustedServer.Hosting.Auction;

/// <summary>
/// The visitor's cookies a provider may forward: the <c>Cookie</c> header without the identifiers consent withheld from
/// the bid request (the Edge Cookie without EC consent; the EID cookies without EID consent), so a forwarded header
/// never carries an ID the OpenRTB body had to leave out.
/// </summary>
internal static class AuctionCookies
{
    private static readonly string[] EdgeCookie = [EcCookie.Name];
    private static readonly string[] EidCookies = [AuctionEids.CookieName, "sharedId"];
    private static readonly string[] Both = [.. EdgeCookie, .. EidCookies];

    public static string? Forwardable(StringValues cookieHeaders, bool ecAllowed, bool eidsAllowed)
    {
        // HTTP/2 may carry the cookies in several header fields; they form one list.
        var header = cookieHeaders.Count == 1 ? cookieHeaders[0] : string.Join("; ", cookieHeaders.ToArray());
        return (ecAllowed, eidsAllowed) switch
        {
            (true, true) => CookieHeader.Without(header, []),
            (false, true) => CookieHeader.Without(header, EdgeCookie),
            (true, false) => CookieHeader.Without(header, EidCookies),
            _ => CookieHeader.Without(header, Both),
        };
    }
}
