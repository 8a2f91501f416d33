namespace TrustedServer.Core.Ssrf;

/// <summary>Why an outbound target (initial or a redirect hop) is refused; <see cref="None"/> means allowed.</summary>
public enum TargetRefusal
{
    /// <summary>The target is allowed.</summary>
    None,

    /// <summary>Not an absolute URL.</summary>
    NotAbsolute,

    /// <summary>Scheme other than http or https.</summary>
    Scheme,

    /// <summary>Port not in the allowed set (80 and 443 unless configured).</summary>
    Port,

    /// <summary>URL carries user information.</summary>
    UserInfo,

    /// <summary>Host not on <c>[proxy] allowed_domains</c>.</summary>
    Domain,

    /// <summary>Host is an IP literal (or resolves to an address) that is not public.</summary>
    PrivateAddress,

    /// <summary>More than <see cref="RedirectPolicy.MaxRedirects"/> redirects.</summary>
    TooManyRedirects,

    /// <summary>A redirect without a usable <c>Location</c>.</summary>
    BadRedirect,
}
