using System.Net;
using TrustedServer.Core.Configuration;
using TrustedServer.Privacy.Consent;
using TrustedServer.Privacy.EdgeCookie;
using TrustedServer.Privacy.Tests.Consent;

namespace TrustedServer.Privacy.Tests.EdgeCookie;

public sealed class EcDeciderTests
{
    private const string Existing = "aaaaaaaabbbbbbbbccccccccddddddddeeeeeeeeffffffff0000000011111111.abcXYZ";
    private static readonly IPAddress Ip = IPAddress.Parse("198.51.100.20");
    private static readonly EcOptions Ec = new() { Passphrase = "s3cret" };

    private static EcDecision Decide(
        Jurisdiction jurisdiction,
        Dictionary<string, string>? cookies = null,
        Dictionary<string, string>? headers = null,
        string method = "GET",
        IPAddress? ip = null,
        EcRouteKind route = EcRouteKind.Organic,
        EcOptions? ec = null,
        bool noIp = false)
    {
        var h = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase)
        {
            ["User-Agent"] = RequestClassifierTests.ChromeMac,
            ["Sec-Fetch-Dest"] = "document",
        };
        foreach (var (k, v) in headers ?? [])
        {
            h[k] = v;
        }

        var c = cookies ?? [];
        return EcDecider.Decide(method, n => h.GetValueOrDefault(n), n => c.GetValueOrDefault(n), noIp ? null : ip ?? Ip, jurisdiction, route, ec ?? Ec, "example.com", new ConsentOptions(), ConsentFixtures.Now);
    }

    [Fact]
    public void A_consented_browser_navigation_without_a_cookie_mints_and_sets_the_cookie()
    {
        var d = Decide(Jurisdiction.Gdpr, new() { ["euconsent-v2"] = ConsentFixtures.Tc(true) });
        Assert.Equal(EcDecisionKind.Mint, d.Kind);
        Assert.True(EcId.IsValid(d.Id));
        Assert.Equal(EcId.Hash("s3cret", Ip), EcId.HashOf(d.Id!));
        Assert.Equal($"ts-ec={d.Id}; Domain=.example.com; Path=/; Secure; SameSite=Lax; Max-Age=31536000; HttpOnly", d.SetCookie);
    }

    [Fact]
    public void A_returning_visitor_keeps_the_cookie_without_a_refresh()
    {
        var d = Decide(Jurisdiction.NonRegulated, new() { ["ts-ec"] = Existing });
        Assert.Equal(EcDecisionKind.Keep, d.Kind);
        Assert.Equal(Existing, d.Id);
        Assert.Null(d.SetCookie);
    }

    [Fact]
    public void An_invalid_cookie_is_ignored_and_a_new_id_minted()
    {
        var d = Decide(Jurisdiction.NonRegulated, new() { ["ts-ec"] = "not-an-id" });
        Assert.Equal(EcDecisionKind.Mint, d.Kind);
        Assert.NotEqual("not-an-id", d.Id);
    }

    [Theory]
    [InlineData("gdpr-no-p1")]
    [InlineData("us-gpc")]
    [InlineData("us-usp")]
    public void An_explicit_withdrawal_with_a_cookie_expires_it_and_names_the_id_to_tombstone(string scenario)
    {
        var (jur, cookies, headers) = scenario switch
        {
            "gdpr-no-p1" => (Jurisdiction.Gdpr, new Dictionary<string, string> { ["euconsent-v2"] = ConsentFixtures.Tc(false) }, new Dictionary<string, string>()),
            "us-gpc" => (Jurisdiction.UsState("CA"), new Dictionary<string, string>(), new Dictionary<string, string> { ["Sec-GPC"] = "1" }),
            _ => (Jurisdiction.UsState("VA"), new Dictionary<string, string> { ["us_privacy"] = "1YYN" }, new Dictionary<string, string>()),
        };
        cookies["ts-ec"] = Existing;
        var d = Decide(jur, cookies, headers);
        Assert.Equal(EcDecisionKind.Withdraw, d.Kind);
        Assert.Equal(Existing, d.Id);
        Assert.Equal("ts-ec=; Domain=.example.com; Path=/; Secure; SameSite=Lax; Max-Age=0; HttpOnly", d.SetCookie);
    }

    [Fact]
    public void Withdrawal_applies_to_bots_and_non_minting_routes_too()
    {
        var cookies = new Dictionary<string, string> { ["ts-ec"] = Existing, ["euconsent-v2"] = ConsentFixtures.Tc(false) };
        var d = Decide(Jurisdiction.Gdpr, cookies, new() { ["User-Agent"] = "curl/8" }, route: EcRouteKind.NonMinting);
        Assert.Equal(EcDecisionKind.Withdraw, d.Kind);
        Assert.False(d.IsRealBrowser);
    }

    [Fact]
    public void Withdrawal_without_a_cookie_does_nothing()
    {
        var d = Decide(Jurisdiction.UsState("CA"), headers: new() { ["Sec-GPC"] = "1" });
        Assert.Equal(EcDecisionKind.None, d.Kind);
        Assert.Null(d.SetCookie);
    }

    [Theory]
    [InlineData("unknown")]
    [InlineData("gdpr-no-signal")]
    [InlineData("gdpr-bad-string")]
    [InlineData("us-no-signal")]
    public void A_fail_closed_denial_neither_mints_nor_expires_an_existing_cookie(string scenario)
    {
        var (jur, cookies) = scenario switch
        {
            "unknown" => (Jurisdiction.Unknown, new Dictionary<string, string> { ["euconsent-v2"] = ConsentFixtures.Tc(false) }),
            "gdpr-no-signal" => (Jurisdiction.Gdpr, new Dictionary<string, string>()),
            "gdpr-bad-string" => (Jurisdiction.Gdpr, new Dictionary<string, string> { ["euconsent-v2"] = "CQQQ" }),
            _ => (Jurisdiction.UsState("CA"), new Dictionary<string, string>()),
        };
        cookies["ts-ec"] = Existing;
        var d = Decide(jur, cookies);
        Assert.Equal(EcDecisionKind.None, d.Kind);
        Assert.Null(d.SetCookie);
    }

    [Theory]
    [InlineData("non-minting route")]
    [InlineData("not navigation")]
    [InlineData("accept star")]
    [InlineData("bot")]
    [InlineData("no ip")]
    [InlineData("no store")]
    [InlineData("put")]
    public void Minting_needs_an_organic_browser_navigation_a_client_ip_and_a_store(string scenario)
    {
        var d = scenario switch
        {
            "non-minting route" => Decide(Jurisdiction.NonRegulated, route: EcRouteKind.NonMinting),
            "not navigation" => Decide(Jurisdiction.NonRegulated, headers: new() { ["Sec-Fetch-Dest"] = "script" }),
            "accept star" => Decide(Jurisdiction.NonRegulated, headers: new() { ["Sec-Fetch-Dest"] = "", ["Accept"] = "*/*" }),
            "bot" => Decide(Jurisdiction.NonRegulated, headers: new() { ["User-Agent"] = RequestClassifierTests.Googlebot }),
            "no ip" => Decide(Jurisdiction.NonRegulated, noIp: true),
            "no store" => Decide(Jurisdiction.NonRegulated, ec: Ec with { Store = "" }),
            _ => Decide(Jurisdiction.NonRegulated, method: "PUT"),
        };
        Assert.Equal(EcDecisionKind.None, d.Kind);
        Assert.Null(d.SetCookie);
    }

    [Fact]
    public void A_configured_ja4_header_lets_a_fingerprinted_client_with_a_platform_through()
    {
        var ec = Ec with { Ja4Header = "X-JA4" };
        var d = Decide(Jurisdiction.NonRegulated, headers: new() { ["User-Agent"] = RequestClassifierTests.Googlebot, ["X-JA4"] = "t13d1516h2_a_b" }, ec: ec);
        Assert.Equal(EcDecisionKind.Mint, d.Kind);
        Assert.Equal(EcDecisionKind.None, Decide(Jurisdiction.NonRegulated, headers: new() { ["User-Agent"] = "curl/8", ["X-JA4"] = "t13d1516h2_a_b" }, ec: ec).Kind);
    }

    [Fact]
    public void An_html_accept_post_navigation_in_a_us_state_with_an_explicit_no_opt_out_mints()
    {
        var d = Decide(
            Jurisdiction.UsState("CA"),
            new() { ["us_privacy"] = "1YNN" },
            new() { ["Sec-Fetch-Dest"] = "", ["Accept"] = "text/html" },
            method: "POST",
            ip: IPAddress.Parse("2001:db8:1:2:3:4:5:6"));
        Assert.Equal(EcDecisionKind.Mint, d.Kind);
        Assert.Equal(EcId.Hash("s3cret", IPAddress.Parse("2001:db8:1:2::9")), EcId.HashOf(d.Id!));
    }
}
