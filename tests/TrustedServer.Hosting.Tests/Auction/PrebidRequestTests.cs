using System.Net;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.Extensions.DependencyInjection;
using TrustedServer.Core.Auction;
using TrustedServer.Core.Configuration;
using TrustedServer.Privacy.EdgeCookie;
using static TrustedServer.Hosting.Tests.Auction.AuctionHarness;
using static TrustedServer.Hosting.Tests.EdgeCookie.IdentityHarness;

namespace TrustedServer.Hosting.Tests.Auction;

/// <summary>The request Prebid Server receives, field by field, against a hand-written document.</summary>
public sealed class PrebidRequestTests
{
    private const string Body = """
        {"adUnits":[{"code":"top","mediaTypes":{"banner":{"name":"header","sizes":[[300,250],[728,90]]}},
          "bids":[{"bidder":"appnexus","params":{"placementId":1}},{"bidder":"kargo","params":{"placementId":"client","keep":"me"}},
                  {"bidder":"rubicon","params":{"accountId":5}},{"bidder":"aps","params":{}}]}],
         "config":{"section":"sports","secret":"dropped"},
         "eids":[{"source":"id5-sync.com","uids":[{"id":"ID5*abc","atype":1}]}]}
        """;

    private const string Expected = """
        {
          "id": "{ID}",
          "imp": [{
            "id": "top", "tagid": "top",
            "banner": { "format": [ { "w": 300, "h": 250 }, { "w": 728, "h": 90 } ] },
            "ext": { "prebid": { "bidder": {
              "appnexus": { "placementId": 1, "member": 7, "rule": null },
              "kargo": { "placementId": "_s2sHeader", "keep": "me", "rule": "last" }
            } } }
          }],
          "site": {
            "domain": "www.example.com",
            "page": "https://www.example.com/news/story?pbjs_debug=true",
            "ref": "https://www.example.com/news/story",
            "publisher": { "domain": "www.example.com" }
          },
          "device": {
            "ua": "TestBrowser/1.0", "ip": "127.0.0.1",
            "geo": { "country": "DEU", "type": 2 },
            "dnt": 1, "language": "de"
          },
          "user": {
            "id": "{EC}", "consent": "{TC}",
            "ext": { "consent": "{TC}", "eids": [ { "source": "id5-sync.com", "uids": [ { "id": "ID5*abc", "atype": 1 } ] } ] }
          },
          "regs": { "gdpr": 1, "us_privacy": "1YNN", "ext": { "gdpr": 1, "us_privacy": "1YNN", "gpc": "1" } },
          "tmax": 1000,
          "cur": ["USD"],
          "test": 1,
          "ext": {
            "prebid": { "debug": true, "returnallbidstatus": true },
            "trusted_server": { "version": "1.1", "signature": "sig-{ID}", "kid": "test-key", "request_host": "{HOST}", "request_scheme": "http", "ts": 1700000000000 }
          }
        }
        """;

    [Fact]
    public async Task Every_field_of_the_prebid_server_request_is_as_specified()
    {
        await using var prebid = await FakeBidder.StartAsync(r => new FakeAnswer(Body: FakeBidder.Response("x")));
        var options = Options(a => a with
        {
            Providers = ["prebid"],
            AllowedContextKeys = ["section"],
            Prebid = Prebid(prebid, timeoutMs: 1000) with
            {
                Bidders = ["unused"],
                ClientSideBidders = ["rubicon"],
                Debug = true,
                TestMode = true,
                DebugQueryParams = "pbjs_debug=true",
                CompressRequests = true,
                OverrideRules =
                [
                    new BidParamOverrideRule("appnexus", null, Json("""{"member":7}""")),
                    new BidParamOverrideRule("kargo", "header", Json("""{"placementId":"_s2sHeader","rule":"first"}""")),
                    new BidParamOverrideRule("kargo", "sidebar", Json("""{"placementId":"_wrong"}""")),
                    new BidParamOverrideRule(null, "header", Json("""{"rule":"last"}""")),
                    new BidParamOverrideRule("appnexus", "header", Json("""{"rule":null}""")),
                ],
            },
        });
        await using var proxy = await StartAsync(options, s => s.AddSingleton<IBidRequestSigner, TestSigner>());
        var tc = TcString(purpose1: true);
        var ec = EcId.Generate("test-passphrase-long-enough", IPAddress.Loopback);

        using var request = Post(Body, country: "DE", region: null, cookies: $"euconsent-v2={tc}; us_privacy=1YNN; ts-ec={ec}", referer: "https://www.example.com/news/story?utm=1#frag");
        request.Headers.TryAddWithoutValidation("Sec-GPC", "1");
        request.Headers.TryAddWithoutValidation("DNT", "1");
        request.Headers.TryAddWithoutValidation("Accept-Language", "de-DE,de;q=0.9,en;q=0.5");
        var (response, json) = await SendAsync(proxy, request, TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var sent = prebid.Single;
        var id = (string)json!["id"]!;
        var expected = Expected.Replace("{ID}", id, StringComparison.Ordinal).Replace("{EC}", ec, StringComparison.Ordinal)
            .Replace("{TC}", tc, StringComparison.Ordinal).Replace("{HOST}", proxy.Url.Authority, StringComparison.Ordinal);
        Assert.True(JsonNode.DeepEquals(JsonNode.Parse(expected), sent.Json), sent.Body);
        Assert.Equal("gzip", sent.Headers["Content-Encoding"]);
        Assert.Equal("127.0.0.1", sent.Headers["X-Forwarded-For"]);
        Assert.Equal("TestBrowser/1.0", sent.Headers["User-Agent"]);
        Assert.Equal("de-DE,de;q=0.9,en;q=0.5", sent.Headers["Accept-Language"]);
        Assert.Equal("ok", response.Headers.GetValues("x-ts-ec-consent").Single());
    }

    [Fact]
    public async Task Without_a_signer_the_request_has_no_trusted_server_extension()
    {
        await using var prebid = await FakeBidder.StartAsync(r => new FakeAnswer(Body: FakeBidder.Response("x")));
        await using var proxy = await StartAsync(Options(a => a with { Providers = ["prebid"], Prebid = Prebid(prebid) }));

        await SendAsync(proxy, Post(OneSlot), TestContext.Current.CancellationToken);

        var sent = prebid.Single.Json;
        Assert.Null(sent["ext"]);
        Assert.Null(sent["user"]);
        Assert.Equal(0, (int)sent["regs"]!["gdpr"]!);
        Assert.Equal("USA", (string)sent["device"]!["geo"]!["country"]!);
        Assert.False(prebid.Single.Headers.ContainsKey("Content-Encoding"));
    }

    private static JsonElement Json(string text) => JsonDocument.Parse(text).RootElement.Clone();

    private sealed class TestSigner : IBidRequestSigner
    {
        public ValueTask<BidRequestSignature?> SignAsync(string requestId, string requestHost, string requestScheme, CancellationToken cancellationToken) =>
            ValueTask.FromResult<BidRequestSignature?>(new BidRequestSignature("1.1", "sig-" + requestId, "test-key", requestHost, requestScheme, 1_700_000_000_000));
    }
}
