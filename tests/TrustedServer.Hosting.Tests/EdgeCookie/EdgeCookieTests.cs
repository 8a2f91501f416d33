using Microsoft.Extensions.DependencyInjection;
using TrustedServer.Core.Configuration;
using TrustedServer.Hosting.Tests.Infrastructure;
using TrustedServer.Privacy.EdgeCookie.Storage;
using static TrustedServer.Hosting.Tests.EdgeCookie.IdentityHarness;

namespace TrustedServer.Hosting.Tests.EdgeCookie;

public sealed class EdgeCookieTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Theory]
    [InlineData("/page.html")]
    [InlineData("/img.png")]
    [InlineData("/missing")]
    public async Task A_GDPR_navigation_without_consent_gets_no_cookie_and_no_identity_headers(string path)
    {
        await using var origin = await StartOriginAsync();
        await using var proxy = await ProxyServer.StartAsync(Options(origin.Url));

        using var response = await proxy.Client.SendAsync(Navigation(path), Ct);
        await response.Content.ReadAsByteArrayAsync(Ct);

        Assert.Null(EcSetCookie(response));
        Assert.False(response.Headers.Contains("x-ts-eids"));
    }

    [Theory]
    [InlineData("/page.html", 200)]
    [InlineData("/img.png", 200)]
    [InlineData("/missing", 404)]
    public async Task A_GDPR_navigation_with_purpose_one_gets_a_cookie_backed_by_a_store_record_in_every_delivery_mode(string path, int status)
    {
        await using var origin = await StartOriginAsync();
        await using var proxy = await ProxyServer.StartAsync(Options(origin.Url));

        using var response = await proxy.Client.SendAsync(Navigation(path, cookies: "euconsent-v2=" + TcString(purpose1: true)), Ct);
        await response.Content.ReadAsByteArrayAsync(Ct);

        Assert.Equal(status, (int)response.StatusCode);
        var setCookie = EcSetCookie(response);
        Assert.NotNull(setCookie);
        Assert.Matches("^ts-ec=[0-9a-f]{64}\\.[A-Za-z0-9]{6}; Domain=\\.www\\.example\\.com; Path=/; Secure; SameSite=Lax; Max-Age=31536000; HttpOnly$", setCookie);
        var stored = await proxy.Services.GetRequiredService<IIdentityStore>().GetAsync(IdOf(setCookie), Ct);
        Assert.NotNull(stored);
        Assert.True(stored.Record.Consent.Ok);
        Assert.Equal("DE", stored.Record.Geo?.Country);
    }

    [Fact]
    public async Task The_ec_cookie_domain_replaces_the_default_but_the_publisher_cookie_domain_does_not()
    {
        await using var origin = await StartOriginAsync();
        var configured = ConfigLoader.Load($"""
            [publisher]
            domain = "{Domain}"
            origin_url = "{origin.Url.GetLeftPart(UriPartial.Authority)}"
            cookie_domain = ".elsewhere.test"
            [ec]
            enabled = true
            passphrase = "9f86d081884c7d659a2feaa0c55ad015a3bf4f1b"
            cookie_domain = ".example.com"
            """, "ts.toml", null);
        Assert.True(configured.Success, string.Join("\n", configured.Errors));
        var withEcDomain = Options(origin.Url) with { Ec = Options(origin.Url).Ec with { CookieDomain = configured.Options!.Ec.CookieDomain } };
        var publisherOnly = Options(origin.Url) with { Publisher = Options(origin.Url).Publisher with { CookieDomain = ".example.com" } };
        await using var ecProxy = await ProxyServer.StartAsync(withEcDomain);
        await using var publisherProxy = await ProxyServer.StartAsync(publisherOnly);
        var consent = "euconsent-v2=" + TcString(purpose1: true);

        using var ecResponse = await ecProxy.Client.SendAsync(Navigation("/page.html", cookies: consent), Ct);
        using var publisherResponse = await publisherProxy.Client.SendAsync(Navigation("/page.html", cookies: consent), Ct);

        Assert.Contains("; Domain=.example.com;", EcSetCookie(ecResponse), StringComparison.Ordinal);
        Assert.Contains("; Domain=.www.example.com;", EcSetCookie(publisherResponse), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(".other.test")]
    [InlineData("ample.com")]
    [InlineData("example.com/x")]
    public void An_ec_cookie_domain_that_does_not_cover_the_publisher_domain_is_refused(string value)
    {
        var result = ConfigLoader.Load($"[publisher]\ndomain = \"{Domain}\"\norigin_url = \"http://127.0.0.1:9\"\n[ec]\ncookie_domain = \"{value}\"\n", "ts.toml", null);

        Assert.Equal("ec.cookie_domain", Assert.Single(result.Errors).Key);
    }

    [Fact]
    public async Task A_returning_visitor_is_kept_without_a_new_cookie()
    {
        await using var origin = await StartOriginAsync();
        await using var proxy = await ProxyServer.StartAsync(Options(origin.Url));
        var tc = "euconsent-v2=" + TcString(purpose1: true);
        using var first = await proxy.Client.SendAsync(Navigation("/page.html", cookies: tc), Ct);
        var id = IdOf(EcSetCookie(first)!);

        using var second = await proxy.Client.SendAsync(Navigation("/page.html", cookies: $"{tc}; ts-ec={id}"), Ct);

        Assert.Null(EcSetCookie(second));
        Assert.Equal("leak", second.Headers.GetValues("x-ts-eids").Single());
    }

    [Fact]
    public async Task An_explicit_withdrawal_expires_the_cookie_and_tombstones_the_record()
    {
        await using var origin = await StartOriginAsync();
        await using var proxy = await ProxyServer.StartAsync(Options(origin.Url));
        using var first = await proxy.Client.SendAsync(Navigation("/page.html", cookies: "euconsent-v2=" + TcString(purpose1: true)), Ct);
        var id = IdOf(EcSetCookie(first)!);

        using var withdrawn = await proxy.Client.SendAsync(Navigation("/img.png", cookies: $"euconsent-v2={TcString(purpose1: false)}; ts-ec={id}"), Ct);

        var expire = EcSetCookie(withdrawn);
        Assert.NotNull(expire);
        Assert.StartsWith("ts-ec=; Domain=.www.example.com;", expire, StringComparison.Ordinal);
        Assert.Contains("Max-Age=0", expire, StringComparison.Ordinal);
        var stored = await proxy.Services.GetRequiredService<IIdentityStore>().GetAsync(id, Ct);
        Assert.NotNull(stored);
        Assert.True(stored.Record.IsTombstone);
    }

    [Fact]
    public async Task Unknown_jurisdiction_strips_identity_headers_without_expiring_the_cookie()
    {
        await using var origin = await StartOriginAsync();
        await using var proxy = await ProxyServer.StartAsync(Options(origin.Url));

        using var response = await proxy.Client.SendAsync(Navigation("/page.html", country: null, cookies: "ts-ec=" + new string('a', 64) + ".abcdef"), Ct);

        Assert.Null(EcSetCookie(response));
        Assert.False(response.Headers.Contains("x-ts-eids"));
    }

    [Theory]
    [InlineData("/_ts/health")]
    [InlineData("/auction")]
    public async Task Our_own_routes_and_the_auction_never_mint(string path)
    {
        await using var origin = await StartOriginAsync();
        await using var proxy = await ProxyServer.StartAsync(Options(origin.Url));

        using var response = await proxy.Client.SendAsync(Navigation(path, country: "US", region: "TX", cookies: "us_privacy=1YNN"), Ct);

        Assert.Null(EcSetCookie(response));
    }

    [Fact]
    public async Task A_non_regulated_sub_resource_request_is_not_a_navigation_and_gets_no_cookie()
    {
        await using var origin = await StartOriginAsync();
        await using var proxy = await ProxyServer.StartAsync(Options(origin.Url));
        using var request = new HttpRequestMessage(HttpMethod.Get, "/img.png");
        request.Headers.TryAddWithoutValidation("Sec-Fetch-Dest", "image");
        request.Headers.TryAddWithoutValidation("User-Agent", BrowserUa);
        request.Headers.TryAddWithoutValidation(CountryHeader, "BR");

        using var response = await proxy.Client.SendAsync(request, Ct);

        Assert.Null(EcSetCookie(response));
    }

    [Fact]
    public async Task A_failing_store_serves_the_page_without_a_cookie()
    {
        await using var origin = await StartOriginAsync();
        await using var proxy = await ProxyServer.StartAsync(
            Options(origin.Url),
            services => services.AddSingleton<IIdentityStore, FailingIdentityStore>());

        using var response = await proxy.Client.SendAsync(Navigation("/page.html", country: "BR"), Ct);
        var body = await response.Content.ReadAsStringAsync(Ct);

        Assert.Equal(200, (int)response.StatusCode);
        Assert.Contains("<a href", body, StringComparison.Ordinal);
        Assert.Null(EcSetCookie(response));
    }
}
