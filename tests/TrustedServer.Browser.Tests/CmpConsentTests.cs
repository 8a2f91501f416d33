using TrustedServer.Browser.Tests.Infrastructure;
using TrustedServer.Core.Configuration;

namespace TrustedServer.Browser.Tests;

/// <summary>
/// Each CMP integration in Chromium with a loopback stand-in for the CMP: the first page has no Edge Cookie (no
/// consent yet); once the visitor accepts in the CMP, the next navigation carries <c>euconsent-v2</c> and, for a GDPR
/// visitor whose TCF string consents to storage, gets <c>ts-ec</c>. Every request the page makes stays on the
/// first-party host.
/// </summary>
[Collection(BrowserTests.Name)]
public sealed class CmpConsentTests(BrowserFixture fixture) : IAsyncLifetime
{
    private const string CountryHeader = "x-geo-country";
    private const string DesktopChrome = "Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/156.0.0.0 Safari/537.36";

    private CmpStandIns? _sites;
    private ProxyHost? _proxy;

    private ProxyHost Proxy => _proxy ?? throw new InvalidOperationException("not started");

    public async ValueTask InitializeAsync()
    {
        fixture.RequireBrowser();
        _sites = await CmpStandIns.StartAsync(ConsentStrings.Tcf(purpose1: true));
        var vendor = _sites.VendorUrl;
        _proxy = await ProxyHost.StartAsync(new TrustedServerOptions
        {
            Publisher = new PublisherOptions { Domain = "localhost", OriginUrl = _sites.PublisherUrl, CookieDomain = "localhost" },
            Logging = new LoggingOptions { Level = "warning" },
            Ec = new EcOptions { Enabled = true, Passphrase = "browser-test-passphrase", Store = "memory" },
            Geo = new GeoOptions { CountryHeader = CountryHeader },
            Integrations = new IntegrationsOptions
            {
                Osano = new OsanoOptions { Enabled = true },
                Sourcepoint = new SourcepointOptions { Enabled = true, CdnOrigin = vendor },
                Didomi = new DidomiOptions { Enabled = true, SdkOrigin = vendor, ApiOrigin = vendor },
            },
        });
    }

    public async ValueTask DisposeAsync()
    {
        if (_proxy is not null)
        {
            await _proxy.DisposeAsync();
        }

        if (_sites is not null)
        {
            await _sites.DisposeAsync();
        }
    }

    [Theory]
    [InlineData("osano")]
    [InlineData("sourcepoint")]
    [InlineData("didomi")]
    public async Task After_consent_in_the_CMP_the_next_navigation_gets_the_edge_cookie_and_nothing_leaves_the_host(string cmp)
    {
        await using var session = await fixture.OpenAsync(DesktopChrome, new Dictionary<string, string> { [CountryHeader] = "DE" });
        var site = new UriBuilder(Proxy.Url) { Host = "localhost", Path = "/cmp/" + cmp }.Uri;

        var first = await session.GotoAsync(site);
        Assert.Equal(200, first.Status);
        Assert.DoesNotContain(await session.Context.CookiesAsync(), c => c.Name is "ts-ec" or "euconsent-v2");

        await session.Page.ClickAsync("#cmp-accept");
        await session.Page.WaitForSelectorAsync("body[data-consent=given]");
        await session.Page.WaitForFunctionAsync("() => document.cookie.includes('euconsent-v2=')");
        var consent = Assert.Single(await session.Context.CookiesAsync(), c => c.Name == "euconsent-v2");
        Assert.Equal(_sites!.TcString, consent.Value);

        var second = await session.GotoAsync(site);
        Assert.Equal(200, second.Status);
        Assert.Contains(await session.Context.CookiesAsync(), c => c.Name == "ts-ec" && c.HttpOnly);

        var origin = site.GetLeftPart(UriPartial.Authority) + "/";
        Assert.Empty(session.Blocked);
        Assert.All(session.Requests, url => Assert.StartsWith(origin, url, StringComparison.Ordinal));
        Assert.Empty(session.Failures);
        Assert.Empty(session.ConsoleErrors);
    }

    [Fact]
    public async Task The_osano_mirror_writes_every_signal_with_its_marker()
    {
        await using var session = await fixture.OpenAsync(DesktopChrome, new Dictionary<string, string> { [CountryHeader] = "DE" });
        var site = new UriBuilder(Proxy.Url) { Host = "localhost", Path = "/cmp/osano" }.Uri;
        await session.GotoAsync(site);

        await session.Page.ClickAsync("#cmp-accept");
        await session.Page.WaitForFunctionAsync("() => document.cookie.includes('__gpp_sid=')");

        var cookies = (await session.Context.CookiesAsync()).ToDictionary(c => c.Name, c => c.Value);
        Assert.Equal("osano", cookies["_ts_consent_src"]);
        Assert.Equal("2", cookies["__gpp_sid"]);
        Assert.Equal("DBABMA~" + _sites!.TcString, cookies["__gpp"]);
        Assert.Equal("1---", cookies["us_privacy"]);
    }

    [Fact]
    public async Task Sourcepoints_late_chunk_and_runtime_config_are_first_party()
    {
        await using var session = await fixture.OpenAsync(DesktopChrome, new Dictionary<string, string> { [CountryHeader] = "DE" });
        var site = new UriBuilder(Proxy.Url) { Host = "localhost", Path = "/cmp/sourcepoint" }.Uri;
        await session.GotoAsync(site);

        var origin = site.GetLeftPart(UriPartial.Authority);
        Assert.True(await session.Page.EvaluateAsync<bool>("() => window.__spChunk === true"));
        Assert.Equal(origin + "/integrations/sourcepoint/cdn", await session.Page.EvaluateAsync<string>("() => window._sp_.config.baseEndpoint"));
        Assert.Contains(origin + "/integrations/sourcepoint/cdn/unified/chunk.js", session.Requests);
    }
}
