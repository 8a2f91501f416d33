namespace TrustedServer.Core.Configuration;

/// <summary><c>[integrations.prebid] consent_forwarding</c>: where consent travels to Prebid Server.</summary>
public enum ConsentForwarding
{
    /// <summary><c>both</c>: the visitor's cookies are forwarded and consent is also in the OpenRTB body.</summary>
    Both = 0,

    /// <summary><c>openrtb_only</c>: consent only in the body; the consent cookies are removed from the forwarded ones.</summary>
    OpenRtbOnly = 1,

    /// <summary><c>cookies_only</c>: consent only in the forwarded cookies; what came from a cookie is left out of the body.</summary>
    CookiesOnly = 2,
}
