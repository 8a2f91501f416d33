using System.Net;
using System.Text.Json.Nodes;
using static TrustedServer.Hosting.Tests.Auction.AuctionHarness;

namespace TrustedServer.Hosting.Tests.Auction;

/// <summary>
/// <c>[integrations.aps] debug</c>: APS's HTTP exchange in <c>provider_details[].metadata.debug.httpcalls.aps</c>, for
/// every answer that reached the provider (success, 204, garbage, non-2xx), never without the switch.
/// </summary>
public sealed class ApsDebugTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static readonly string Bid = new JsonObject
    {
        ["id"] = "x",
        ["seatbid"] = new JsonArray(new JsonObject
        {
            ["seat"] = "amazon",
            ["bid"] = new JsonArray(new JsonObject
            {
                ["id"] = "aps-1",
                ["impid"] = "top",
                ["price"] = 1.25,
                ["w"] = 300,
                ["h"] = 250,
                ["ext"] = new JsonObject { ["creativeurl"] = "https://creative.example/render", ["tagtype"] = "iframe" },
            }),
        }),
    }.ToJsonString();

    [Fact]
    public async Task A_bidding_answer_is_reported_with_both_bodies_headers_status_and_uri()
    {
        var (url, detail, sent) = await AuctionAsync(new FakeAnswer(Body: Bid), debug: true);

        Assert.Equal("success", (string?)detail["status"]);
        var call = Assert.Single(detail["metadata"]!["debug"]!["httpcalls"]!["aps"]!.AsArray())!;
        Assert.Equal(url.ToString(), (string?)call["uri"]);
        Assert.Equal(sent.Body, (string?)call["requestbody"]);
        Assert.Equal(Bid, (string?)call["responsebody"]);
        Assert.Equal(200, (int?)call["status"]);
        Assert.Equal("""["TestBrowser/1.0"]""", call["requestheaders"]!["user-agent"]!.ToJsonString());
        Assert.StartsWith("application/json", (string?)call["requestheaders"]!["content-type"]![0], StringComparison.Ordinal);
        Assert.StartsWith("application/json", (string?)call["responseheaders"]!["content-type"]![0], StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(500, "{\"error\":\"boom\"}", "error")]
    [InlineData(200, "{not json", "error")]
    [InlineData(204, null, "no_bid")]
    public async Task Failed_and_empty_answers_are_reported_too(int status, string? body, string outcome)
    {
        var (_, detail, _) = await AuctionAsync(new FakeAnswer(Status: status, Body: body), debug: true);

        Assert.Equal(outcome, (string?)detail["status"]);
        var call = Assert.Single(detail["metadata"]!["debug"]!["httpcalls"]!["aps"]!.AsArray())!;
        Assert.Equal(status, (int?)call["status"]);
        Assert.Equal(body ?? string.Empty, (string?)call["responsebody"]);
    }

    [Fact]
    public async Task An_answer_over_the_size_cap_is_reported_without_its_body()
    {
        var (_, detail, _) = await AuctionAsync(new FakeAnswer(Status: 500, GeneratedBytes: 2 * 1024 * 1024), debug: true);

        Assert.Equal("error", (string?)detail["status"]);
        var call = Assert.Single(detail["metadata"]!["debug"]!["httpcalls"]!["aps"]!.AsArray())!;
        Assert.Equal(500, (int?)call["status"]);
        Assert.Null(call["responsebody"]);
    }

    [Fact]
    public async Task Without_debug_nothing_of_the_exchange_is_shown()
    {
        var (_, detail, _) = await AuctionAsync(new FakeAnswer(Status: 500, Body: "{}"), debug: false);

        Assert.Equal("error", (string?)detail["status"]);
        Assert.Null(detail["metadata"]);
    }

    private static async Task<(Uri Url, JsonObject Detail, RecordedRequest Sent)> AuctionAsync(FakeAnswer answer, bool debug)
    {
        await using var aps = await FakeBidder.StartAsync(_ => answer);
        await using var proxy = await StartAsync(Options(a => a with { Providers = ["aps"], Aps = Aps(aps, 5000) with { Debug = debug } }));

        var (response, json) = await SendAsync(proxy, Post(OneSlot), Ct);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return (aps.Url, Detail(json!, "aps"), aps.Single);
    }
}
