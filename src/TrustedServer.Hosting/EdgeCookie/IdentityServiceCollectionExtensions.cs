using Microsoft.Extensions.DependencyInjection.Extensions;
using TrustedServer.Core.Configuration;
using TrustedServer.Hosting.EdgeCookie.Storage;
using TrustedServer.Hosting.Finalization;
using TrustedServer.Privacy.EdgeCookie.Storage;

namespace TrustedServer.Hosting.EdgeCookie;

/// <summary>Registers the Edge Cookie identity: the store, the finalizer and the partner and admin routes.</summary>
public static class IdentityServiceCollectionExtensions
{
    /// <summary>
    /// When <c>[ec] enabled</c>: the identity store from <c>[ec] store</c> (one per app, disposed with it; register
    /// another <see cref="IIdentityStore"/> first to replace it), the Edge Cookie finalizer and the partner registry.
    /// </summary>
    public static IServiceCollection AddTrustedServerIdentity(this IServiceCollection services, TrustedServerOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var settings = new IdentitySettings(options);
        if (!settings.Enabled)
        {
            return services;
        }

        services.TryAddSingleton(TimeProvider.System);
        VisitorGeo.Register(services, options);
        services.AddSingleton(settings);
        services.TryAddSingleton<IIdentityStore>(sp => IdentityStoreFactory.Create(
            options.Ec.Store,
            sp.GetRequiredService<TimeProvider>(),
            logger: sp.GetRequiredService<ILoggerFactory>().CreateLogger("TrustedServer.Hosting.Storage")));
        services.AddSingleton<PartnerRegistry>();
        services.AddRateLimiter(limiter =>
        {
            limiter.RejectionStatusCode = StatusCodes.Status429TooManyRequests;
            limiter.AddPolicy<string, BatchSyncRateLimitPolicy>(BatchSyncRateLimitPolicy.Name);
        });
        services.AddSingleton<IResponseFinalizer, EdgeCookieFinalizer>();
        return services;
    }

    /// <summary>
    /// The ASP.NET Core rate limiter (after routing, before the endpoints) when the identity is enabled: it enforces the
    /// per-partner batch-sync limits.
    /// </summary>
    public static IApplicationBuilder UseTrustedServerIdentity(this IApplicationBuilder app)
    {
        ArgumentNullException.ThrowIfNull(app);
        if (app.ApplicationServices.GetService<IdentitySettings>() is { Enabled: true })
        {
            app.UseRateLimiter();

            // RateLimitingMiddleware never disposes the partitioned limiter it creates, and that limiter's timer keeps the
            // middleware, its next delegate, the whole pipeline and the service provider reachable after the app is
            // disposed (a known ASP.NET Core bug). Its next goes through a link that shutdown cuts, so only the middleware
            // and its small limiter stay behind.
            var lifetime = app.ApplicationServices.GetRequiredService<IHostApplicationLifetime>();
            app.Use(next =>
            {
                var link = new DetachableNext(next);
                lifetime.ApplicationStopped.Register(link.Detach);
                return link.InvokeAsync;
            });
        }

        return app;
    }

    private sealed class DetachableNext(RequestDelegate next)
    {
        private RequestDelegate? _next = next;

        public void Detach() => _next = null;

        public Task InvokeAsync(HttpContext context)
        {
            if (_next is { } next)
            {
                return next(context);
            }

            context.Response.StatusCode = StatusCodes.Status503ServiceUnavailable;
            return Task.CompletedTask;
        }
    }

    /// <summary>Maps identify, batch-sync and the admin lookup when the identity is enabled.</summary>
    public static IEndpointRouteBuilder MapTrustedServerIdentity(this IEndpointRouteBuilder endpoints)
    {
        ArgumentNullException.ThrowIfNull(endpoints);
        if (endpoints.ServiceProvider.GetService<IdentitySettings>() is { Enabled: true })
        {
            endpoints.MapPartnerApis();
            var options = endpoints.ServiceProvider.GetRequiredService<TrustedServerOptions>();
            if (AdminRoutes.FirstMatch(AdminRoutes.Effective(options), AdminRoutes.EdgeCookieProbe) >= 0)
            {
                endpoints.MapIdentityAdmin();
            }
        }

        return endpoints;
    }
}
