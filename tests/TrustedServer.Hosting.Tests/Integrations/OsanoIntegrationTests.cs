using System.Net;
using TrustedServer.Core.Configuration;
using TrustedServer.Hosting.Tests.Infrastructure;
using static TrustedServer.Hosting.Tests.EdgeCookie.IdentityHarness;

namespace TrustedServer.Hosting.Tests.Integrations;

/// <summary>
/// osano: its module rides in the unified bundle only while enabled, and the cookies it writes are read by the consent
/// pipeline as they are: a navigation carrying them gets the Edge Cookie the decision tables give.
/// </summary>
public sealed class OsanoIntegrationTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static TrustedServerOptions WithOsano(TrustedServerOptions options, bool enabled) =>
        options with { Integrations = options.Integrations with { Osano = new OsanoOptions { Enabled = enabled } } };

    [Fact]
    public async Task The_module_is_in_the_unified_bundle_and_served_by_name_only_while_enabled()
    {
        await using var origin = await StartOriginAsync();
        await using var on = await ProxyServer.StartAsync(WithOsano(Options(origin.Url), true), rewriting: true);
        await using var off = await ProxyServer.StartAsync(WithOsano(Options(origin.Url), false), rewriting: true);

        var withModule = await on.Client.GetStringAsync(new Uri("/static/tsjs=tsjs-unified.min.js", UriKind.Relative), Ct);
        var without = await off.Client.GetStringAsync(new Uri("/static/tsjs=tsjs-unified.min.js", UriKind.Relative), Ct);
        using var byNameOn = await on.Client.GetAsync(new Uri("/static/tsjs=tsjs-osano.min.js", UriKind.Relative), Ct);
        using var byNameOff = await off.Client.GetAsync(new Uri("/static/tsjs=tsjs-osano.min.js", UriKind.Relative), Ct);

        Assert.Contains("_ts_consent_src", withModule, StringComparison.Ordinal);
        Assert.DoesNotContain("_ts_consent_src", without, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.OK, byNameOn.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, byNameOff.StatusCode);
    }

    [Theory]
    [InlineData("DE", null, true, true)]
    [InlineData("DE", null, false, false)]
    [InlineData("US", "CA", null, true)]
    public async Task A_navigation_with_the_mirrored_cookies_gets_the_edge_cookie_the_tables_give(string country, string? region, bool? purpose1, bool minted)
    {
        await using var origin = await StartOriginAsync();
        await using var proxy = await ProxyServer.StartAsync(WithOsano(Options(origin.Url), true));
        var cookies = purpose1 is { } p
            ? $"euconsent-v2={TcString(p)}; _ts_consent_src=osano"
            : "us_privacy=1YNN; _ts_consent_src=osano";

        using var response = await proxy.Client.SendAsync(Navigation("/page.html", country, cookies, region), Ct);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(minted, EcSetCookie(response) is not null);
    }

    [Fact]
    public async Task The_gpp_string_and_its_sections_are_read_as_the_module_writes_them()
    {
        await using var origin = await StartOriginAsync();
        await using var proxy = await ProxyServer.StartAsync(WithOsano(Options(origin.Url), true));

        using var consented = await proxy.Client.SendAsync(Navigation("/page.html", "DE", $"__gpp=DBABMA~{TcString(true)}; __gpp_sid=2; _ts_consent_src=osano"), Ct);
        using var refused = await proxy.Client.SendAsync(Navigation("/page.html", "DE", $"__gpp=DBABMA~{TcString(false)}; __gpp_sid=2; _ts_consent_src=osano"), Ct);

        Assert.NotNull(EcSetCookie(consented));
        Assert.Null(EcSetCookie(refused));
    }

    [Fact]
    public async Task A_california_visitor_who_opted_out_of_sale_gets_no_edge_cookie()
    {
        await using var origin = await StartOriginAsync();
        await using var proxy = await ProxyServer.StartAsync(WithOsano(Options(origin.Url), true));

        using var optedOut = await proxy.Client.SendAsync(Navigation("/page.html", "US", "us_privacy=1YYN; _ts_consent_src=osano", "CA"), Ct);

        Assert.Null(EcSetCookie(optedOut));
    }
}
