namespace TrustedServer.Core.Rewriting.Integrations.Sourcepoint;

/// <summary>Sourcepoint's CDN host and the first-party route that stands in for it.</summary>
public static class SourcepointHosts
{
    /// <summary>The CDN.</summary>
    public const string CdnHost = "cdn.privacy-mgmt.com";

    /// <summary>The route prefix that proxies the CDN.</summary>
    public const string Prefix = "/integrations/sourcepoint/cdn";

    /// <summary>In the CDN host.</summary>
    public const string Anchor = "privacy-mgmt.com";

    /// <summary>The host map for <see cref="VendorHostTable"/>.</summary>
    public static IReadOnlyList<(string VendorHost, string LocalPath)> Map { get; } = [(CdnHost, Prefix)];
}
