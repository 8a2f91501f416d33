using TrustedServer.Core.Configuration;
using TrustedServer.Hosting.AdminAuth;
using TrustedServer.Hosting.Observability;

namespace TrustedServer.Hosting.Listener;

/// <summary>
/// Before anything else, which listener may serve what. An admin listener (<c>[server] admin_urls</c>) serves
/// <c>/_ts/health</c>, <c>/_ts/metrics</c> and <c>/_ts/admin/*</c> and answers 404 to everything else, so the site is
/// never proxied there. On the public port <c>/_ts/metrics</c> needs <c>Authorization: Bearer</c> with
/// <c>[server] metrics_token</c>, and <c>/_ts/admin*</c> is 404 once an admin listener exists; each 404 is the same
/// local answer an unknown admin path gets.
/// </summary>
internal sealed class ListenerGate(RequestDelegate next, TrustedServerOptions options)
{
    private const string HealthPath = "/_ts/health";
    private const string AdminPrefix = "/_ts/admin";

    private readonly MetricsToken _token = new(options.Server.MetricsToken);
    private readonly bool _adminListener = options.Server.AdminUrls.Count > 0;

    public Task InvokeAsync(HttpContext context)
    {
        var path = context.Request.Path.Value ?? "/";
        var metrics = IsRoute(path, TelemetrySetup.MetricsPath);
        if (AdminListenerFeature.IsAdmin(context))
        {
            // Only routes answered here; anything that would fall through to the origin stops.
            var local = metrics || IsRoute(path, HealthPath) || IsRoute(path, AdminPrefix) || path.StartsWith(AdminPrefix + "/", StringComparison.OrdinalIgnoreCase);
            return local ? next(context) : AdminAuthExtensions.NotFoundAsync(context);
        }

        if (metrics && !_token.Accepts(context.Request.Headers.Authorization.ToString()))
        {
            return AdminAuthExtensions.NotFoundAsync(context);
        }

        // A plain prefix: "/_ts/admin%2Fec" and the like must not reach the origin either.
        if (_adminListener && path.StartsWith(AdminPrefix, StringComparison.OrdinalIgnoreCase))
        {
            return AdminAuthExtensions.NotFoundAsync(context);
        }

        return next(context);
    }

    /// <summary>The path routing matches to <paramref name="route"/>: itself, or with a trailing slash.</summary>
    private static bool IsRoute(string path, string route) =>
        path.StartsWith(route, StringComparison.OrdinalIgnoreCase) && (path.Length == route.Length || (path.Length == route.Length + 1 && path[^1] == '/'));
}
