namespace TrustedServer.Core.SignedUrls;

/// <summary>Outcome of verifying a signed first-party URL.</summary>
public enum SignedUrlStatus
{
    /// <summary>Signature good, not expired, target is an absolute http(s) URL.</summary>
    Valid,

    /// <summary><c>tsurl</c> or <c>tstoken</c> is absent (400).</summary>
    Missing,

    /// <summary>The token does not match the URL (403).</summary>
    BadSignature,

    /// <summary><c>tsexp</c> lies in the past (410).</summary>
    Expired,

    /// <summary>A correctly signed <c>tsexp</c> that is not an unsigned integer (400).</summary>
    InvalidExpiry,

    /// <summary>A correctly signed <c>tsurl</c> that is not an absolute http(s) URL (403).</summary>
    InvalidTarget,
}
