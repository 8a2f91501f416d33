namespace TrustedServer.Hosting.Integrations;

/// <summary>Builds an upstream URL from a configured origin and the part of the request path after a route prefix,
/// keeping the path's escaping and the query as the client sent them.</summary>
internal static class UpstreamPath
{
    /// <summary><paramref name="origin"/> (ending in <c>/</c>) + <paramref name="upstreamPrefix"/> + the request path
    /// after <paramref name="routePrefix"/> + the request query.</summary>
    public static Uri Build(Uri origin, string upstreamPrefix, HttpRequest request, string routePrefix)
    {
        var path = request.Path.ToUriComponent();
        var rest = path.Length > routePrefix.Length ? path[routePrefix.Length..].TrimStart('/') : string.Empty;
        return new Uri(origin, upstreamPrefix + rest + request.QueryString.ToUriComponent());
    }
}
