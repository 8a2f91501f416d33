using System.Text.Json;
using Microsoft.Playwright;
using TrustedServer.Browser.Tests.Infrastructure;

namespace TrustedServer.Browser.Tests;

/// <summary>
/// The ad paths beyond the home page's browser-side auction: the page auction the server runs while it fetches the
/// page (its slots and bids written into the page, consumed by <c>scheduleInitialAdInit</c>), an SPA navigation that
/// asks <c>/_ts/page-bids</c>, and an APS winner rendered through <c>/integrations/aps/renderer</c>.
/// </summary>
[Collection(BrowserTests.Name)]
public sealed class ServerSideAdsTests(BrowserFixture fixture)
{
    private const string DesktopChrome = "Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/156.0.0.0 Safari/537.36";

    private const string ApsSandbox = "allow-forms allow-pointer-lock allow-popups allow-popups-to-escape-sandbox allow-scripts allow-top-navigation-by-user-activation";

    private static readonly string[] Slots = ["ad-top", "ad-side"];

    [Fact]
    public async Task Once_the_CMP_consent_is_in_its_cookie_the_next_page_gets_its_bids_from_the_server_without_asking_auction()
    {
        await using var session = await fixture.OpenAsync(DesktopChrome);

        // The first page: the server does not know the visitor's consent yet, so the browser asks /auction, and tsjs
        // keeps the CMP's answer in the euconsent-v2 cookie.
        await session.GotoAsync(fixture.Proxy.Url);
        await WaitForCreativesAsync(session.Page, "#ad-top", "#ad-side");
        Assert.Contains(await session.Context.CookiesAsync(), c => c.Name == "euconsent-v2");
        var auctionsBefore = session.Requests.Count(IsAuction);
        Assert.Equal(1, auctionsBefore);

        // The next page: the server auctions it while fetching it; the slots come in the head, the bids before </body>.
        var response = await session.GotoAsync(new Uri(fixture.Proxy.Url, "/about"));
        var html = await response.TextAsync();
        var head = html[..html.IndexOf("</head>", StringComparison.Ordinal)];
        Assert.Contains("t.adSlots=", head, StringComparison.Ordinal);
        Assert.Contains("scheduleInitialAdInit", html[html.IndexOf("<body", StringComparison.Ordinal)..], StringComparison.Ordinal);

        await WaitForCreativesAsync(session.Page, "#ad-top", "#ad-side");
        await session.Page.WaitForFunctionAsync("() => window.__standInGpt && window.__standInGpt.refreshes.length > 0");
        Assert.Equal(auctionsBefore, session.Requests.Count(IsAuction));

        // The stand-in GPT got the server's slots (not the page's own list) with the server's hb_* targeting.
        using var record = JsonDocument.Parse(await session.Page.EvaluateAsync<string>("() => JSON.stringify(window.__standInGpt)"));
        var slots = record.RootElement.GetProperty("slots").EnumerateArray().ToList();
        Assert.Equal(Slots, slots.Select(s => s.GetProperty("div").GetString()));
        foreach (var slot in slots)
        {
            Assert.StartsWith("/21700000/demo/", slot.GetProperty("path").GetString(), StringComparison.Ordinal);
            Assert.Equal("1.25", slot.GetProperty("targeting").GetProperty("hb_pb")[0].GetString());
            Assert.Equal("demo_bidder", slot.GetProperty("targeting").GetProperty("hb_bidder")[0].GetString());
        }

        await AssertCleanAsync(session);
    }

    [Fact]
    public async Task A_CDN_geo_header_naming_a_jurisdiction_without_a_consent_requirement_gets_the_server_bids_on_the_first_page()
    {
        // What a CDN in front would add; the demo reads the country from X-Demo-Country.
        await using var session = await fixture.OpenAsync(DesktopChrome, new Dictionary<string, string> { ["X-Demo-Country"] = "US" });
        var response = await session.GotoAsync(fixture.Proxy.Url);
        await WaitForCreativesAsync(session.Page, "#ad-top", "#ad-side");

        Assert.Contains("scheduleInitialAdInit", await response.TextAsync(), StringComparison.Ordinal);
        Assert.DoesNotContain(session.Requests, IsAuction);
        await AssertCleanAsync(session);
    }

    [Fact]
    public async Task An_SPA_navigation_asks_page_bids_for_the_new_path_and_fills_the_new_pages_slots()
    {
        await using var session = await fixture.OpenAsync(DesktopChrome);
        await session.GotoAsync(new Uri(fixture.Proxy.Url, "/ads/spa"));
        await WaitForCreativesAsync(session.Page, "#ad-top", "#ad-side");

        var pageBids = session.Page.WaitForResponseAsync(r => r.Url.Contains("/_ts/page-bids?", StringComparison.Ordinal));
        await session.Page.ClickAsync("#next-story");
        var answer = await pageBids;

        Assert.Equal($"http://{fixture.Proxy.Authority}/_ts/page-bids?path=%2Fads%2Fspa%2Fnext", answer.Url);
        Assert.Equal("1", await answer.Request.HeaderValueAsync("x-tsjs-page-bids"));
        Assert.Equal(200, answer.Status);
        using var json = JsonDocument.Parse(await answer.TextAsync());
        Assert.Equal(["top", "side"], json.RootElement.GetProperty("slots").EnumerateArray().Select(s => s.GetProperty("id").GetString()));
        Assert.Equal("1.25", json.RootElement.GetProperty("bids").GetProperty("side").GetProperty("hb_pb").GetString());

        // The new page's own (fresh, empty) slot elements got the creatives.
        await WaitForCreativesAsync(session.Page, "#ad-top.fresh", "#ad-side.fresh");
        Assert.Equal("/ads/spa/next", await session.Page.EvaluateAsync<string>("() => location.pathname"));
        Assert.Equal(1, session.Requests.Count(url => url.Contains("/_ts/page-bids?", StringComparison.Ordinal)));
        await AssertCleanAsync(session);
    }

    [Fact]
    public async Task An_APS_winner_renders_through_the_renderer_document_in_an_opaque_frame()
    {
        await using var session = await fixture.OpenAsync(DesktopChrome);
        var renderer = session.Page.WaitForResponseAsync(r => r.Url.Contains("/integrations/aps/renderer", StringComparison.Ordinal));
        await session.GotoAsync(new Uri(fixture.Proxy.Url, "/ads/aps"));

        var frameElement = session.Page.Locator("#aps-box iframe[data-ts-bidder=aps]");
        await Assertions.Expect(session.Page.FrameLocator("#aps-box iframe").GetByText("APS demo ad 300x250")).ToBeVisibleAsync();
        await Assertions.Expect(frameElement).ToBeVisibleAsync();

        // The house ad went only once the renderer acknowledged; the frame is sandboxed without allow-same-origin.
        Assert.Equal(1, await session.Page.Locator("#aps-box > *").CountAsync());
        Assert.Equal(ApsSandbox, await frameElement.GetAttributeAsync("sandbox"));
        Assert.Matches("^/integrations/aps/renderer#nonce=[0-9a-f]{32}$", await frameElement.GetAttributeAsync("src"));
        var frame = session.Page.Frames.Single(f => f.Url.Contains("/integrations/aps/renderer", StringComparison.Ordinal));
        Assert.Equal("null", await frame.EvaluateAsync<string>("() => window.origin"));
        Assert.False(await frame.EvaluateAsync<bool>("() => { try { return !!window.parent.document; } catch (e) { return false; } }"));

        // The renderer document came with its own CSP sandbox and no referrer; its one external script is the runner.
        var document = await renderer;
        Assert.Equal($"http://{fixture.Proxy.Authority}/integrations/aps/renderer", document.Url);
        Assert.Contains("sandbox " + ApsSandbox, await document.HeaderValueAsync("content-security-policy"), StringComparison.Ordinal);
        Assert.Equal("no-referrer", await document.HeaderValueAsync("referrer-policy"));
        var runner = new Uri(fixture.Demo.Url, "/demo-aps/prebid-creative.js").ToString();
        Assert.Contains(runner, session.Requests);
        Assert.DoesNotContain(session.Requests, url => url.StartsWith($"http://{fixture.Demo.Url.Authority}/", StringComparison.Ordinal) && url != runner);
        await AssertCleanAsync(session);
    }

    private static bool IsAuction(string url) => url.EndsWith("/auction", StringComparison.Ordinal);

    private static async Task WaitForCreativesAsync(IPage page, params string[] slots)
    {
        foreach (var slot in slots)
        {
            await page.WaitForSelectorAsync($"{slot} iframe");
            await Assertions.Expect(page.FrameLocator($"{slot} iframe").GetByText("Demo ad 1.25 CPM")).ToBeVisibleAsync();
        }
    }

    private static Task AssertCleanAsync(BrowserSession session)
    {
        Assert.Empty(session.Blocked);
        Assert.True(session.ConsoleErrors.Count == 0, "console errors:\n" + string.Join("\n", session.ConsoleErrors));
        Assert.True(session.Failures.Count == 0, "failed requests:\n" + string.Join("\n", session.Failures));
        return Task.CompletedTask;
    }
}
