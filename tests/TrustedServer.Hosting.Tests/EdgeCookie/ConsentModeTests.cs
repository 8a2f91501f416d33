using TrustedServer.Core.Configuration;
using TrustedServer.Hosting.Tests.Infrastructure;
using static TrustedServer.Hosting.Tests.EdgeCookie.IdentityHarness;

namespace TrustedServer.Hosting.Tests.EdgeCookie;

public sealed class ConsentModeTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static async Task<string?> EcCookieAsync(ProxyServer proxy, HttpRequestMessage request)
    {
        using (request)
        {
            using var response = await proxy.Client.SendAsync(request, Ct);
            await response.Content.ReadAsByteArrayAsync(Ct);
            return EcSetCookie(response);
        }
    }

    [Fact]
    public async Task Proxy_mode_decodes_nothing_so_consented_GDPR_and_US_state_visitors_get_no_cookie_but_non_regulated_ones_do()
    {
        await using var origin = await StartOriginAsync();
        var options = Options(origin.Url) with { Consent = new ConsentOptions { Mode = ConsentMode.Proxy } };
        await using var proxy = await ProxyServer.StartAsync(options);

        var gdpr = await EcCookieAsync(proxy, Navigation("/page.html", cookies: "euconsent-v2=" + TcString(purpose1: true)));
        var california = await EcCookieAsync(proxy, Navigation("/page.html", country: "US", region: "CA", cookies: "us_privacy=1YNN"));
        var nonRegulated = await EcCookieAsync(proxy, Navigation("/page.html", country: "US", region: "NY"));

        Assert.Null(gdpr);
        Assert.Null(california);
        Assert.NotNull(nonRegulated);
    }

    [Fact]
    public async Task Interpreter_mode_decodes_the_same_signals_and_issues_the_cookie()
    {
        await using var origin = await StartOriginAsync();
        await using var proxy = await ProxyServer.StartAsync(Options(origin.Url));

        var gdpr = await EcCookieAsync(proxy, Navigation("/page.html", cookies: "euconsent-v2=" + TcString(purpose1: true)));
        var california = await EcCookieAsync(proxy, Navigation("/page.html", country: "US", region: "CA", cookies: "us_privacy=1YNN"));

        Assert.NotNull(gdpr);
        Assert.NotNull(california);
    }
}
