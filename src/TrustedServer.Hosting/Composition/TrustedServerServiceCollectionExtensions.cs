using Microsoft.Extensions.DependencyInjection.Extensions;
using TrustedServer.Core.Configuration;
using TrustedServer.Core.Rewriting.Publisher;
using TrustedServer.Hosting.AdSlots;
using TrustedServer.Hosting.Auction;
using TrustedServer.Hosting.Delivery;
using TrustedServer.Hosting.EdgeCookie;
using TrustedServer.Hosting.Extensibility;
using TrustedServer.Hosting.Finalization;
using TrustedServer.Hosting.FirstParty;
using TrustedServer.Hosting.Integrations;
using TrustedServer.Hosting.Observability;
using TrustedServer.Hosting.Proxy;
using TrustedServer.Hosting.Publisher;
using TrustedServer.Hosting.Readiness;
using TrustedServer.Hosting.RequestSigning;

namespace TrustedServer.Hosting.Composition;

/// <summary>Registers the server's services.</summary>
public static class TrustedServerServiceCollectionExtensions
{
    /// <summary>
    /// Adds the publisher proxy and response finalisation. Replace the defaults by registering another
    /// <see cref="IBodyTransformFactory"/> or <see cref="IResponseHeaderRewriter"/> afterwards; add
    /// <see cref="IResponseFinalizer"/> and <see cref="IHtmlPostProcessor"/> implementations to extend.
    /// </summary>
    public static IServiceCollection AddTrustedServer(this IServiceCollection services, TrustedServerOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        services.AddSingleton(options);
        services.AddHttpForwarder();
        services.AddMetrics();
        TelemetrySetup.AddTelemetry(services, options);
        services.TryAddSingleton<TrustedServerMetrics>();
        services.AddTrustedServerIntegrations(options);
        services.TryAddSingleton(sp => PublisherMapping.CreateRewriter(options, sp.GetServices<IPublisherHtmlIntegration>(), sp.GetRequiredService<IntegrationRegistry>().Hooks, sp.GetRequiredService<Tsjs.TsjsModuleSet>().ScriptTags));
        services.TryAddSingleton<IBodyTransformFactory, PublisherBodyTransformFactory>();
        services.TryAddSingleton<IResponseHeaderRewriter, PublisherResponseHeaderRewriter>();
        services.TryAddSingleton<ResponseDelivery>();
        services.TryAddSingleton<ProxyLoopGuard>();
        services.TryAddSingleton<PublisherTransformer>();
        services.TryAddSingleton<PublisherForwarder>();
        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton(new FirstPartyNetwork());
        services.TryAddSingleton<FirstPartySigning>();
        VisitorGeo.Register(services, options);
        services.TryAddSingleton<EcQueryGate>();
        services.TryAddSingleton<FirstPartyProxy>();
        services.TryAddSingleton<FirstPartyEndpoints>();
        services.AddSingleton<IResponseFinalizer, VersionHeaderFinalizer>();
        services.AddSingleton<IResponseFinalizer, OperatorHeadersFinalizer>();
        services.AddTrustedServerIdentity(options);
        services.AddTrustedServerSigning(options);
        services.AddTrustedServerAuction(options);
        services.AddTrustedServerAdSlots(options);
        services.AddTrustedServerReadiness();
        return services;
    }
}
