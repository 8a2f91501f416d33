namespace TrustedServer.Core.SignedUrls;

/// <summary>Which first-party endpoint a signed URL points at.</summary>
public enum FirstPartyRoute
{
    /// <summary><c>/first-party/proxy</c>: the asset is fetched through us.</summary>
    Proxy,

    /// <summary><c>/first-party/click</c>: the visitor is redirected to the target.</summary>
    Click,
}
