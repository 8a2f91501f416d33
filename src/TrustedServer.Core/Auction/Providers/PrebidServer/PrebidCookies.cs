using TrustedServer.Core.Configuration;

namespace TrustedServer.Core.Auction.Providers.PrebidServer;

/// <summary>The <c>Cookie</c> header sent to Prebid Server under <c>consent_forwarding</c>.</summary>
internal static class PrebidCookies
{
    /// <summary>The cookies the consent pipeline reads: TCF, GPP, its section ids, US Privacy and Google's AC string.</summary>
    public static readonly string[] ConsentCookies = ["euconsent-v2", "__gpp", "__gpp_sid", "us_privacy", "addtl_consent"];

    /// <summary>The visitor's cookies as the endpoint passed them on; in <c>openrtb_only</c> without the consent cookies.</summary>
    public static string? Header(string? cookies, ConsentForwarding mode) =>
        mode == ConsentForwarding.OpenRtbOnly ? CookieHeader.Without(cookies, ConsentCookies) : cookies;
}
