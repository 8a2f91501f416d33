using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using TrustedServer.Core.Auction;
using TrustedServer.Core.Auction.Providers.PrebidServer;
using TrustedServer.Hosting.Tests.Infrastructure;
using static TrustedServer.Hosting.Tests.AdSlots.AdSlotsHarness;

namespace TrustedServer.Hosting.Tests.AdSlots;

/// <summary>
/// A page auction whose provider throws (a bug, not a failed or slow answer): the page is whole and carries no bids
/// script; the throw is that provider's error, not the auction's (counted as an auction without bids), and another
/// provider's bids still reach the page.
/// </summary>
public sealed class ThrowingProviderTests
{
    private const string Page = "<!doctype html><html><head><title>News</title></head><body><div id=\"ad-top\"></div><p>story</p></body></html>";

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task A_provider_that_throws_leaves_a_clean_page_and_is_counted_as_that_providers_error(bool synchronously)
    {
        var ct = TestContext.Current.CancellationToken;
        await using var origin = await OriginServer.StartAsync(async context =>
        {
            context.Response.ContentType = "text/html; charset=utf-8";
            await context.Response.WriteAsync(Page, context.RequestAborted);
        });
        await using var bidder = await BidderAsync();
        var provider = new ThrowingProvider(synchronously);
        var logs = new CapturedLogs();
        await using var proxy = await ProxyServer.StartAsync(Options(origin.Url, bidder), s =>
        {
            s.AddSingleton(new AuctionOrchestrator([provider], null, TimeSpan.FromSeconds(3)));
            s.AddSingleton<ILoggerProvider>(logs);
        }, rewriting: true);

        using var response = await proxy.Client.SendAsync(Navigation("/news/a"), ct);
        var body = await response.Content.ReadAsStringAsync(ct);
        var metrics = await (await proxy.Client.SendAsync(proxy.MetricsRequest(), ct)).Content.ReadAsStringAsync(ct);

        Assert.Equal(200, (int)response.StatusCode);
        Assert.Equal(1, provider.Calls);
        Assert.Empty(bidder.Requests);

        // The slots went into the head before the auction ended; nothing else was added, the rest is the origin's.
        Assert.Contains("t.adSlots=", body, StringComparison.Ordinal);
        Assert.DoesNotContain("scheduleInitialAdInit", body, StringComparison.Ordinal);
        Assert.DoesNotContain("a provider bug", body, StringComparison.Ordinal);
        Assert.EndsWith("<body><div id=\"ad-top\"></div><p>story</p></body></html>", body, StringComparison.Ordinal);

        Assert.Matches("ts_page_auctions_total\\{[^}]*outcome=\"no_bid\"[^}]*\\} 1\\b", metrics);
        Assert.DoesNotMatch("ts_page_auctions_total\\{[^}]*outcome=\"(bid|error|timeout)\"", metrics);
        Assert.DoesNotContain(logs.Lines, l => l.Event.Id == 1803);
        Assert.DoesNotContain(logs.Lines, l => l.Level >= LogLevel.Error);
    }
    [Fact]
    public async Task A_provider_that_throws_does_not_cost_the_page_the_other_providers_bids()
    {
        var ct = TestContext.Current.CancellationToken;
        await using var origin = await OriginServer.StartAsync(async context =>
        {
            context.Response.ContentType = "text/html; charset=utf-8";
            await context.Response.WriteAsync(Page, context.RequestAborted);
        });
        await using var bidder = await BidderAsync();
        var options = Options(origin.Url, bidder);
        var thrower = new ThrowingProvider(synchronously: false, name: "aps");
        using var prebid = new PrebidServerProvider(options.Auction.Prebid, options.Auction.MaxResponseBytes);
        await using var proxy = await ProxyServer.StartAsync(options, s =>
            s.AddSingleton(new AuctionOrchestrator([thrower, prebid], null, TimeSpan.FromSeconds(3))), rewriting: true);

        using var response = await proxy.Client.SendAsync(Navigation("/news/a"), ct);
        var body = await response.Content.ReadAsStringAsync(ct);
        var metrics = await (await proxy.Client.SendAsync(proxy.MetricsRequest(), ct)).Content.ReadAsStringAsync(ct);

        Assert.Equal(200, (int)response.StatusCode);
        Assert.Equal(1, thrower.Calls);
        Assert.Single(bidder.Requests);

        // The bidder's bid reached the page, and the page auction counts as won.
        var bids = JsonNode.Parse(Between(body, "var b=", ";if(typeof t.scheduleInitialAdInit"))!.AsObject();
        Assert.Equal("appnexus", (string)bids["top"]!["hb_bidder"]!);
        Assert.Equal("2.50", (string)bids["top"]!["hb_pb"]!);
        Assert.EndsWith("</body></html>", body, StringComparison.Ordinal);
        Assert.Matches("ts_page_auctions_total\\{[^}]*outcome=\"bid\"[^}]*\\} 1\\b", metrics);
    }
}
