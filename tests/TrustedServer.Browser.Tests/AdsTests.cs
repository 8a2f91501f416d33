using System.Text.Json;
using Microsoft.Playwright;
using TrustedServer.Browser.Tests.Infrastructure;

namespace TrustedServer.Browser.Tests;

/// <summary>
/// Ads on the demo page, driven by tsjs in the page: the bundle asks <c>/auction</c> for the page's two slots, renders
/// each winner in a sandboxed frame, hands the <c>hb_*</c> targeting to GPT (the demo's stand-in), and routes clicks
/// through <c>/first-party/click</c>. Without consent no auction runs and the page is whole.
/// </summary>
[Collection(BrowserTests.Name)]
public sealed class AdsTests(BrowserFixture fixture)
{
    // Chromium's own User-Agent says HeadlessChrome; a visitor's says Chrome.
    private const string DesktopChrome = "Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/156.0.0.0 Safari/537.36";

    private static readonly string[] Slots = ["ad-top", "ad-side"];

    [Fact]
    public async Task The_demo_page_shows_the_winning_creative_in_both_slots_in_sandboxed_frames_all_first_party()
    {
        await using var session = await fixture.OpenAsync(DesktopChrome);
        var response = await session.GotoAsync(fixture.Proxy.Url);
        await WaitForAdsAsync(session.Page);

        Assert.Equal(200, response.Status);
        foreach (var slot in Slots)
        {
            var frames = await session.Page.EvaluateAsync<string[]>($"() => Array.from(document.querySelectorAll('#{slot} iframe')).map(f => f.getAttribute('sandbox'))");
            var sandbox = Assert.Single(frames);
            Assert.Equal("allow-forms allow-popups allow-popups-to-escape-sandbox allow-scripts allow-top-navigation-by-user-activation", sandbox);
            Assert.DoesNotContain("allow-same-origin", sandbox, StringComparison.Ordinal);
            await Assertions.Expect(session.Page.FrameLocator($"#{slot} iframe").GetByText("Demo ad 1.25 CPM")).ToBeVisibleAsync();

            // An opaque origin: the creative cannot reach the publisher's document.
            var frame = session.Page.Frames.Single(f => f.ParentFrame == session.Page.MainFrame && f.Name == string.Empty && IsIn(session.Page, f, slot).Result);
            Assert.Equal("null", await frame.EvaluateAsync<string>("() => window.origin"));
            Assert.False(await frame.EvaluateAsync<bool>("() => { try { return !!window.parent.document; } catch (e) { return false; } }"));

            // The click guard ran before the creative's markup, loaded from the first-party host.
            var loaded = await frame.EvaluateAsync<string[]>("() => performance.getEntriesByType('resource').map(e => e.name)");
            Assert.Contains(loaded, url => url.StartsWith($"http://{fixture.Proxy.Authority}/static/tsjs=tsjs-creative.min.js?v=", StringComparison.Ordinal));
        }

        Assert.Empty(session.Blocked);
        var foreign = session.Requests.Where(url => !url.StartsWith("about:", StringComparison.Ordinal) && new Uri(url).Authority != fixture.Proxy.Authority).ToList();
        Assert.True(foreign.Count == 0, "requests off the first-party host:\n" + string.Join("\n", foreign));
        Assert.True(session.ConsoleErrors.Count == 0, "console errors:\n" + string.Join("\n", session.ConsoleErrors));
        Assert.True(session.Failures.Count == 0, "failed requests:\n" + string.Join("\n", session.Failures));

        await session.ScreenshotAsync(Path.Combine(RepoPaths.Screenshots, "ads", "demo-ads.png"));
    }

    [Fact]
    public async Task The_stand_in_GPT_got_both_slots_with_the_winners_hb_targeting_and_one_refresh()
    {
        await using var session = await fixture.OpenAsync(DesktopChrome);
        await session.GotoAsync(fixture.Proxy.Url);
        await WaitForAdsAsync(session.Page);
        await session.Page.WaitForFunctionAsync("() => window.__standInGpt && window.__standInGpt.refreshes.length > 0");

        using var record = JsonDocument.Parse(await session.Page.EvaluateAsync<string>("() => JSON.stringify(window.__standInGpt)"));
        var root = record.RootElement;
        var slots = root.GetProperty("slots").EnumerateArray().ToList();
        Assert.Equal(["/21765378893/gazette/top", "/21765378893/gazette/side"], slots.Select(s => s.GetProperty("path").GetString()));
        Assert.Equal(Slots, slots.Select(s => s.GetProperty("div").GetString()));
        foreach (var slot in slots)
        {
            var targeting = slot.GetProperty("targeting");
            Assert.Equal("1.25", targeting.GetProperty("hb_pb")[0].GetString());
            Assert.Equal("demo_bidder", targeting.GetProperty("hb_bidder")[0].GetString());
            Assert.False(string.IsNullOrEmpty(targeting.GetProperty("hb_auction_id")[0].GetString()));
        }

        Assert.Equal("atf", slots[0].GetProperty("targeting").GetProperty("pos")[0].GetString());
        Assert.True(root.GetProperty("servicesEnabled").GetBoolean());
        Assert.Equal(Slots, root.GetProperty("refreshes")[0].EnumerateArray().Select(e => e.GetString()));
    }

    [Fact]
    public async Task A_click_on_a_creative_goes_through_first_party_click_to_the_landing_page()
    {
        await using var session = await fixture.OpenAsync(DesktopChrome);
        var clicks = new System.Collections.Concurrent.ConcurrentQueue<IResponse>();
        session.Context.Response += (_, response) =>
        {
            if (response.Url.Contains("/first-party/click?", StringComparison.Ordinal))
            {
                clicks.Enqueue(response);
            }
        };
        await session.GotoAsync(fixture.Proxy.Url);
        await WaitForAdsAsync(session.Page);

        // The landing page itself is never reached: every other host name resolves to nothing in this browser.
        var popup = await session.Page.RunAndWaitForPopupAsync(() =>
            session.Page.FrameLocator("#ad-side iframe").GetByText("Demo ad 1.25 CPM").ClickAsync());
        await popup.WaitForLoadStateAsync(LoadState.DOMContentLoaded);

        var click = Assert.Single(clicks);
        Assert.StartsWith($"http://{fixture.Proxy.Authority}/first-party/click?tsurl=https%3A%2F%2Fadvertiser.example%2Flanding", click.Url, StringComparison.Ordinal);
        Assert.Contains("tstoken=", click.Url, StringComparison.Ordinal);
        Assert.Equal(302, click.Status);
        Assert.Equal("https://advertiser.example/landing?campaign=demo", await click.HeaderValueAsync("location"));
    }

    [Fact]
    public async Task With_consent_withheld_no_auction_runs_and_the_page_still_renders()
    {
        // A GDPR visitor whose CMP has not answered, so no consent cookie: the server's consent gate answers without
        // calling a bidder.
        await using var session = await fixture.OpenAsync(DesktopChrome, new Dictionary<string, string> { ["X-Demo-Country"] = "DE" });
        await session.Page.AddInitScriptAsync("window.__tcfapi = function (command, version, callback) { callback(null, false); };");
        var auction = session.Page.WaitForResponseAsync(r => r.Url.EndsWith("/auction", StringComparison.Ordinal));
        var response = await session.GotoAsync(fixture.Proxy.Url);
        var answer = await (await auction).JsonAsync();

        Assert.Equal(200, response.Status);
        Assert.Equal(0, answer!.Value.GetProperty("seatbid").GetArrayLength());
        Assert.False(answer.Value.TryGetProperty("ext", out _), "a refused auction reports no providers: " + answer);
        await AssertNoAdsAndWholePageAsync(session);
    }

    [Fact]
    public async Task A_CMP_that_reports_refused_storage_stops_the_browser_from_asking_for_an_auction()
    {
        await using var session = await fixture.OpenAsync(DesktopChrome);
        await session.Page.AddInitScriptAsync(
            "window.__tcfapi = function (cmd, v, cb) { cb({ gdprApplies: true, tcString: 'CQ', purpose: { consents: { '1': false } } }, true); };");
        await session.GotoAsync(fixture.Proxy.Url);
        await session.Page.WaitForFunctionAsync("() => window.tsjs && window.tsjs.loaded === true");
        await session.Page.WaitForLoadStateAsync(LoadState.NetworkIdle);

        Assert.DoesNotContain(session.Requests, url => url.EndsWith("/auction", StringComparison.Ordinal));
        await AssertNoAdsAndWholePageAsync(session);
    }

    private static async Task AssertNoAdsAndWholePageAsync(BrowserSession session)
    {
        Assert.Equal(0, await session.Page.Locator(".ts-ad iframe").CountAsync());
        await Assertions.Expect(session.Page.GetByRole(AriaRole.Heading, new() { Name = "The Example Gazette" })).ToBeVisibleAsync();
        Assert.True(await session.Page.EvaluateAsync<bool>("() => Array.from(document.images).every(i => i.complete && i.naturalWidth > 0)"));
        Assert.True(session.ConsoleErrors.Count == 0, "console errors:\n" + string.Join("\n", session.ConsoleErrors));
        Assert.Empty(session.Blocked);
    }

    private static async Task WaitForAdsAsync(IPage page)
    {
        foreach (var slot in Slots)
        {
            await page.WaitForSelectorAsync($"#{slot} iframe");
            await Assertions.Expect(page.FrameLocator($"#{slot} iframe").GetByText("Demo ad 1.25 CPM")).ToBeVisibleAsync();
        }
    }

    private static async Task<bool> IsIn(IPage page, IFrame frame, string slot)
    {
        var element = await frame.FrameElementAsync();
        return await element.EvaluateAsync<bool>($"(f) => f.parentElement && f.parentElement.id === '{slot}'");
    }
}
