using System.Text;
using TrustedServer.Core.Auction;
using TrustedServer.Core.Auction.Providers.Aps;
using TrustedServer.Core.Configuration;

namespace TrustedServer.Core.Tests.Auction;

/// <summary>What APS's winner carries to the browser: the typed renderer and its base64 envelope, byte for byte.</summary>
public sealed class ApsRendererTests
{
    [Fact]
    public void The_envelope_is_the_minimal_bid_document_the_renderer_checks()
    {
        var request = new AuctionRequest
        {
            Id = "r1",
            PublisherDomain = "www.example.com",
            PageUrl = "https://www.example.com/",
            Slots = [new AdSlot { Id = "s1", Formats = [new AdFormat(300, 250)] }],
            Device = new AuctionDevice(),
        };
        var body = """{"id":"x","cur":"USD","seatbid":[{"seat":"amazon","bid":[{"id":"b1","impid":"s1","price":1.5,"w":300,"h":250,"nurl":"https://n.example/","ext":{"creativeurl":"https://c.example/r?a=1&b=<2>","tagtype":"iframe","extra":1}}]}]}"""u8;

        var result = ApsResponseParser.Parse(body, request, new ApsOptions { Enabled = true, AccountId = "acct" }, "www.example.com");

        var renderer = Assert.Single(result.Bids).Renderer!;
        Assert.Equal("acct", renderer.AccountId);
        var envelope = Encoding.UTF8.GetString(Convert.FromBase64String(renderer.AaxResponse));
        Assert.Equal("""{"seatbid":[{"bid":[{"id":"b1","price":1.5,"w":300,"h":250,"ext":{"creativeurl":"https://c.example/r?a=1\u0026b=\u003C2\u003E","tagtype":"iframe"}}]}]}""", envelope);
    }
}
