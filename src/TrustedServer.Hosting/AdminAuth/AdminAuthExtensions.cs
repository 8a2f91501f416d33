using TrustedServer.Core.Configuration;

namespace TrustedServer.Hosting.AdminAuth;

/// <summary>Puts the <c>[[handlers]]</c> in front of routing and keeps admin paths from ever reaching the origin.</summary>
public static class AdminAuthExtensions
{
    /// <summary>Adds the Basic-auth middleware when any handler is configured (the Edge Cookie shorthand included).</summary>
    public static IApplicationBuilder UseTrustedServerAdminAuth(this IApplicationBuilder app)
    {
        ArgumentNullException.ThrowIfNull(app);
        var options = app.ApplicationServices.GetRequiredService<TrustedServerOptions>();
        var handlers = BasicAuthMiddleware.Compile(options);
        if (handlers.Count > 0)
        {
            var compiled = handlers.ToArray();
            app.Use(next => new BasicAuthMiddleware(next, compiled).InvokeAsync);
        }

        return app;
    }

    /// <summary>
    /// Any <c>/_ts/admin/…</c> path without a route of its own, and the retired <c>/admin/keys/*</c> aliases, answer a
    /// local 404: the publisher fallback would otherwise forward them, Basic credentials included, to the origin.
    /// </summary>
    public static IEndpointRouteBuilder MapAdminPathGuard(this IEndpointRouteBuilder endpoints)
    {
        ArgumentNullException.ThrowIfNull(endpoints);
        endpoints.Map("/_ts/admin/{**rest}", NotFoundAsync);
        endpoints.Map("/_ts/admin", NotFoundAsync);
        endpoints.Map("/admin/keys/{**rest}", NotFoundAsync);
        return endpoints;
    }

    internal static Task NotFoundAsync(HttpContext context)
    {
        context.Response.StatusCode = StatusCodes.Status404NotFound;
        context.Response.Headers.CacheControl = "no-store";
        context.Response.ContentType = "text/plain; charset=utf-8";
        return context.Response.WriteAsync("Not found", context.RequestAborted);
    }
}
