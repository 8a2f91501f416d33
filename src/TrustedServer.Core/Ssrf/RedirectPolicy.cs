namespace TrustedServer.Core.Ssrf;

/// <summary>
/// Redirect following for the first-party proxy: at most <see cref="MaxRedirects"/> hops, 301/302/303/307/308 only,
/// 303 switches to GET, and every hop is re-checked against the <see cref="ProxyTargetPolicy"/>. The outbound handler
/// must not follow redirects itself (<see cref="GuardedHttpHandlerFactory"/> turns that off).
/// </summary>
public static class RedirectPolicy
{
    /// <summary>The most redirects followed for one proxied request.</summary>
    public const int MaxRedirects = 4;

    /// <summary>True for the status codes that are followed.</summary>
    public static bool IsRedirect(int statusCode) => statusCode is 301 or 302 or 303 or 307 or 308;

    /// <summary>
    /// Decides the next hop after a redirect response. <paramref name="redirectsSoFar"/> counts redirects already
    /// followed. On success <paramref name="next"/> is the absolute next URL and <paramref name="nextMethod"/> its method.
    /// </summary>
    public static TargetRefusal TryNextHop(
        ProxyTargetPolicy policy,
        Uri current,
        int statusCode,
        string? location,
        int redirectsSoFar,
        HttpMethod method,
        out Uri? next,
        out HttpMethod nextMethod)
    {
        ArgumentNullException.ThrowIfNull(policy);
        ArgumentNullException.ThrowIfNull(current);
        ArgumentNullException.ThrowIfNull(method);
        next = null;
        nextMethod = method;
        if (!IsRedirect(statusCode) || string.IsNullOrWhiteSpace(location) ||
            !Uri.TryCreate(current, location.Trim(), out var candidate))
        {
            return TargetRefusal.BadRedirect;
        }

        if (redirectsSoFar >= MaxRedirects)
        {
            return TargetRefusal.TooManyRedirects;
        }

        var refusal = policy.Check(candidate);
        if (refusal != TargetRefusal.None)
        {
            return refusal;
        }

        if (statusCode == 303 && method != HttpMethod.Head)
        {
            nextMethod = HttpMethod.Get;
        }

        // A fragment is never sent; drop it so the next request line is exactly what gets checked.
        next = string.IsNullOrEmpty(candidate.Fragment) ? candidate : new UriBuilder(candidate) { Fragment = string.Empty }.Uri;
        return TargetRefusal.None;
    }
}
