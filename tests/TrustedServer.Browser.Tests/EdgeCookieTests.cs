using Microsoft.Playwright;
using TrustedServer.Browser.Tests.Infrastructure;
using TrustedServer.Core.Configuration;

namespace TrustedServer.Browser.Tests;

/// <summary>
/// The Edge Cookie in a real browser: Chromium must accept the <c>ts-ec</c> cookie Trusted Server sends (domain,
/// Secure on a loopback host, HttpOnly), and only a visitor whose consent allows it gets one.
/// </summary>
[Collection(BrowserTests.Name)]
public sealed class EdgeCookieTests(BrowserFixture fixture) : IAsyncLifetime
{
    private const string CountryHeader = "x-geo-country";

    // Chromium's own User-Agent says HeadlessChrome, which the bot gate rightly refuses; a visitor's says Chrome.
    private const string DesktopChrome = "Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/156.0.0.0 Safari/537.36";

    private ProxyHost? _proxy;

    private ProxyHost Proxy => _proxy ?? throw new InvalidOperationException("not started");

    public async ValueTask InitializeAsync()
    {
        fixture.RequireBrowser();
        _proxy = await ProxyHost.StartAsync(fixture.DemoOptions() with
        {
            Ec = new EcOptions { Enabled = true, Passphrase = "browser-test-passphrase", Store = "memory" },
            Geo = new GeoOptions { CountryHeader = CountryHeader },
        });
    }

    public async ValueTask DisposeAsync()
    {
        if (_proxy is not null)
        {
            await _proxy.DisposeAsync();
        }
    }

    [Fact]
    public async Task A_GDPR_visitor_who_consented_gets_an_http_only_ts_ec_cookie()
    {
        var cookies = await VisitAsync(country: "DE", euconsent: ConsentStrings.Tcf(purpose1: true));

        var ec = Assert.Single(cookies, c => c.Name == "ts-ec");
        Assert.NotEmpty(ec.Value);
        Assert.True(ec.HttpOnly);
        Assert.True(ec.Secure);
        Assert.Equal("/", ec.Path);
    }

    [Fact]
    public async Task A_GDPR_visitor_without_a_consent_cookie_gets_no_ts_ec_cookie()
    {
        var cookies = await VisitAsync(country: "DE", euconsent: null);

        Assert.DoesNotContain(cookies, c => c.Name == "ts-ec");
    }

    [Fact]
    public async Task A_GDPR_visitor_who_refused_storage_gets_no_ts_ec_cookie()
    {
        var cookies = await VisitAsync(country: "DE", euconsent: ConsentStrings.Tcf(purpose1: false));

        Assert.DoesNotContain(cookies, c => c.Name == "ts-ec");
    }

    [Fact]
    public async Task A_consenting_visitor_without_a_geo_header_gets_no_ts_ec_cookie()
    {
        var cookies = await VisitAsync(country: null, euconsent: ConsentStrings.Tcf(purpose1: true));

        Assert.DoesNotContain(cookies, c => c.Name == "ts-ec");
    }

    /// <summary>Loads the home page through the proxy at <c>localhost</c> (the demo's publisher domain) and returns the browser's cookies.</summary>
    private async Task<IReadOnlyList<BrowserContextCookiesResult>> VisitAsync(string? country, string? euconsent)
    {
        var headers = country is null ? null : new Dictionary<string, string> { [CountryHeader] = country };
        await using var session = await fixture.OpenAsync(DesktopChrome, headers);
        var site = new UriBuilder(Proxy.Url) { Host = "localhost" }.Uri;
        if (euconsent is not null)
        {
            await session.Context.AddCookiesAsync([new Cookie { Name = "euconsent-v2", Value = euconsent, Url = site.GetLeftPart(UriPartial.Authority) }]);
        }

        var response = await session.GotoAsync(site);
        Assert.Equal(200, response.Status);
        var cookies = await session.Context.CookiesAsync();
        Assert.DoesNotContain("ts-ec", await session.Page.EvaluateAsync<string>("() => document.cookie"));
        return cookies;
    }
}
