using TrustedServer.Core.Auction.Providers.AdServerMock;
using TrustedServer.Core.Auction.Providers.Aps;
using TrustedServer.Core.Auction.Providers.PrebidServer;

namespace TrustedServer.Core.Auction;

/// <summary>
/// The one registration point of auction providers: the configuration is checked against these names and the
/// orchestrator is built from them. A new provider is one class, one options section and one line here.
/// </summary>
public static class AuctionProviderCatalog
{
    /// <summary>Every provider, by name.</summary>
    public static IReadOnlyList<AuctionProviderRegistration> All { get; } =
    [
        new("prebid", o => o.Prebid.Enabled, false, c => new PrebidServerProvider(c.Options.Auction.Prebid, c.Options.Auction.MaxResponseBytes, c.Signer, c.Handler)),
        new("aps", o => o.Aps.Enabled, false, c => new ApsProvider(c.Options.Auction.Aps, c.Options.Publisher.Domain, c.Options.Auction.MaxResponseBytes, c.Handler)),
        new("adserver_mock", o => o.AdServerMock.Enabled, true, c => new AdServerMockMediator(c.Options.Auction.AdServerMock, c.Options.Auction.MaxResponseBytes, c.Handler)),
    ];

    /// <summary>The names a configuration may use.</summary>
    public static IReadOnlyList<string> Names { get; } = [.. All.Select(r => r.Name)];

    /// <summary>The registration of <paramref name="name"/>, or null.</summary>
    public static AuctionProviderRegistration? Find(string name) => All.FirstOrDefault(r => r.Name == name);

    /// <summary>Builds the orchestrator of a validated configuration with <c>[auction] enabled</c>.</summary>
    public static AuctionOrchestrator CreateOrchestrator(AuctionProviderContext context, TimeProvider? time = null, AuctionMetrics? metrics = null)
    {
        ArgumentNullException.ThrowIfNull(context);
        var auction = context.Options.Auction;
        var providers = auction.Providers.Select(name => (IAuctionProvider)Find(name)!.Create(context)).ToList();
        var mediator = auction.Mediator is { } m ? (IAuctionMediator)Find(m)!.Create(context) : null;
        return new AuctionOrchestrator(providers, mediator, auction.Timeout, mediator is null ? null : auction.AdServerMock.PriceFloor, time, metrics);
    }
}
