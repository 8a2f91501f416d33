using System.Text.Json;
using System.Text.Json.Nodes;
using TrustedServer.Core.Auction;
using TrustedServer.Core.Auction.Opportunities;

namespace TrustedServer.Core.Tests.Auction.Opportunities;

public sealed class PageBidMapTests
{
    private static AuctionResult Result(params AuctionBid[] winners) =>
        new() { Strategy = "parallel_only", Winners = winners, Providers = [] };

    private static AuctionBid Bid(string slot, double? price, string? adm = "<div>ad</div>") => new()
    {
        SlotId = slot,
        Price = price,
        Bidder = "appnexus",
        Provider = "prebid",
        BidId = "bid-" + slot,
        Creative = adm,
        Width = 728,
        Height = 90,
    };

    [Fact]
    public void A_winner_becomes_hb_keys_with_the_bucket_and_expanded_price_macros()
    {
        var winner = Bid("top", 2.345, "<img src=\"https://x.test/i?p=${AUCTION_PRICE}\">") with
        {
            Nurl = "https://w.test/n?p=${AUCTION_PRICE}",
            Burl = "https://w.test/b?p=${AUCTION_PRICE}",
            Adid = "ad-9",
        };

        var bid = Assert.Single(PageBidMap.Build(Result(winner), "auc-1", PriceGranularity.Medium, null));

        Assert.Equal("top", bid.SlotId);
        Assert.Equal("2.30", bid.PriceBucket);
        Assert.Equal("appnexus", bid.Bidder);
        Assert.Equal("ad-9", bid.AdId);
        Assert.Equal("auc-1", bid.AuctionId);
        Assert.Equal((728, 90), (bid.Width, bid.Height));
        Assert.Equal("https://w.test/n?p=2.345", bid.Nurl);
        Assert.Equal("https://w.test/b?p=2.345", bid.Burl);
        Assert.Equal("<img src=\"https://x.test/i?p=2.345\">", bid.Adm);
        Assert.Null(bid.CacheHost);
    }

    [Fact]
    public void Hb_adid_prefers_the_cache_id_then_the_renderer_then_adid_then_the_bid_id_and_is_capped()
    {
        var bid = Bid("top", 1);
        Assert.Equal("bid-top", PageBidMap.AdId(bid));
        Assert.Equal("ad-1", PageBidMap.AdId(bid with { Adid = "ad-1" }));
        Assert.Equal("aps-bid", PageBidMap.AdId(bid with { Adid = "ad-1", Renderer = Renderer("aps-bid") }));
        Assert.Equal("uuid-1", PageBidMap.AdId(bid with { Adid = "ad-1", Metadata = new JsonObject { ["cache_id"] = "uuid-1" } }));
        Assert.Equal(new string('x', 40), PageBidMap.AdId(bid with { BidId = new string('x', 60) }));
        Assert.Equal("appnexus-top", PageBidMap.AdId(bid with { BidId = null }));
    }

    [Fact]
    public void Markup_goes_through_the_creative_processing_and_a_rejected_creative_is_left_out()
    {
        var bids = PageBidMap.Build(
            Result(Bid("top", 1, "<b>keep</b>"), Bid("side", 1, "<script>bad</script>")),
            "a",
            PriceGranularity.Dense,
            adm => adm.Contains("script", StringComparison.Ordinal) ? null : adm.ToUpperInvariant());

        var bid = Assert.Single(bids);
        Assert.Equal("<B>KEEP</B>", bid.Adm);
    }

    [Fact]
    public void Cache_coordinates_only_for_a_bid_without_markup()
    {
        var metadata = new JsonObject { ["cache_id"] = "u-1", ["cache_url"] = "https://cache.test/cache?uuid=u-1" };
        var withAdm = Bid("top", 1) with { Metadata = metadata };
        var without = Bid("side", 1, adm: null) with { Metadata = (JsonObject)metadata.DeepClone() };

        var bids = PageBidMap.Build(Result(withAdm, without), "a", PriceGranularity.Dense, null);

        Assert.Null(bids[0].CacheHost);
        Assert.Equal("cache.test", bids[1].CacheHost);
        Assert.Equal("/cache", bids[1].CachePath);
        Assert.Null(bids[1].Adm);
    }

    [Fact]
    public void A_winner_with_nothing_to_render_or_no_price_is_left_out()
    {
        Assert.Empty(PageBidMap.Build(Result(Bid("top", 1, adm: null), Bid("side", null)), "a", PriceGranularity.Dense, null));
    }

    [Fact]
    public void A_renderer_wins_over_markup()
    {
        var bid = Assert.Single(PageBidMap.Build(Result(Bid("top", 1) with { Renderer = Renderer("b1") }), "a", PriceGranularity.Dense, null));

        Assert.Null(bid.Adm);
        Assert.Equal("aps", bid.Renderer!.Type);
    }

    [Fact]
    public void The_scripts_follow_the_contract_and_cannot_end_the_script_element()
    {
        var slot = new MatchedSlot { Id = "top", GamUnitPath = "/1/top", DivId = "ad-top", Formats = [new AdFormat(728, 90)], Targeting = new Dictionary<string, string> { ["pos"] = "</script>\u2028" } };
        var head = AdSlotsJson.HeadScript([slot]);

        Assert.StartsWith("<script>(function(w){var t=w.tsjs=w.tsjs||{};t.adSlots=[", head, StringComparison.Ordinal);
        Assert.EndsWith(";})(window);</script>", head, StringComparison.Ordinal);
        Assert.Equal(1, CountOf(head, "</script>"));
        Assert.DoesNotContain("\u2028", head, StringComparison.Ordinal);
        var slots = JsonNode.Parse(Between(head, "t.adSlots=", ";})(window)"))!.AsArray();
        Assert.Equal("""[{"id":"top","gam_unit_path":"/1/top","div_id":"ad-top","formats":[[728,90]],"targeting":{"pos":"</script>\u2028"}}]""", slots.ToJsonString(new JsonSerializerOptions { Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping }));

        var bid = new PageBid { SlotId = "top", PriceBucket = "1.00", Bidder = "b", AdId = "x", AuctionId = "a", Width = 728, Height = 90, Adm = "<script>x</script>" };
        var script = AdSlotsJson.BidsScript([bid])!;
        Assert.Equal(1, CountOf(script, "</script>"));
        Assert.Contains("if(typeof t.scheduleInitialAdInit===\"function\")t.scheduleInitialAdInit(b);else t.bids=b;})(window);</script>", script, StringComparison.Ordinal);
        var map = JsonNode.Parse(Between(script, "var b=", ";if(typeof"))!;
        Assert.Equal("<script>x</script>", (string)map["top"]!["adm"]!);
        Assert.Equal(728, (int)map["top"]!["w"]!);
        Assert.Null(AdSlotsJson.BidsScript([]));
    }

    private static int CountOf(string text, string value) => (text.Length - text.Replace(value, string.Empty, StringComparison.Ordinal).Length) / value.Length;

    private static string Between(string text, string start, string end)
    {
        var from = text.IndexOf(start, StringComparison.Ordinal) + start.Length;
        return text[from..text.IndexOf(end, from, StringComparison.Ordinal)];
    }

    private static CreativeRenderer Renderer(string bidId) =>
        new() { Type = "aps", BidId = bidId, TagType = "iframe", CreativeUrl = "https://c.example/r", AaxResponse = "e30=" };
}
