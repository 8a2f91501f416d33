using System.Diagnostics;
using System.Net;
using System.Text.Json.Nodes;
using static TrustedServer.Hosting.Tests.Auction.AuctionHarness;

namespace TrustedServer.Hosting.Tests.Auction;

public sealed class AuctionEndpointTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static string ApsResponse(string imp, double price, string id = "aps-1") => new JsonObject
    {
        ["id"] = "x",
        ["seatbid"] = new JsonArray(new JsonObject
        {
            ["seat"] = "amazon",
            ["bid"] = new JsonArray(new JsonObject
            {
                ["id"] = id,
                ["impid"] = imp,
                ["price"] = price,
                ["w"] = 300,
                ["h"] = 250,
                ["ext"] = new JsonObject { ["creativeurl"] = "https://creative.example/render", ["tagtype"] = "iframe" },
            }),
        }),
    }.ToJsonString();

    [Fact]
    public async Task The_highest_of_two_providers_wins_the_slot()
    {
        await using var prebid = await FakeBidder.StartAsync(r => new FakeAnswer(Body: FakeBidder.Response("x", ("top", 2.5, "appnexus", "<div>ad</div>"))));
        await using var aps = await FakeBidder.StartAsync(r => new FakeAnswer(Body: ApsResponse("top", 2.0)));
        await using var proxy = await StartAsync(Options(a => a with { Providers = ["prebid", "aps"], Prebid = Prebid(prebid), Aps = Aps(aps) }));

        var (response, json) = await SendAsync(proxy, Post(OneSlot), Ct);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var seat = Assert.Single(json!["seatbid"]!.AsArray())!;
        Assert.Equal("appnexus", (string)seat["seat"]!);
        Assert.Equal(2.5, (double)seat["bid"]![0]!["price"]!);
        Assert.Equal("<div>ad</div>", (string)seat["bid"]![0]!["adm"]!);
        Assert.Equal("top", (string)seat["bid"]![0]!["impid"]!);
        var orchestrator = Orchestrator(json);
        Assert.Equal("parallel_only", (string)orchestrator["strategy"]!);
        Assert.Equal(2, (int)orchestrator["providers"]!);
        Assert.Equal(2, (int)orchestrator["total_bids"]!);
        Assert.Equal("success", (string)Detail(json, "aps")["status"]!);
        Assert.Single(prebid.Requests);
        Assert.Single(aps.Requests);
    }

    [Fact]
    public async Task An_aps_winner_carries_a_renderer_and_no_markup()
    {
        await using var prebid = await FakeBidder.StartAsync(r => new FakeAnswer(Body: FakeBidder.Response("x", ("top", 1.0, "appnexus", "<div>ad</div>"))));
        await using var aps = await FakeBidder.StartAsync(r => new FakeAnswer(Body: ApsResponse("top", 3.25, "aps-bid-9")));
        await using var proxy = await StartAsync(Options(a => a with { Providers = ["prebid", "aps"], Prebid = Prebid(prebid), Aps = Aps(aps) }));

        var (_, json) = await SendAsync(proxy, Post(OneSlot), Ct);

        var bid = json!["seatbid"]![0]!["bid"]![0]!;
        Assert.Equal("aps", (string)json["seatbid"]![0]!["seat"]!);
        Assert.Null(bid["adm"]);
        Assert.Equal("aps-bid-9", (string)bid["id"]!);
        var renderer = bid["ext"]!["trusted_server"]!["renderer"]!;
        Assert.Equal("aps", (string)renderer["type"]!);
        Assert.Equal("acct-1", (string)renderer["accountId"]!);
        Assert.Equal("https://creative.example/render", (string)renderer["creativeUrl"]!);
        var envelope = JsonNode.Parse(Convert.FromBase64String((string)renderer["aaxResponse"]!))!;
        Assert.Equal("aps-bid-9", (string)envelope["seatbid"]![0]!["bid"]![0]!["id"]!);
        Assert.Null(envelope["seatbid"]![0]!["bid"]![0]!["impid"]);
        var sent = aps.Single.Json;
        Assert.Equal("acct-1", (string)sent["ext"]!["account"]!);
        Assert.Equal(1, (int)sent["imp"]![0]!["secure"]!);
    }

    [Fact]
    public async Task A_floor_drops_a_winner_below_it()
    {
        await using var prebid = await FakeBidder.StartAsync(r => new FakeAnswer(Body: FakeBidder.Response("x", ("top", 2.5, "appnexus", "<div>ad</div>"))));
        await using var proxy = await StartAsync(Options(a => a with { Providers = ["prebid"], Prebid = Prebid(prebid) }));

        var (_, json) = await SendAsync(proxy, Post("""{"adUnits":[{"code":"top","floor":3.0,"mediaTypes":{"banner":{"sizes":[[300,250]]}},"bids":[{"bidder":"appnexus"}]}]}"""), Ct);

        Assert.Empty(json!["seatbid"]!.AsArray());
        Assert.Equal(1, (int)Orchestrator(json)["dropped_winner_count"]!);
        Assert.Equal("below_floor", (string)Orchestrator(json)["dropped_winner_reasons"]![0]!["reason"]!);
        Assert.Equal(3.0, (double)prebid.Single.Json["imp"]![0]!["bidfloor"]!);
    }

    [Fact]
    public async Task A_provider_slower_than_the_budget_is_reported_as_a_timeout_and_the_auction_answers_in_time()
    {
        await using var slow = await FakeBidder.StartAsync(r => new FakeAnswer(Body: FakeBidder.Response("x", ("top", 9.0, "appnexus", "<div>slow</div>")), Delay: TimeSpan.FromSeconds(5)));
        await using var aps = await FakeBidder.StartAsync(r => new FakeAnswer(Body: ApsResponse("top", 1.5)));
        await using var proxy = await StartAsync(Options(a => a with { Providers = ["prebid", "aps"], Timeout = TimeSpan.FromMilliseconds(300), Prebid = Prebid(slow, 1000), Aps = Aps(aps) }));

        // One auction first, so the measured one is not paying for JIT compilation of the timeout path.
        await SendAsync(proxy, Post(OneSlot), Ct);
        var clock = Stopwatch.StartNew();
        var (_, json) = await SendAsync(proxy, Post(OneSlot), Ct);
        clock.Stop();

        Assert.Equal("timeout", (string)Detail(json!, "prebid")["status"]!);
        Assert.Equal("aps", (string)json!["seatbid"]![0]!["seat"]!);
        // Stopped at the 300 ms budget, not at the provider's 5 s; the slack is for a busy machine's timers.
        Assert.InRange((double)Orchestrator(json)["time_ms"]!, 250, 600);
        Assert.InRange(clock.ElapsedMilliseconds, 250, 1500);
        Assert.All(slow.Requests, r => Assert.InRange((int)r.Json["tmax"]!, 250, 300));
    }

    [Theory]
    [InlineData(500, null, null, "HTTP 500")]
    [InlineData(200, "{\"id\":\"x\",\"seatbid\":[{\"bid\":[{", null, "response is not valid OpenRTB JSON")]
    [InlineData(200, null, 20L * 1024 * 1024, "response larger than 1048576 bytes")]
    public async Task A_failing_provider_is_reported_and_the_others_still_win(int status, string? body, long? size, string error)
    {
        await using var broken = await FakeBidder.StartAsync(r => new FakeAnswer(status, body, GeneratedBytes: size));
        await using var aps = await FakeBidder.StartAsync(r => new FakeAnswer(Body: ApsResponse("top", 1.5)));
        await using var proxy = await StartAsync(Options(a => a with { Providers = ["prebid", "aps"], Prebid = Prebid(broken), Aps = Aps(aps) }));

        var (response, json) = await SendAsync(proxy, Post(OneSlot), Ct);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var detail = Detail(json!, "prebid");
        Assert.Equal("error", (string)detail["status"]!);
        Assert.Equal(error, (string)detail["error"]!);
        Assert.Equal("aps", (string)json!["seatbid"]![0]!["seat"]!);
    }

    [Fact]
    public async Task The_mediator_may_choose_the_lower_raw_bid_and_its_renderer_is_restored()
    {
        await using var prebid = await FakeBidder.StartAsync(r => new FakeAnswer(Body: FakeBidder.Response("x", ("top", 2.5, "appnexus", "<div>ad</div>"))));
        await using var aps = await FakeBidder.StartAsync(r => new FakeAnswer(Body: ApsResponse("top", 2.0, "aps-7")));
        await using var mediator = await FakeBidder.StartAsync(r => new FakeAnswer(Body: """{"id":"m","seatbid":[{"seat":"aps","bid":[{"id":"aps-7","impid":"top","price":2.1}]}]}"""));
        await using var proxy = await StartAsync(Options(a => a with
        {
            Providers = ["prebid", "aps"],
            Mediator = "adserver_mock",
            Prebid = Prebid(prebid),
            Aps = Aps(aps),
            AdServerMock = new() { Enabled = true, Endpoint = mediator.Url, PriceFloor = 0.5 },
        }));

        var (_, json) = await SendAsync(proxy, Post(OneSlot), Ct);

        var seat = Assert.Single(json!["seatbid"]!.AsArray())!;
        Assert.Equal("aps", (string)seat["seat"]!);
        Assert.Equal(2.1, (double)seat["bid"]![0]!["price"]!);
        Assert.Equal("aps", (string)seat["bid"]![0]!["ext"]!["trusted_server"]!["renderer"]!["type"]!);
        Assert.Equal("parallel_mediation", (string)Orchestrator(json)["strategy"]!);
        Assert.Equal("success", (string)Orchestrator(json)["mediator"]!["status"]!);
        var sent = mediator.Single.Json;
        Assert.Equal(0.5, (double)sent["ext"]!["config"]!["price_floor"]!);
        var responses = sent["ext"]!["bidder_responses"]!.AsArray();
        Assert.Equal(["appnexus", "aps"], responses.Select(r => (string)r!["bidder"]!).Order());
        Assert.Equal("top", (string)responses[0]!["bids"]![0]!["imp_id"]!);
    }

    [Fact]
    public async Task Without_consent_no_provider_is_called_and_the_answer_is_a_no_bid()
    {
        await using var prebid = await FakeBidder.StartAsync(r => new FakeAnswer(Body: FakeBidder.Response("x", ("top", 2.5, "appnexus", "<div>ad</div>"))));
        await using var aps = await FakeBidder.StartAsync(r => new FakeAnswer(Body: ApsResponse("top", 2.0)));
        await using var proxy = await StartAsync(Options(a => a with { Providers = ["prebid", "aps"], Prebid = Prebid(prebid), Aps = Aps(aps) }));

        var (gdpr, gdprJson) = await SendAsync(proxy, Post(OneSlot, country: "DE", region: null), Ct);
        var (unknown, unknownJson) = await SendAsync(proxy, Post(OneSlot, country: "XX", region: null), Ct);

        Assert.Equal(HttpStatusCode.OK, gdpr.StatusCode);
        Assert.Equal(HttpStatusCode.OK, unknown.StatusCode);
        Assert.Empty(gdprJson!["seatbid"]!.AsArray());
        Assert.Empty(unknownJson!["seatbid"]!.AsArray());
        Assert.False(string.IsNullOrEmpty((string)gdprJson["id"]!));
        Assert.Empty(prebid.Requests);
        Assert.Empty(aps.Requests);
    }

    [Theory]
    [InlineData("https://evil.example/page?x=1", "https://www.example.com/")]
    [InlineData("https://www.example.com/news/story?utm=1#top", "https://www.example.com/news/story")]
    [InlineData("https://sub.www.example.com/a", "https://sub.www.example.com/a")]
    [InlineData("javascript:alert(1)", "https://www.example.com/")]
    public async Task The_page_url_comes_from_the_referer_only_on_the_publishers_domain(string referer, string page)
    {
        await using var prebid = await FakeBidder.StartAsync(r => new FakeAnswer(Body: FakeBidder.Response("x")));
        await using var proxy = await StartAsync(Options(a => a with { Providers = ["prebid"], Prebid = Prebid(prebid) }));

        using var request = Post(OneSlot);
        request.Headers.TryAddWithoutValidation("Referer", referer);
        await SendAsync(proxy, request, Ct);

        Assert.Equal(page, (string)prebid.Single.Json["site"]!["page"]!);
        Assert.Equal("www.example.com", (string)prebid.Single.Json["site"]!["domain"]!);
    }

    [Fact]
    public async Task Eids_over_four_kilobytes_are_trimmed_in_the_header_and_flagged()
    {
        await using var prebid = await FakeBidder.StartAsync(r => new FakeAnswer(Body: FakeBidder.Response("x")));
        await using var proxy = await StartAsync(Options(a => a with { Providers = ["prebid"], Prebid = Prebid(prebid) }));
        var eids = new JsonArray();
        for (var i = 0; i < 40; i++)
        {
            eids.Add(new JsonObject { ["source"] = $"id{i}.example", ["uids"] = new JsonArray(new JsonObject { ["id"] = new string('u', 120) + i, ["atype"] = 1 }) });
        }

        var body = JsonNode.Parse(OneSlot)!.AsObject();
        body["eids"] = eids;
        var (response, _) = await SendAsync(proxy, Post(body.ToJsonString()), Ct);

        Assert.Equal("true", response.Headers.GetValues("x-ts-eids-truncated").Single());
        var header = response.Headers.GetValues("x-ts-eids").Single();
        Assert.InRange(header.Length, 3000, 4096);
        var decoded = JsonNode.Parse(Convert.FromBase64String(header))!.AsArray();
        Assert.InRange(decoded.Count, 1, 39);
        Assert.Equal("id0.example", (string)decoded[0]!["source"]!);
        Assert.Equal(40, prebid.Single.Json["user"]!["ext"]!["eids"]!.AsArray().Count);
    }

    [Fact]
    public async Task A_body_over_256_kibibytes_is_refused_with_413()
    {
        await using var prebid = await FakeBidder.StartAsync(r => new FakeAnswer(Body: FakeBidder.Response("x")));
        await using var proxy = await StartAsync(Options(a => a with { Providers = ["prebid"], Prebid = Prebid(prebid) }));

        var padding = new string(' ', (257 * 1024) - OneSlot.Length);
        var (response, _) = await SendAsync(proxy, Post(OneSlot + padding), Ct);

        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, response.StatusCode);
        Assert.Empty(prebid.Requests);
    }

    [Theory]
    [InlineData("{\"adUnits\":[", "$")]
    [InlineData("[]", "$")]
    [InlineData("{}", "adUnits")]
    [InlineData("{\"adUnits\":[]}", "adUnits")]
    [InlineData("{\"adUnits\":[{\"mediaTypes\":{\"banner\":{\"sizes\":[[300,250]]}}}]}", "adUnits[0].code")]
    [InlineData("{\"adUnits\":[{\"code\":\"a\",\"mediaTypes\":{\"video\":{}}}]}", "adUnits[0].mediaTypes.banner")]
    [InlineData("{\"adUnits\":[{\"code\":\"a\",\"mediaTypes\":{\"banner\":{\"sizes\":[]}}}]}", "adUnits[0].mediaTypes.banner.sizes")]
    [InlineData("{\"adUnits\":[{\"code\":\"a\",\"mediaTypes\":{\"banner\":{\"sizes\":[[300,250],[300]]}}}]}", "adUnits[0].mediaTypes.banner.sizes[1]")]
    [InlineData("{\"adUnits\":[{\"code\":\"a\",\"mediaTypes\":{\"banner\":{\"sizes\":[[\"300\",250]]}}}]}", "adUnits[0].mediaTypes.banner.sizes[0]")]
    [InlineData("{\"adUnits\":[{\"code\":\"a\",\"mediaTypes\":{\"banner\":{\"sizes\":[[-1,250]]}}}]}", "adUnits[0].mediaTypes.banner.sizes[0]")]
    [InlineData("{\"adUnits\":[{\"code\":\"a\",\"mediaTypes\":{\"banner\":{\"sizes\":[[1,2]]}},\"bids\":[{\"params\":{}}]}]}", "adUnits[0].bids[0].bidder")]
    [InlineData("{\"adUnits\":[{\"code\":\"a\",\"mediaTypes\":{\"banner\":{\"sizes\":[[1,2]]}},\"bids\":[{\"bidder\":\"x\",\"params\":7}]}]}", "adUnits[0].bids[0].params")]
    [InlineData("{\"adUnits\":[{\"code\":\"a\",\"floor\":\"1\",\"mediaTypes\":{\"banner\":{\"sizes\":[[1,2]]}}}]}", "adUnits[0].floor")]
    [InlineData("{\"adUnits\":[{\"code\":\"a\",\"mediaTypes\":{\"banner\":{\"sizes\":[[1,2]]}}},{\"code\":\"a\",\"mediaTypes\":{\"banner\":{\"sizes\":[[1,2]]}}}]}", "adUnits[1].code")]
    [InlineData("{\"adUnits\":[{\"code\":\"a\",\"mediaTypes\":{\"banner\":{\"sizes\":[[1,2]]}}}],\"config\":[]}", "config")]
    [InlineData("{\"adUnits\":[{\"code\":\"a\",\"mediaTypes\":{\"banner\":{\"sizes\":[[1,2]]}}}],\"eids\":{}}", "eids")]
    public async Task A_bad_body_is_refused_with_400_naming_the_field(string body, string field)
    {
        await using var prebid = await FakeBidder.StartAsync(r => new FakeAnswer(Body: FakeBidder.Response("x")));
        await using var proxy = await StartAsync(Options(a => a with { Providers = ["prebid"], Prebid = Prebid(prebid) }));

        var (response, json) = await SendAsync(proxy, Post(body), Ct);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal(field, (string)json!["field"]!);
        Assert.False(string.IsNullOrEmpty((string)json["error"]!));
        Assert.Empty(prebid.Requests);
    }

    [Fact]
    public async Task Fifty_concurrent_auctions_all_answer_within_their_budget()
    {
        await using var prebid = await FakeBidder.StartAsync(r => new FakeAnswer(Body: FakeBidder.Response("x", ("top", 2.5, "appnexus", "<div>ad</div>")), Delay: TimeSpan.FromMilliseconds(50)));
        await using var aps = await FakeBidder.StartAsync(r => new FakeAnswer(Body: ApsResponse("top", 2.0), Delay: TimeSpan.FromMilliseconds(50)));
        await using var proxy = await StartAsync(Options(a => a with { Providers = ["prebid", "aps"], Timeout = TimeSpan.FromMilliseconds(1500), Prebid = Prebid(prebid), Aps = Aps(aps) }));

        var results = await Task.WhenAll(Enumerable.Range(0, 50).Select(async _ => await SendAsync(proxy, Post(OneSlot), Ct)));

        Assert.All(results, r =>
        {
            Assert.Equal(HttpStatusCode.OK, r.Response.StatusCode);
            Assert.Equal("appnexus", (string)r.Json!["seatbid"]![0]!["seat"]!);
            Assert.InRange((double)Orchestrator(r.Json)["time_ms"]!, 45, 1550);
        });
        Assert.Equal(50, prebid.Requests.Count);
        Assert.Equal(50, aps.Requests.Count);
    }

    [Fact]
    public async Task The_auction_is_not_behind_any_authentication_and_answers_no_bid_when_disabled()
    {
        await using var prebid = await FakeBidder.StartAsync(r => new FakeAnswer(Body: FakeBidder.Response("x")));
        await using var proxy = await StartAsync(Options(a => a with { Enabled = false, Providers = ["prebid"], Prebid = Prebid(prebid) }));

        var (response, json) = await SendAsync(proxy, Post(OneSlot), Ct);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Empty(json!["seatbid"]!.AsArray());
        Assert.Empty(prebid.Requests);
        Assert.Equal("no-store, private", response.Headers.CacheControl!.ToString());
    }

    [Fact]
    public async Task Creatives_are_rewritten_to_first_party_urls()
    {
        await using var prebid = await FakeBidder.StartAsync(r => new FakeAnswer(Body: FakeBidder.Response("x", ("top", 2.5, "appnexus", "<a href=\"https://click.example/c\"><img src=\"https://cdn.example/i.png?p=${AUCTION_PRICE}\"></a><script>evil()</script>"))));
        await using var proxy = await StartAsync(Options(
            a => a with { Providers = ["prebid"], Prebid = Prebid(prebid), SanitizeCreatives = true },
            o => o with { Publisher = o.Publisher with { ProxySecret = "a-long-test-secret-for-signing" } }));

        var (_, json) = await SendAsync(proxy, Post(OneSlot), Ct);

        var adm = (string)json!["seatbid"]![0]!["bid"]![0]!["adm"]!;
        Assert.Contains("href=\"/first-party/click?tsurl=https%3A%2F%2Fclick.example%2Fc", adm, StringComparison.Ordinal);
        Assert.True(adm.Contains("src=\"/first-party/proxy?tsurl=https%3A%2F%2Fcdn.example%2Fi.png&p=2.5&tstoken=", StringComparison.Ordinal), adm);
        Assert.DoesNotContain("script", adm, StringComparison.Ordinal);
        Assert.DoesNotContain("evil", adm, StringComparison.Ordinal);
    }
}
