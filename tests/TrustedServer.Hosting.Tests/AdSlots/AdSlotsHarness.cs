using System.Net.Http.Headers;
using TrustedServer.Core.Auction;
using TrustedServer.Core.Configuration;
using TrustedServer.Hosting.Tests.Auction;
using TrustedServer.Hosting.Tests.Infrastructure;

namespace TrustedServer.Hosting.Tests.AdSlots;

/// <summary>The real app with publisher rewriting, <c>[creative_opportunities]</c> slots and a loopback Prebid Server.</summary>
internal static class AdSlotsHarness
{
    public const string BidderAdm = "<div class=\"creative\">ad</div>";

    public static CreativeOpportunitiesOptions Slots(int? timeoutMs = null) => new()
    {
        GamNetworkId = "1234",
        SectionRoot = "home",
        AuctionTimeout = timeoutMs is { } ms ? TimeSpan.FromMilliseconds(ms) : null,
        Slots =
        [
            new CreativeSlotOptions { Id = "top", DivId = "ad-top", GamUnitPath = "/{network_id}/site/{section}", PagePatterns = ["/", "/news", "/news/*"], Formats = [new AdFormat(728, 90)], Targeting = new Dictionary<string, string> { ["pos"] = "top" } },
            new CreativeSlotOptions { Id = "side", DivId = "ad-side", PagePatterns = ["/news/*"], Formats = [new AdFormat(300, 250)] },
        ],
    };

    public static TrustedServerOptions Options(Uri origin, FakeBidder bidder, CreativeOpportunitiesOptions? slots = null, Func<TrustedServerOptions, TrustedServerOptions>? more = null)
    {
        var options = TestOptions.For(origin) with
        {
            Geo = new GeoOptions { CountryHeader = "X-Geo-Country", RegionHeader = "X-Geo-Region" },
            Auction = new AuctionOptions { Enabled = true, Providers = ["prebid"], Prebid = AuctionHarness.Prebid(bidder), Timeout = TimeSpan.FromSeconds(3) },
            CreativeOpportunities = slots ?? Slots(),
        };
        return more is null ? options : more(options);
    }

    /// <summary>A bidder that bids on every slot it is asked for, after <paramref name="delay"/>.</summary>
    public static Task<FakeBidder> BidderAsync(TimeSpan delay = default, double price = 2.5) =>
        FakeBidder.StartAsync(r =>
        {
            var imps = r.Json["imp"]!.AsArray().Select(i => (string)i!["id"]!).ToArray();
            return new FakeAnswer(Body: FakeBidder.Response("x", [.. imps.Select(imp => (imp, price, "appnexus", (string?)BidderAdm))]), Delay: delay);
        });

    public static Task<ProxyServer> StartAsync(TrustedServerOptions options) => ProxyServer.StartAsync(options, rewriting: true);

    /// <summary>A browser's top-level navigation.</summary>
    public static HttpRequestMessage Navigation(string path, string country = "US")
    {
        var request = new HttpRequestMessage(HttpMethod.Get, path);
        request.Headers.TryAddWithoutValidation("Sec-Fetch-Mode", "navigate");
        request.Headers.TryAddWithoutValidation("Sec-Fetch-Dest", "document");
        request.Headers.TryAddWithoutValidation("Accept", "text/html,application/xhtml+xml");
        request.Headers.TryAddWithoutValidation("X-Geo-Country", country);
        request.Headers.UserAgent.Add(new ProductInfoHeaderValue("TestBrowser", "1.0"));
        return request;
    }

    public static string Between(string text, string start, string end)
    {
        var from = text.IndexOf(start, StringComparison.Ordinal);
        Assert.True(from >= 0, $"\"{start}\" not found");
        from += start.Length;
        return text[from..text.IndexOf(end, from, StringComparison.Ordinal)];
    }
}
