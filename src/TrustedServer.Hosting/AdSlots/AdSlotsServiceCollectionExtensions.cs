using Microsoft.Extensions.DependencyInjection.Extensions;
using TrustedServer.Core.Auction;
using TrustedServer.Core.Configuration;
using TrustedServer.Hosting.Auction;

namespace TrustedServer.Hosting.AdSlots;

/// <summary>Registers the page auctions when <c>[creative_opportunities]</c> has slots; the route is always mapped.</summary>
internal static class AdSlotsServiceCollectionExtensions
{
    public static IServiceCollection AddTrustedServerAdSlots(this IServiceCollection services, TrustedServerOptions options)
    {
        if (options.CreativeOpportunities is { Slots.Count: > 0 })
        {
            services.TryAddSingleton(sp => new PageAuctions(
                options,
                sp.GetRequiredService<AuctionVisitor>(),
                sp.GetRequiredService<AuctionCreatives>(),
                sp.GetRequiredService<AuctionMetrics>(),
                sp.GetRequiredService<TimeProvider>(),
                sp,
                sp.GetRequiredService<ILogger<PageAuctions>>(),
                sp.GetService<AuctionOrchestrator>()));
        }

        return services;
    }

    public static IEndpointRouteBuilder MapTrustedServerAdSlots(this IEndpointRouteBuilder endpoints)
    {
        PageBidsEndpoint.Map(endpoints);
        return endpoints;
    }
}
