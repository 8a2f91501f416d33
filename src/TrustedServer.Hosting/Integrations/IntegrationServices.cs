using Microsoft.Extensions.DependencyInjection.Extensions;
using TrustedServer.Core.Configuration;

namespace TrustedServer.Hosting.Integrations;

/// <summary>Registers the integrations, maps their routes and runs their request filters.</summary>
public static class IntegrationServices
{
    /// <summary>Registers the built-in integrations <paramref name="options"/> enables, the registry and the shared proxy.
    /// More <see cref="IIntegration"/> services may be added afterwards; they apply after the built-in ones.</summary>
    public static IServiceCollection AddTrustedServerIntegrations(this IServiceCollection services, TrustedServerOptions options)
    {
        foreach (var integration in IntegrationCatalog.Create(options))
        {
            services.AddSingleton(integration);
        }

        if (options.Integrations.GptDiagnostics.Enabled)
        {
            // The console's head injector reads the request's activation, which the page rewriting has no other way to see.
            services.AddHttpContextAccessor();
        }

        services.TryAddSingleton(sp => new IntegrationRegistry(sp.GetServices<IIntegration>()));
        services.TryAddSingleton(sp => new Tsjs.TsjsModuleSet(sp.GetRequiredService<IntegrationRegistry>()));
        services.TryAddSingleton(sp => new IntegrationProxy(
            options,
            sp.GetRequiredService<Delivery.ResponseDelivery>(),
            sp.GetRequiredService<FirstParty.FirstPartyNetwork>(),
            sp.GetRequiredService<ILogger<IntegrationProxy>>()));
        if (options.Integrations.DataDome.Enabled)
        {
            services.TryAddSingleton(sp => new DataDome.DataDomeProtection(
                options,
                sp.GetRequiredService<FirstParty.FirstPartyNetwork>(),
                sp.GetRequiredService<System.Diagnostics.Metrics.IMeterFactory>(),
                sp.GetRequiredService<ILogger<DataDome.DataDomeProtection>>()));
        }

        return services;
    }

    /// <summary>Runs the pre-route request filters (only when an integration has one).</summary>
    public static IApplicationBuilder UseTrustedServerIntegrationFilters(this IApplicationBuilder app)
    {
        ArgumentNullException.ThrowIfNull(app);
        return app.ApplicationServices.GetRequiredService<IntegrationRegistry>().RequestFilters.Count > 0
            ? app.UseMiddleware<RequestFilterMiddleware>()
            : app;
    }

    /// <summary>Maps every integration's routes.</summary>
    public static void MapTrustedServerIntegrations(this IEndpointRouteBuilder endpoints)
    {
        ArgumentNullException.ThrowIfNull(endpoints);
        foreach (var route in endpoints.ServiceProvider.GetRequiredService<IntegrationRegistry>().Routes)
        {
            endpoints.MapMethods(route.Pattern, route.Methods, route.Handler);
        }
    }
}
