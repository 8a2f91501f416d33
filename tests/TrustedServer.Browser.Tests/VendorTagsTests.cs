using System.Collections.Concurrent;
using System.Security.Cryptography;
using System.Text.Json;
using TrustedServer.Browser.Tests.Infrastructure;
using TrustedServer.Core.Configuration;

namespace TrustedServer.Browser.Tests;

/// <summary>
/// The demo's tags page (GPT, GTM and Prebid.js pasted as publishers do, naming Google's hosts and a public CDN)
/// through Trusted Server with the gpt, google_tag_manager and prebid integrations on, their upstreams pointing at a
/// loopback stand-in for Google and the CDN. Real Prebid.js (the npm build from <c>tsjs/prebid-bundle</c>) runs with
/// the trustedServer adapter and bids through <c>/auction</c> against the demo's stand-in Prebid Server.
/// </summary>
[Collection(BrowserTests.Name)]
public sealed class VendorTagsTests(BrowserFixture fixture)
{
    private const string DesktopChrome = "Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/156.0.0.0 Safari/537.36";

    // A visitor outside the GDPR's reach (the demo reads the country from a header): the page has no CMP, and /auction
    // would otherwise need a TCF string with purpose 1.
    private static readonly KeyValuePair<string, string>[] UsVisitor = [new("X-Demo-Country", "US")];

    [Fact]
    public async Task Every_vendor_tag_is_served_first_party_and_nothing_leaves_the_host()
    {
        await using var google = await GoogleStandIn.StartAsync(PrebidBundleFile.Read());
        await using var proxy = await ProxyHost.StartAsync(Options(google));
        await using var session = await fixture.OpenAsync(DesktopChrome, UsVisitor);

        await session.GotoAsync(new Uri(proxy.Url, "/tags"));
        await session.Page.WaitForFunctionAsync("() => window.demoBidsBack === true && window.__standInGtagSent === true");
        await session.Page.WaitForLoadStateAsync(Microsoft.Playwright.LoadState.NetworkIdle);

        Assert.Empty(session.Blocked);
        var foreign = session.Requests.Where(url => !url.StartsWith("about:", StringComparison.Ordinal) && new Uri(url).Authority != proxy.Authority).ToList();
        Assert.True(foreign.Count == 0, "requests off the first-party host:\n" + string.Join("\n", foreign));
        Assert.True(session.ConsoleErrors.Count == 0, "console errors:\n" + string.Join("\n", session.ConsoleErrors));
        Assert.True(session.Failures.Count == 0, "failed requests:\n" + string.Join("\n", session.Failures));

        // GPT's loader, the implementation it inserted at run time (rerouted by the script guard), GTM's container,
        // the gtag.js it loaded, the GA4 hit, and the Prebid.js bundle all came through the integrations' routes.
        var paths = session.Requests.Select(url => new Uri(url).PathAndQuery).ToList();
        Assert.Contains("/integrations/gpt/script", paths);
        Assert.Contains("/integrations/gpt" + GoogleStandIn.ImplPath + "?cb=31", paths);
        Assert.Contains("/integrations/google_tag_manager/gtm.js?id=GTM-DEMO01", paths);
        Assert.Contains("/integrations/google_tag_manager/gtag/js?id=G-DEMO0001", paths);
        Assert.Contains(paths, p => p.StartsWith("/integrations/google_tag_manager/g/collect?v=2&tid=G-DEMO0001&en=page_view", StringComparison.Ordinal));
        Assert.Contains(paths, p => p.StartsWith("/integrations/prebid/bundle.js?v=", StringComparison.Ordinal));
        Assert.DoesNotContain(paths, p => p.Contains("prebid.js@", StringComparison.Ordinal));
        Assert.Contains("GET " + GoogleStandIn.ImplPath + "?cb=31", google.Requests);
        Assert.Contains(google.Requests, r => r.StartsWith("POST /g/collect?v=2&tid=G-DEMO0001", StringComparison.Ordinal));
        Assert.Contains("GET " + GoogleStandIn.BundlePath, google.Requests);
    }

    [Fact]
    public async Task Real_Prebid_js_bids_through_auction_and_sets_the_winners_hb_targeting()
    {
        await using var google = await GoogleStandIn.StartAsync(PrebidBundleFile.Read());
        await using var proxy = await ProxyHost.StartAsync(Options(google));
        await using var session = await fixture.OpenAsync(DesktopChrome, UsVisitor);
        var auctions = new ConcurrentQueue<string>();
        session.Page.Request += (_, request) =>
        {
            if (new Uri(request.Url).AbsolutePath == "/auction")
            {
                auctions.Enqueue(request.PostData ?? string.Empty);
            }
        };

        await session.GotoAsync(new Uri(proxy.Url, "/tags"));
        await session.Page.WaitForFunctionAsync("() => window.demoBidsBack === true");

        // The real Prebid.js, not a stand-in.
        Assert.Equal("v11.36.0", await session.Page.EvaluateAsync<string>("() => pbjs.version"));

        // One /auction call with both ad units, their server-side bidders and params, and the SharedID EID.
        var body = JsonDocument.Parse(Assert.Single(auctions)).RootElement;
        var units = body.GetProperty("adUnits").EnumerateArray().ToList();
        Assert.Equal(["ad-top", "ad-side"], units.Select(u => u.GetProperty("code").GetString()));
        Assert.Equal("kargo", units[0].GetProperty("bids")[0].GetProperty("bidder").GetString());
        Assert.Equal("demo-top", units[0].GetProperty("bids")[0].GetProperty("params").GetProperty("placementId").GetString());
        Assert.Equal("appnexus", units[1].GetProperty("bids")[0].GetProperty("bidder").GetString());
        Assert.Equal("[[300,250]]", units[1].GetProperty("mediaTypes").GetProperty("banner").GetProperty("sizes").GetRawText());
        Assert.Equal("pubcid.org", body.GetProperty("eids")[0].GetProperty("source").GetString());

        // The stand-in Prebid Server's winner ($1.25 from demo_bidder) came back as a Prebid.js bid for each unit.
        var bids = await session.Page.EvaluateAsync<JsonElement>(
            "() => Object.fromEntries(Object.entries(pbjs.getBidResponses()).map(([code, r]) => [code, r.bids.map(b => ({ bidder: b.bidderCode, adapter: b.adapterCode, cpm: b.cpm, size: b.size, ad: b.ad }))]))");
        foreach (var (code, size) in new[] { ("ad-top", "728x90"), ("ad-side", "300x250") })
        {
            var bid = Assert.Single(bids.GetProperty(code).EnumerateArray());
            Assert.Equal("demo_bidder", bid.GetProperty("bidder").GetString());
            Assert.Equal("trustedServer", bid.GetProperty("adapter").GetString());
            Assert.Equal(1.25, bid.GetProperty("cpm").GetDouble());
            Assert.Equal(size, bid.GetProperty("size").GetString());
            Assert.Contains("Demo ad 1.25 CPM", bid.GetProperty("ad").GetString(), StringComparison.Ordinal);
        }

        // hb_* targeting, in Prebid.js and on the page's GPT slots (set by setTargetingForGPTAsync), then one refresh.
        var targeting = await session.Page.EvaluateAsync<JsonElement>("() => pbjs.getAdserverTargeting()");
        Assert.Equal("1.20", targeting.GetProperty("ad-top").GetProperty("hb_pb").GetString());
        Assert.Equal("demo_bidder", targeting.GetProperty("ad-top").GetProperty("hb_bidder").GetString());
        Assert.Equal("300x250", targeting.GetProperty("ad-side").GetProperty("hb_size").GetString());
        var slots = await session.Page.EvaluateAsync<JsonElement>(
            "() => ({ refreshes: __standInGpt.refreshes, slots: __standInGpt.slots.map(s => [s.div, (s.targeting.hb_pb || [])[0], (s.targeting.hb_bidder || [])[0]]) })");
        Assert.Equal("""[["ad-top","1.20","demo_bidder"],["ad-side","1.20","demo_bidder"]]""", slots.GetProperty("slots").GetRawText());
        Assert.Equal(1, slots.GetProperty("refreshes").GetInt32());

        // The IDs are kept in ts-eids (base64 JSON) for the server's later requests.
        var cookies = await session.Context.CookiesAsync([proxy.Url.ToString()]);
        var eids = JsonDocument.Parse(Convert.FromBase64String(Uri.UnescapeDataString(Assert.Single(cookies, c => c.Name == "ts-eids").Value))).RootElement;
        Assert.Equal("pubcid.org", eids[0].GetProperty("source").GetString());
        Assert.True(session.ConsoleErrors.Count == 0, "console errors:\n" + string.Join("\n", session.ConsoleErrors));
    }

    [Fact]
    public async Task A_GDPR_visitors_consent_from_the_CMP_reaches_auction_through_Prebid_js()
    {
        await using var google = await GoogleStandIn.StartAsync(PrebidBundleFile.Read());
        await using var proxy = await ProxyHost.StartAsync(Options(google));
        await using var session = await fixture.OpenAsync(DesktopChrome, [new("X-Demo-Country", "DE")]);
        var tcString = ConsentStrings.Tcf(purpose1: true);

        // A CMP that answers through the IAB API only (it writes no cookie): Prebid.js's consent module asks it.
        await session.Page.AddInitScriptAsync($$"""
            window.__tcfapi = function (command, version, callback) {
              var data = { tcString: "{{tcString}}", gdprApplies: true, eventStatus: "tcloaded", cmpStatus: "loaded", listenerId: 1,
                purpose: { consents: { 1: true, 4: true } }, vendor: { consents: {} } };
              if (command === "addEventListener" || command === "getTCData") { callback(data, true); }
              else if (command === "ping") { callback({ gdprApplies: true, cmpLoaded: true, cmpStatus: "loaded" }, true); }
              else if (command === "removeEventListener") { callback(true, true); }
            };
            """);

        await session.GotoAsync(new Uri(proxy.Url, "/tags"));
        await session.Page.WaitForFunctionAsync("() => window.demoBidsBack === true");

        var cookies = await session.Context.CookiesAsync([proxy.Url.ToString()]);
        Assert.Equal(tcString, Assert.Single(cookies, c => c.Name == "euconsent-v2").Value);
        var winners = await session.Page.EvaluateAsync<string[]>("() => Object.values(pbjs.getBidResponses()).flatMap(r => r.bids.map(b => b.adUnitCode + ' ' + b.bidderCode + ' ' + b.cpm))");
        Assert.Equal(["ad-top demo_bidder 1.25", "ad-side demo_bidder 1.25"], winners);
        Assert.True(session.ConsoleErrors.Count == 0, "console errors:\n" + string.Join("\n", session.ConsoleErrors));
    }

    /// <summary>The demo's configuration with the three integrations on and their upstreams at the stand-in; no
    /// server-side ad slots, so the page's own Prebid.js is the only auction.</summary>
    private TrustedServerOptions Options(GoogleStandIn google)
    {
        var demo = fixture.DemoOptions();
        return demo with
        {
            CreativeOpportunities = null,
            Auction = demo.Auction with
            {
                Prebid = demo.Auction.Prebid with
                {
                    Bidders = ["kargo", "appnexus"],
                    Client = new PrebidClientOptions
                    {
                        AccountId = "demo-gazette",
                        ExternalBundleUrl = new Uri(google.Url, GoogleStandIn.BundlePath),
                        ExternalBundleSha256 = Convert.ToHexStringLower(SHA256.HashData(google.Bundle)),
                    },
                },
            },
            Integrations = new IntegrationsOptions
            {
                Gpt = new GptOptions { Enabled = true, ScriptUrl = new Uri(google.Url, "/tag/js/gpt.js") },
                GoogleTagManager = new GoogleTagManagerOptions { Enabled = true, ContainerId = "GTM-DEMO01", UpstreamUrl = google.Url, AnalyticsUrl = google.Url },
            },
        };
    }
}
