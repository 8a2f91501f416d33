using System.Net;
using System.Text.Json.Nodes;
using Microsoft.Extensions.Primitives;
using TrustedServer.Core.Configuration;
using TrustedServer.Hosting.Auction;
using TrustedServer.Privacy.EdgeCookie;
using static TrustedServer.Hosting.Tests.Auction.AuctionHarness;
using static TrustedServer.Hosting.Tests.EdgeCookie.IdentityHarness;

namespace TrustedServer.Hosting.Tests.Auction;

/// <summary>
/// <c>[integrations.prebid] consent_forwarding</c> and Google's Additional Consent string, checked on the bytes and
/// headers the loopback Prebid Server received.
/// </summary>
public sealed class ConsentForwardingTests
{
    private const string Ac = "2~1.35.41.101~dv.9.21";

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static readonly string Tc = TcString(purpose1: true);

    private static readonly string Ec = EcId.Generate("test-passphrase-long-enough", IPAddress.Loopback);

    private static string ClientCookies =>
        $"session=abc123; euconsent-v2={Tc}; __gpp_sid=2; us_privacy=1YNN; addtl_consent={Ac}; ts-ec={Ec}; theme=dark";

    [Fact]
    public async Task Both_forwards_the_visitors_cookies_and_puts_consent_and_the_AC_string_in_the_body()
    {
        var (sent, _) = await AuctionAsync(ConsentForwarding.Both, ClientCookies);

        Assert.Equal(ClientCookies, sent.Headers["Cookie"]);
        var user = sent.Json["user"]!;
        Assert.Equal(Tc, (string?)user["consent"]);
        Assert.Equal(Tc, (string?)user["ext"]!["consent"]);
        Assert.Equal(Ac, (string?)user["ext"]!["ConsentedProvidersSettings"]!["consented_providers"]);
        Assert.Equal("1YNN", (string?)sent.Json["regs"]!["us_privacy"]);
        Assert.Equal(new JsonArray(2).ToJsonString(), sent.Json["regs"]!["gpp_sid"]!.ToJsonString());
        Assert.Equal("TestBrowser/1.0", sent.Headers["User-Agent"]);
        Assert.Equal("https://www.example.com/news", sent.Headers["Referer"]);
        Assert.Equal("de", sent.Headers["Accept-Language"]);
        Assert.Equal("127.0.0.1", sent.Headers["X-Forwarded-For"]);
    }

    [Fact]
    public async Task Openrtb_only_strips_the_consent_cookies_and_keeps_consent_in_the_body()
    {
        var (sent, _) = await AuctionAsync(ConsentForwarding.OpenRtbOnly, ClientCookies);

        Assert.Equal($"session=abc123; ts-ec={Ec}; theme=dark", sent.Headers["Cookie"]);
        Assert.Equal(Tc, (string?)sent.Json["user"]!["consent"]);
        Assert.Equal(Ac, (string?)sent.Json["user"]!["ext"]!["ConsentedProvidersSettings"]!["consented_providers"]);
        Assert.Equal("1YNN", (string?)sent.Json["regs"]!["us_privacy"]);
    }

    [Fact]
    public async Task Cookies_only_forwards_the_cookies_and_leaves_what_came_from_them_out_of_the_body()
    {
        var (sent, _) = await AuctionAsync(ConsentForwarding.CookiesOnly, ClientCookies);

        Assert.Equal(ClientCookies, sent.Headers["Cookie"]);
        var user = sent.Json["user"]!;
        Assert.Equal(Ec, (string?)user["id"]);
        Assert.Null(user["consent"]);
        Assert.Null(user["ext"]?["consent"]);
        Assert.Null(user["ext"]?["ConsentedProvidersSettings"]);
        var regs = sent.Json["regs"]!;
        Assert.Equal(1, (int?)regs["gdpr"]);
        Assert.Null(regs["us_privacy"]);
        Assert.Null(regs["gpp_sid"]);
        Assert.Null(regs["ext"]?["us_privacy"]);
    }

    [Fact]
    public async Task Cookies_only_keeps_a_US_Privacy_string_synthesised_from_GPC_in_the_body()
    {
        var (sent, _) = await AuctionAsync(ConsentForwarding.CookiesOnly, "session=abc123", country: "US", region: "CA", gpc: true);

        Assert.Equal("session=abc123", sent.Headers["Cookie"]);
        Assert.Equal("1YYN", (string?)sent.Json["regs"]!["us_privacy"]);
        Assert.Equal("1", (string?)sent.Json["regs"]!["ext"]!["gpc"]);
    }

    [Fact]
    public async Task The_Edge_Cookie_is_not_forwarded_when_its_consent_does_not_hold()
    {
        // GPC in a US state: the auction may run, the Edge Cookie may not be used.
        var (sent, _) = await AuctionAsync(ConsentForwarding.Both, $"session=abc123; ts-ec={Ec}; ts-eids=W10=", country: "US", region: "CA", gpc: true);

        Assert.Equal("session=abc123; ts-eids=W10=", sent.Headers["Cookie"]);
        Assert.Null(sent.Json["user"]?["id"]);
    }

    [Fact]
    public async Task Without_cookies_no_cookie_header_and_no_AC_settings_are_sent()
    {
        var (sent, _) = await AuctionAsync(ConsentForwarding.Both, cookies: null, country: "US", region: "TX");

        Assert.False(sent.Headers.ContainsKey("Cookie"));
        Assert.Null(sent.Json["user"]);
    }

    [Fact]
    public async Task An_AC_string_that_does_not_decode_is_not_forwarded_in_the_body()
    {
        var (sent, _) = await AuctionAsync(ConsentForwarding.Both, $"euconsent-v2={Tc}; addtl_consent=3~1.2.x");

        Assert.Equal(Tc, (string?)sent.Json["user"]!["consent"]);
        Assert.Null(sent.Json["user"]!["ext"]!["ConsentedProvidersSettings"]);
    }

    [Theory]
    [InlineData(true, true, "a=1; ts-ec=E; ts-eids=X; sharedId=S; b=2")]
    [InlineData(false, true, "a=1; ts-eids=X; sharedId=S; b=2")]
    [InlineData(true, false, "a=1; ts-ec=E; b=2")]
    [InlineData(false, false, "a=1; b=2")]
    public void Identity_cookies_are_dropped_exactly_when_consent_withheld_them(bool ec, bool eids, string expected)
    {
        var forwarded = AuctionCookies.Forwardable(new StringValues(["a=1; ts-ec=E", "ts-eids=X;sharedId=S ;  b=2"]), ec, eids);

        Assert.Equal(expected, forwarded);
    }

    private static async Task<(RecordedRequest Sent, JsonNode Answer)> AuctionAsync(ConsentForwarding mode, string? cookies, string country = "DE", string? region = null, bool gpc = false)
    {
        await using var prebid = await FakeBidder.StartAsync(r => new FakeAnswer(Body: FakeBidder.Response("x")));
        var options = Options(a => a with { Providers = ["prebid"], Prebid = Prebid(prebid) with { ConsentForwarding = mode } });
        await using var proxy = await StartAsync(options);
        using var request = Post(OneSlot, country: country, region: region, cookies: cookies, referer: "https://www.example.com/news?x=1");
        request.Headers.TryAddWithoutValidation("Accept-Language", "de");
        if (gpc)
        {
            request.Headers.TryAddWithoutValidation("Sec-GPC", "1");
        }

        var (response, json) = await SendAsync(proxy, request, Ct);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return (prebid.Single, json!);
    }
}
