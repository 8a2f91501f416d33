using TrustedServer.Core.Configuration;

namespace TrustedServer.Hosting.AssetRoutes;

/// <summary>Finds the <c>[[proxy.asset_routes]]</c> entry for a path (the longest matching prefix) and builds its
/// origin URL: the path (or <c>target_path</c> when <c>path_pattern</c> matches), then the query unless stripped.</summary>
internal sealed class AssetRouteMatcher(IReadOnlyList<AssetRouteOptions> routes)
{
    private readonly AssetRouteOptions[] _routes = [.. routes.OrderByDescending(r => r.Prefix.Length)];

    public bool IsEmpty => _routes.Length == 0;

    /// <summary>The origin URL for <paramref name="escapedPath"/> (as sent, escaped) and <paramref name="query"/>
    /// (with <c>?</c>, or empty), or null when no route matches.</summary>
    public Uri? Target(string escapedPath, string query)
    {
        foreach (var route in _routes)
        {
            if (!escapedPath.StartsWith(route.Prefix, StringComparison.Ordinal))
            {
                continue;
            }

            var path = escapedPath;
            if (route.PathPattern is { } pattern)
            {
                try
                {
                    var match = pattern.Match(escapedPath);
                    if (match.Success)
                    {
                        path = match.Result(route.TargetPath!);
                    }
                }
                catch (System.Text.RegularExpressions.RegexMatchTimeoutException)
                {
                    // A pathological path keeps its own shape rather than holding the request.
                }
            }

            return new Uri(route.OriginUrl, path + (route.StripQuery ? string.Empty : query));
        }

        return null;
    }
}
