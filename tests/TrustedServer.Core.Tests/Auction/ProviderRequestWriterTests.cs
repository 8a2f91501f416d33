using System.Text;
using System.Text.Json;
using TrustedServer.Core.Auction;
using TrustedServer.Core.Auction.OpenRtb;
using TrustedServer.Core.Auction.Providers.Aps;
using TrustedServer.Core.Auction.Providers.PrebidServer;
using TrustedServer.Core.Configuration;

namespace TrustedServer.Core.Tests.Auction;

/// <summary>
/// The bid requests are written field by field rather than serialised from records; these pin the whole document each
/// provider receives for an auction that uses every field, byte for byte.
/// </summary>
public sealed class ProviderRequestWriterTests
{
    private static readonly AuctionRequest Full = new()
    {
        Id = "auction-1",
        PublisherDomain = "www.example.com",
        PageUrl = "https://www.example.com/news/a?b=1",
        EcId = "ec-1",
        Slots =
        [
            new AdSlot
            {
                Id = "top",
                Formats = [new AdFormat(728, 90), new AdFormat(970, 250)],
                FloorPrice = 0.5,
                Zone = "header",
                Bidders =
                [
                    new("appnexus", Json("""{"placementId":1,"keep":"x"}""")),
                    new("appnexus", Json("""{"placementId":2}""")),
                    new("rubicon", Json("""{"accountId":7}""")),
                    new("aps", Json("""{}""")),
                ],
            },
            new AdSlot { Id = "side", Formats = [new AdFormat(300, 250)] },
        ],
        Eids = [new Eid { Source = "id5-sync.com", Uids = [new Uid { Id = "u<1>", Atype = 1 }, new Uid { Id = "u2" }] }],
        Device = new AuctionDevice { UserAgent = "UA", Ip = "2001:db8::1", Country = "DE", Region = "BE", DoNotTrack = true, Language = "de" },
        Privacy = new AuctionPrivacy { Gdpr = true, TcString = "TC", UsPrivacy = "1YNN", Gpp = "GPP", GppSectionIds = [2, 7], AdditionalConsent = "1~2", Gpc = true },
    };

    [Fact]
    public void Prebid_server_gets_every_field_with_overrides_applied_and_the_signature()
    {
        var options = new PrebidOptions
        {
            Enabled = true,
            ServerUrl = new Uri("http://127.0.0.1:1/openrtb2/auction"),
            Bidders = ["appnexus"],
            Debug = true,
            TestMode = true,
            DebugQueryParams = "pbjs_debug=true",
            OverrideRules = [new BidParamOverrideRule("rubicon", "header", Json("""{"accountId":9,"siteId":3}"""))],
        };
        var signature = new BidRequestSignature("1.1", "sig", "kid-1", "www.example.com", "https", 1700000000000);

        var body = Encoding.UTF8.GetString(PrebidRequestWriter.Write(Full, options, TimeSpan.FromMilliseconds(750.9), signature)!);

        Assert.Equal(
            """{"id":"auction-1","imp":[{"id":"top","banner":{"format":[{"w":728,"h":90},{"w":970,"h":250}]},"tagid":"top","bidfloor":0.5,"bidfloorcur":"USD","ext":{"prebid":{"bidder":{"appnexus":{"placementId":1,"keep":"x"},"rubicon":{"accountId":9,"siteId":3}}}}},{"id":"side","banner":{"format":[{"w":300,"h":250}]},"tagid":"side","ext":{"prebid":{"bidder":{"appnexus":{}}}}}],"site":{"domain":"www.example.com","page":"https://www.example.com/news/a?b=1\u0026pbjs_debug=true","ref":"https://www.example.com/news/a?b=1","publisher":{"domain":"www.example.com"}},"device":{"ua":"UA","geo":{"type":2,"country":"DEU","region":"BE"},"dnt":1,"ipv6":"2001:db8::1","language":"de"},"user":{"id":"ec-1","consent":"TC","ext":{"consent":"TC","ConsentedProvidersSettings":{"consented_providers":"1~2"},"eids":[{"source":"id5-sync.com","uids":[{"id":"u\u003C1\u003E","atype":1},{"id":"u2"}]}]}},"test":1,"tmax":750,"cur":["USD"],"regs":{"gdpr":1,"us_privacy":"1YNN","gpp":"GPP","gpp_sid":[2,7],"ext":{"gdpr":1,"us_privacy":"1YNN","gpp":"GPP","gpp_sid":[2,7],"gpc":"1"}},"ext":{"prebid":{"debug":true,"returnallbidstatus":true},"trusted_server":{"version":"1.1","signature":"sig","kid":"kid-1","request_host":"www.example.com","request_scheme":"https","ts":1700000000000}}}""",
            body);
    }

    [Fact]
    public void Prebid_server_is_not_asked_when_no_slot_has_a_server_side_bidder()
    {
        var options = new PrebidOptions { Enabled = true, ServerUrl = new Uri("http://127.0.0.1:1/"), Bidders = ["aps"], ClientSideBidders = ["appnexus"] };
        var request = Full with { Slots = [new AdSlot { Id = "s", Formats = [new AdFormat(1, 1)], Bidders = [new("appnexus", Json("{}"))] }] };

        Assert.Null(PrebidRequestWriter.Write(request, options, TimeSpan.FromSeconds(1), null));
    }

    [Fact]
    public void Aps_gets_its_own_request_with_the_configured_inventory()
    {
        var options = new ApsOptions
        {
            Enabled = true,
            AccountId = "acct",
            InventoryDomain = "inventory.example",
            InventoryPageOrigin = new Uri("https://inventory.example"),
        };

        var body = Encoding.UTF8.GetString(ApsRequestWriter.Write(Full, options, TimeSpan.FromMilliseconds(400)));

        Assert.Equal(
            """{"id":"auction-1","imp":[{"id":"top","banner":{"format":[{"w":728,"h":90},{"w":970,"h":250}]},"bidfloor":0.5,"bidfloorcur":"USD","secure":1},{"id":"side","banner":{"format":[{"w":300,"h":250}]},"secure":1}],"site":{"domain":"inventory.example","page":"https://inventory.example/news/a","publisher":{"domain":"inventory.example"}},"device":{"ua":"UA","geo":{"type":2,"country":"DEU","region":"BE"},"dnt":1,"ip":"2001:db8::1","language":"de"},"user":{"consent":"TC","eids":[{"source":"id5-sync.com","uids":[{"id":"u\u003C1\u003E","atype":1},{"id":"u2"}]}]},"tmax":400,"cur":["USD"],"regs":{"gdpr":1,"us_privacy":"1YNN","gpp":"GPP","gpp_sid":[2,7],"ext":{"gpc":"1"}},"ext":{"account":"acct","sdk":{"source":"prebid","version":"2.2.0"}}}""",
            body);
    }

    [Fact]
    public void A_minimal_auction_leaves_out_user_regs_and_ext()
    {
        var request = new AuctionRequest
        {
            Id = "a",
            PublisherDomain = "p.example",
            PageUrl = "https://p.example/",
            Slots = [new AdSlot { Id = "s", Formats = [new AdFormat(300, 250)] }],
        };
        var options = new PrebidOptions { Enabled = true, ServerUrl = new Uri("http://127.0.0.1:1/"), Bidders = ["b"] };

        var body = Encoding.UTF8.GetString(PrebidRequestWriter.Write(request, options, TimeSpan.FromMilliseconds(0.2), null)!);

        Assert.Equal(
            """{"id":"a","imp":[{"id":"s","banner":{"format":[{"w":300,"h":250}]},"tagid":"s","ext":{"prebid":{"bidder":{"b":{}}}}}],"site":{"domain":"p.example","page":"https://p.example/","ref":"https://p.example/","publisher":{"domain":"p.example"}},"device":{},"tmax":1,"cur":["USD"]}""",
            body);
    }

    private static JsonElement Json(string text) => JsonDocument.Parse(text).RootElement.Clone();
}
