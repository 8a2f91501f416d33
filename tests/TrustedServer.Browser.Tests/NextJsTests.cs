using TrustedServer.Browser.Tests.Infrastructure;
using TrustedServer.Core.Configuration;
using TrustedServer.Hosting.Tests.Infrastructure;

namespace TrustedServer.Browser.Tests;

/// <summary>
/// The real Next.js fixture site through Trusted Server with <c>[integrations.nextjs]</c>: the page hydrates with no
/// console error (a URL changed in the payload but not in the HTML would be React's error #418), client navigation to
/// the second page fetches its Flight through us, rewritten, and nothing is asked of the origin or off loopback.
/// </summary>
[Collection(BrowserTests.Name)]
public sealed class NextJsTests(BrowserFixture fixture)
{
    private static TrustedServerOptions Options(Uri origin) => new()
    {
        Publisher = new PublisherOptions { Domain = "www.example.com", OriginUrl = origin },
        Integrations = new IntegrationsOptions { NextJs = new NextJsOptions { Enabled = true } },
        Logging = new LoggingOptions { Level = "warning" },
    };

    [Fact]
    public async Task App_router_page_hydrates_and_client_navigation_goes_through_the_proxy_rewritten()
    {
        fixture.RequireBrowser();
        await using var origin = await NextJsOrigin.StartAsync(TestContext.Current.CancellationToken);
        await using var proxy = await ProxyHost.StartAsync(Options(origin.Url));
        var session = await fixture.OpenAsync();
        await using (session)
        {
            await session.GotoAsync(new Uri(proxy.Url, "/"));
            await session.Page.WaitForSelectorAsync("#card[data-hydrated=yes]");
            await session.Page.WaitForSelectorAsync("#slow-link");

            Assert.Equal($"http://{proxy.Authority}/card-target", await session.Page.GetAttributeAsync("#card a", "href"));
            Assert.Equal($"http://{proxy.Authority}/streamed", await session.Page.GetAttributeAsync("#slow-link", "href"));
            Assert.Equal($"http://{origin.Authority}/articles/shown", await session.Page.TextContentAsync("#shown-url"));

            await session.Page.ClickAsync("#to-second");
            await session.Page.WaitForSelectorAsync("#second-card[data-hydrated=yes]");

            Assert.EndsWith("/second", session.Page.Url, StringComparison.Ordinal);
            Assert.Contains(session.Requests, r => r.StartsWith($"http://{proxy.Authority}/second?_rsc", StringComparison.Ordinal));

            // Rendered in the browser from the client navigation's Flight, which we rewrote.
            Assert.Equal($"http://{proxy.Authority}/second-card", await session.Page.GetAttributeAsync("#second-card a", "href"));
            Assert.Equal($"http://{proxy.Authority}/second.svg", await session.Page.GetAttributeAsync("#second-card img", "src"));
            Assert.Equal($"http://{proxy.Authority}/second-target", await session.Page.GetAttributeAsync("#second-link", "href"));
            Assert.Equal($"http://{origin.Authority}/articles/second", await session.Page.TextContentAsync("#second-shown-url"));

            AssertCleanAndFirstParty(session, proxy, origin);
        }
    }

    [Fact]
    public async Task Pages_router_page_hydrates_with_its_next_data_mapped()
    {
        fixture.RequireBrowser();
        await using var origin = await NextJsOrigin.StartAsync(TestContext.Current.CancellationToken);
        await using var proxy = await ProxyHost.StartAsync(Options(origin.Url));
        var session = await fixture.OpenAsync();
        await using (session)
        {
            await session.GotoAsync(new Uri(proxy.Url, "/legacy"));

            var props = await session.Page.EvaluateAsync<string[]>("() => { const p = window.__NEXT_DATA__.props.pageProps; return [p.href, p.url, p.shown]; }");
            Assert.Equal([$"http://{proxy.Authority}/legacy-target", $"http://{proxy.Authority}/legacy.svg", $"http://{origin.Authority}/legacy-shown"], props);
            Assert.Equal($"http://{proxy.Authority}/legacy-target", await session.Page.GetAttributeAsync("#legacy-link", "href"));
            AssertCleanAndFirstParty(session, proxy, origin);
        }
    }

    private static void AssertCleanAndFirstParty(BrowserSession session, ProxyHost proxy, NextJsOrigin origin)
    {
        // tsjs's history hook asks /_ts/page-bids on every client navigation, which answers 404 on a site without
        // [creative_opportunities]; that is the SDK's, not the page's, and says nothing about hydration.
        var errors = session.ConsoleErrors.Where(e => !e.Contains("/_ts/page-bids?", StringComparison.Ordinal)).ToList();
        Assert.True(errors.Count == 0, "console errors: " + string.Join(" | ", errors));
        // Next.js's router cancels its own prefetches of the next page (it does so against the origin directly too).
        var failures = session.Failures
            .Where(e => !e.Contains("/_ts/page-bids?", StringComparison.Ordinal))
            .Where(e => !(e.Contains("?_rsc=", StringComparison.Ordinal) && e.EndsWith("(net::ERR_ABORTED)", StringComparison.Ordinal)))
            .ToList();
        Assert.True(failures.Count == 0, "failures: " + string.Join(" | ", failures));
        Assert.NotEmpty(session.Requests);
        Assert.All(session.Requests, r => Assert.StartsWith($"http://{proxy.Authority}/", r, StringComparison.Ordinal));
        Assert.DoesNotContain(session.Requests, r => r.Contains(origin.Authority, StringComparison.Ordinal));
    }
}
