using Microsoft.Extensions.DependencyInjection.Extensions;

namespace TrustedServer.Hosting.Readiness;

/// <summary>Registers the readiness check.</summary>
public static class ReadinessServiceCollectionExtensions
{
    /// <summary>The lifetime tracking and the <c>/_ts/ready</c> endpoint; add <see cref="IReadinessProbe"/> singletons to extend it.</summary>
    public static IServiceCollection AddTrustedServerReadiness(this IServiceCollection services)
    {
        services.TryAddSingleton<ReadinessState>();
        services.TryAddSingleton<ReadinessEndpoint>();
        return services;
    }
}
