using TrustedServer.Core.Configuration;

namespace TrustedServer.Hosting.Proxy;

/// <summary>
/// The scheme and host the visitor used, which rewriting maps origin URLs to. The host is the <c>Host</c> the client
/// sent (with its port); forwarding headers never change it. The scheme comes from <c>X-Forwarded-Proto</c> only when
/// the client is a trusted proxy.
/// </summary>
/// <param name="Scheme">"http" or "https".</param>
/// <param name="Host">The request host with its port, e.g. <c>www.example.com</c> or <c>localhost:8080</c>.</param>
public sealed record RequestOrigin(string Scheme, string Host)
{
    /// <summary>The origin of <paramref name="context"/>'s request under <paramref name="proxy"/>'s trust rules.</summary>
    public static RequestOrigin For(HttpContext context, ProxyOptions proxy)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(proxy);
        var scheme = context.Request.Scheme;
        if (proxy.IsTrusted(context.Connection.RemoteIpAddress))
        {
            var forwarded = context.Request.Headers["X-Forwarded-Proto"].ToString();
            var first = forwarded.Split(',')[0].Trim().ToLowerInvariant();
            if (first is "http" or "https")
            {
                scheme = first;
            }
        }

        return new RequestOrigin(scheme, context.Request.Host.Value ?? string.Empty);
    }
}
