using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Http;
using TrustedServer.Hosting.Tests.Infrastructure;
using static TrustedServer.Hosting.Tests.AdSlots.AdSlotsHarness;

namespace TrustedServer.Hosting.Tests.AdSlots;

/// <summary><c>GET /_ts/page-bids</c>: who may ask, the answer's shape and headers, and that it never reaches the origin.</summary>
public sealed class PageBidsEndpointTests
{
    private static async Task<(OriginServer Origin, Func<int> OriginHits)> OriginAsync()
    {
        var hits = 0;
        var origin = await OriginServer.StartAsync(async context =>
        {
            Interlocked.Increment(ref hits);
            context.Response.ContentType = "text/html";
            await context.Response.WriteAsync("<html><body>origin</body></html>", context.RequestAborted);
        });
        return (origin, () => Volatile.Read(ref hits));
    }

    private static HttpRequestMessage Get(string query, string? fetchSite = "same-origin", bool sdkHeader = false, HttpMethod? method = null)
    {
        var request = new HttpRequestMessage(method ?? HttpMethod.Get, "/_ts/page-bids" + query);
        if (fetchSite is not null)
        {
            request.Headers.TryAddWithoutValidation("Sec-Fetch-Site", fetchSite);
        }

        if (sdkHeader)
        {
            request.Headers.TryAddWithoutValidation("X-TSJS-Page-Bids", "1");
        }

        request.Headers.TryAddWithoutValidation("X-Geo-Country", "US");
        return request;
    }

    [Fact]
    public async Task A_same_origin_request_gets_the_slots_and_bids_of_the_path()
    {
        var ct = TestContext.Current.CancellationToken;
        var (origin, hits) = await OriginAsync();
        await using var _ = origin;
        await using var bidder = await BidderAsync(price: 1.27);
        await using var proxy = await StartAsync(Options(origin.Url, bidder));

        using var response = await proxy.Client.SendAsync(Get("?path=/news/x%3Fy&format=json"), ct);
        var json = JsonNode.Parse(await response.Content.ReadAsStringAsync(ct))!;

        Assert.Equal(200, (int)response.StatusCode);
        Assert.Equal("application/json", response.Content.Headers.ContentType!.MediaType);
        Assert.Equal("private, no-store", response.Headers.NonValidated["Cache-Control"].ToString());
        Assert.Equal(["top", "side"], json["slots"]!.AsArray().Select(s => (string)s!["id"]!));
        Assert.Equal("/1234/site/news", (string)json["slots"]![0]!["gam_unit_path"]!);
        Assert.Equal("1.27", (string)json["bids"]!["top"]!["hb_pb"]!);
        Assert.Equal("appnexus", (string)json["bids"]!["side"]!["hb_bidder"]!);
        Assert.Equal(0, hits());
    }

    [Fact]
    public async Task Without_fetch_metadata_the_sdk_header_is_enough_and_a_path_without_slots_is_empty()
    {
        var ct = TestContext.Current.CancellationToken;
        var (origin, _) = await OriginAsync();
        await using var o = origin;
        await using var bidder = await BidderAsync();
        await using var proxy = await StartAsync(Options(origin.Url, bidder));

        using var response = await proxy.Client.SendAsync(Get("?path=/about", fetchSite: null, sdkHeader: true), ct);

        Assert.Equal(200, (int)response.StatusCode);
        Assert.Equal("""{"slots":[],"bids":{}}""", await response.Content.ReadAsStringAsync(ct));
        Assert.Empty(bidder.Requests);
    }

    [Theory]
    [InlineData("cross-site", false, 403)]
    [InlineData("same-site", true, 403)]
    [InlineData("none", false, 403)]
    [InlineData(null, false, 403)]
    public async Task Only_the_page_itself_may_ask(string? fetchSite, bool sdkHeader, int status)
    {
        var ct = TestContext.Current.CancellationToken;
        var (origin, hits) = await OriginAsync();
        await using var o = origin;
        await using var bidder = await BidderAsync();
        await using var proxy = await StartAsync(Options(origin.Url, bidder));

        using var response = await proxy.Client.SendAsync(Get("?path=/news/a", fetchSite, sdkHeader), ct);

        Assert.Equal(status, (int)response.StatusCode);
        Assert.Equal("Forbidden", await response.Content.ReadAsStringAsync(ct));
        Assert.Contains("private", response.Headers.CacheControl!.ToString(), StringComparison.Ordinal);
        Assert.Empty(bidder.Requests);
        Assert.Equal(0, hits());
    }

    [Fact]
    public async Task Options_is_always_forbidden_and_an_unknown_format_or_bad_path_is_400()
    {
        var ct = TestContext.Current.CancellationToken;
        var (origin, hits) = await OriginAsync();
        await using var o = origin;
        await using var bidder = await BidderAsync();
        await using var proxy = await StartAsync(Options(origin.Url, bidder));

        using var options = await proxy.Client.SendAsync(Get("?path=/news/a", sdkHeader: true, method: HttpMethod.Options), ct);
        using var format = await proxy.Client.SendAsync(Get("?path=/news/a&format=html"), ct);
        using var noPath = await proxy.Client.SendAsync(Get(string.Empty), ct);
        using var absolute = await proxy.Client.SendAsync(Get("?path=https://evil.test/x"), ct);

        Assert.Equal(403, (int)options.StatusCode);
        Assert.Equal(400, (int)format.StatusCode);
        Assert.Equal("Unknown format", await format.Content.ReadAsStringAsync(ct));
        Assert.Equal(400, (int)noPath.StatusCode);
        Assert.Equal(400, (int)absolute.StatusCode);
        Assert.Empty(bidder.Requests);
        Assert.Equal(0, hits());
    }

    [Fact]
    public async Task Without_creative_opportunities_it_is_404_and_not_proxied()
    {
        var ct = TestContext.Current.CancellationToken;
        var (origin, hits) = await OriginAsync();
        await using var o = origin;
        await using var bidder = await BidderAsync();
        await using var proxy = await StartAsync(Options(origin.Url, bidder) with { CreativeOpportunities = null });

        using var response = await proxy.Client.SendAsync(Get("?path=/news/a"), ct);

        Assert.Equal(404, (int)response.StatusCode);
        Assert.Equal(0, hits());
    }

    [Fact]
    public async Task Without_consent_the_slots_come_without_bids()
    {
        var ct = TestContext.Current.CancellationToken;
        var (origin, _) = await OriginAsync();
        await using var o = origin;
        await using var bidder = await BidderAsync();
        await using var proxy = await StartAsync(Options(origin.Url, bidder));
        using var request = Get("?path=/news/a");
        request.Headers.Remove("X-Geo-Country");
        request.Headers.TryAddWithoutValidation("X-Geo-Country", "DE");

        using var response = await proxy.Client.SendAsync(request, ct);
        var json = JsonNode.Parse(await response.Content.ReadAsStringAsync(ct))!;

        Assert.Equal(2, json["slots"]!.AsArray().Count);
        Assert.Empty(json["bids"]!.AsObject());
        Assert.Empty(bidder.Requests);
    }
}
