namespace TrustedServer.Core.Rewriting.Integrations.GoogleTagManager;

/// <summary>Google's tag and Analytics hosts and the first-party route prefix that stands in for them.</summary>
public static class GtmHosts
{
    /// <summary>The integration's route prefix.</summary>
    public const string Prefix = "/integrations/google_tag_manager";

    /// <summary>Where <c>gtm.js</c> and <c>gtag/js</c> live.</summary>
    public const string TagHost = "www.googletagmanager.com";

    /// <summary>Where Analytics beacons go.</summary>
    public const string AnalyticsHost = "www.google-analytics.com";
}
