using Microsoft.Extensions.DependencyInjection.Extensions;
using TrustedServer.Core.Auction;
using TrustedServer.Core.Configuration;

namespace TrustedServer.Hosting.Auction;

/// <summary>Registers <c>POST /auction</c> and, when <c>[auction] enabled</c>, the orchestrator built from the provider catalog.</summary>
internal static class AuctionServiceCollectionExtensions
{
    /// <summary>
    /// A registered <see cref="IBidRequestSigner"/> signs the Prebid Server requests; a registered
    /// <see cref="HttpMessageHandler"/> factory is not used: providers keep their own connection pools.
    /// </summary>
    public static IServiceCollection AddTrustedServerAuction(this IServiceCollection services, TrustedServerOptions options)
    {
        services.TryAddSingleton<AuctionCreatives>();
        services.TryAddSingleton<AuctionMetrics>();
        if (options.Auction.Enabled)
        {
            services.TryAddSingleton(sp => AuctionProviderCatalog.CreateOrchestrator(
                new AuctionProviderContext(options, sp.GetService<IBidRequestSigner>()),
                sp.GetRequiredService<TimeProvider>(),
                sp.GetRequiredService<AuctionMetrics>()));
        }

        services.TryAddSingleton<AuctionVisitor>();
        services.TryAddSingleton(sp => new AuctionEndpoint(
            options,
            sp.GetRequiredService<AuctionVisitor>(),
            sp.GetRequiredService<AuctionCreatives>(),
            sp,
            sp.GetRequiredService<ILogger<AuctionEndpoint>>(),
            sp.GetRequiredService<AuctionMetrics>(),
            sp.GetService<AuctionOrchestrator>()));
        return services;
    }
}
