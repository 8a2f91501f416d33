namespace TrustedServer.Core.Rewriting.Integrations.Didomi;

/// <summary>Didomi's SDK and API hosts.</summary>
public static class DidomiHosts
{
    /// <summary>Where <c>loader.js</c> and the SDK's chunks live.</summary>
    public const string SdkHost = "sdk.privacy-center.org";

    /// <summary>Where the SDK sends consent events.</summary>
    public const string ApiHost = "api.privacy-center.org";

    /// <summary>In every Didomi host.</summary>
    public const string Anchor = "privacy-center.org";

    /// <summary>The vendor hosts and the first-party paths that stand in for them under <paramref name="proxyPath"/>.</summary>
    public static IReadOnlyList<(string VendorHost, string LocalPath)> Map(string proxyPath) =>
        [(ApiHost, proxyPath + "/api"), (SdkHost, proxyPath)];
}
