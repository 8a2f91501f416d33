using System.Text.Json.Nodes;
using TrustedServer.Hosting.Demo;
using TrustedServer.Hosting.Tests.Infrastructure;

namespace TrustedServer.Hosting.Tests.Demo;

public sealed class DemoAdSlotsTests
{
    [Fact]
    public async Task A_demo_page_gets_its_two_slots_and_the_fake_bidders_winners()
    {
        var ct = TestContext.Current.CancellationToken;
        await using var demo = await DemoOrigin.StartAsync(ct);
        await using var proxy = await ProxyServer.StartAsync(demo.Options() with { Logging = new() { Level = "warning" } }, rewriting: true);
        using var request = new HttpRequestMessage(HttpMethod.Get, "/");
        request.Headers.TryAddWithoutValidation("Accept", "text/html");
        request.Headers.TryAddWithoutValidation("X-Demo-Country", "US");

        using var response = await proxy.Client.SendAsync(request, ct);
        var body = await response.Content.ReadAsStringAsync(ct);

        var slots = JsonNode.Parse(AdSlots.AdSlotsHarness.Between(body, "t.adSlots=", ";})(window);"))!.AsArray();
        Assert.Equal(["ad-top", "ad-side"], slots.Select(s => (string)s!["div_id"]!));
        Assert.Equal("/21700000/demo/home", (string)slots[0]!["gam_unit_path"]!);
        var bids = JsonNode.Parse(AdSlots.AdSlotsHarness.Between(body, "var b=", ";if(typeof"))!.AsObject();
        Assert.Equal(["top", "side"], bids.Select(b => b.Key));
        Assert.Equal(728, (int)bids["top"]!["w"]!);
        Assert.Matches("^[0-9]+\\.[0-9]{2}$", (string)bids["top"]!["hb_pb"]!);
    }
}
