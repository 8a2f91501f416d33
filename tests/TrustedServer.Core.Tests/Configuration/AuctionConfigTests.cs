using System.Text.Json;
using TrustedServer.Core.Configuration;

namespace TrustedServer.Core.Tests.Configuration;

public sealed class AuctionConfigTests
{
    private const string Publisher = """
        [publisher]
        domain = "www.example.com"
        origin_url = "https://origin.example.com"

        """;

    private static ConfigLoadResult Load(string toml, Dictionary<string, string?>? env = null) =>
        ConfigLoader.Load(Publisher + toml, "test.toml", env ?? []);

    [Fact]
    public void Defaults_leave_the_auction_off()
    {
        var auction = Load(string.Empty).Options!.Auction;

        Assert.False(auction.Enabled);
        Assert.Empty(auction.Providers);
        Assert.Null(auction.Mediator);
        Assert.Equal(TimeSpan.FromMilliseconds(2000), auction.Timeout);
        Assert.False(auction.SanitizeCreatives);
        Assert.True(auction.RewriteCreatives);
        Assert.Equal(1024 * 1024, auction.MaxResponseBytes);
        Assert.Equal(TimeSpan.FromMilliseconds(1000), auction.Prebid.Timeout);
        Assert.Equal(["mocktioneer"], auction.Prebid.Bidders);
        Assert.Equal(new Uri("https://web.ads.aps.amazon-adsystem.com/e/pb/bid"), auction.Aps.Endpoint);
        Assert.Equal(TimeSpan.FromMilliseconds(800), auction.Aps.Timeout);
        Assert.Equal(new Uri("https://client.aps.amazon-adsystem.com/prebid-creative.js"), auction.Aps.RunnerUrl);
        Assert.Equal(TimeSpan.FromMilliseconds(500), auction.AdServerMock.Timeout);
    }

    [Fact]
    public void A_full_configuration_binds()
    {
        var result = Load("""
            [auction]
            enabled = true
            providers = ["prebid", "aps"]
            mediator = "adserver_mock"
            timeout_ms = 1500
            allowed_context_keys = ["section"]
            sanitize_creatives = true
            rewrite_creatives = false
            max_response_bytes = 2048

            [integrations.prebid]
            enabled = true
            server_url = "http://127.0.0.1:9/openrtb2/auction"
            timeout_ms = 700
            bidders = ["appnexus", "kargo"]
            client_side_bidders = ["rubicon"]
            debug = true
            test_mode = true
            debug_query_params = "?pbjs_debug=true"
            bid_param_overrides = { appnexus = { member = 7 } }
            suppress_nurl_bidders = ["kargo"]
            compress_requests = true

            [integrations.prebid.bid_param_overrides.criteo]
            networkId = 99999

            [integrations.prebid.bid_param_zone_overrides.kargo]
            header = { placementId = "_s2sHeader" }

            [[integrations.prebid.bid_param_override_rules]]
            when.bidder = "kargo"
            when.zone = "header"
            set = { placementId = "_rule", keep = "server" }

            [integrations.aps]
            enabled = true
            account_id = "acct-1"
            endpoint = "http://127.0.0.1:9/e/pb/bid"
            timeout_ms = 300
            inventory_domain = "publisher.example"
            inventory_page_origin = "https://www.publisher.example"
            allow_script_creatives = true
            runner_url = "http://127.0.0.1:9/aps/prebid-creative.js"

            [integrations.adserver_mock]
            enabled = true
            endpoint = "http://127.0.0.1:9/adserver/mediate"
            timeout_ms = 200
            price_floor = 0.5
            context_query_params = ["section"]
            """);

        Assert.True(result.Success, string.Join("\n", result.Errors));
        var a = result.Options!.Auction;
        Assert.True(a.Enabled);
        Assert.Equal(["prebid", "aps"], a.Providers);
        Assert.Equal("adserver_mock", a.Mediator);
        Assert.Equal(TimeSpan.FromMilliseconds(1500), a.Timeout);
        Assert.Equal(2048, a.MaxResponseBytes);
        Assert.True(a.SanitizeCreatives);
        Assert.False(a.RewriteCreatives);
        Assert.Equal("pbjs_debug=true", a.Prebid.DebugQueryParams);
        Assert.True(a.Prebid.CompressRequests);
        Assert.Equal(
            ["appnexus|*|{\"member\":7}", "criteo|*|{\"networkId\":99999}", "kargo|header|{\"placementId\":\"_s2sHeader\"}", "kargo|header|{\"placementId\":\"_rule\",\"keep\":\"server\"}"],
            a.Prebid.OverrideRules.Select(r => $"{r.Bidder}|{r.Zone ?? "*"}|{JsonSerializer.Serialize(r.Set)}"));
        Assert.Equal("acct-1", a.Aps.AccountId);
        Assert.Equal(new Uri("https://www.publisher.example"), a.Aps.InventoryPageOrigin);
        Assert.Equal(new Uri("http://127.0.0.1:9/aps/prebid-creative.js"), a.Aps.RunnerUrl);
        Assert.Equal(0.5, a.AdServerMock.PriceFloor);
        Assert.Equal(["section"], a.AdServerMock.ContextQueryParams);
    }

    [Theory]
    [InlineData("[auction]\nenabled = true\nproviders = [\"prebid\", \"openx\"]\n[integrations.prebid]\nenabled = true\nserver_url = \"http://127.0.0.1:9/\"", "auction.providers", 3, "\"openx\" is not a provider")]
    [InlineData("[auction]\nenabled = true\nproviders = [\"prebid\"]\nmediator = \"nobody\"\n[integrations.prebid]\nenabled = true\nserver_url = \"http://127.0.0.1:9/\"", "auction.mediator", 4, "\"nobody\" is not a provider")]
    [InlineData("[auction]\nenabled = true\nproviders = [\"adserver_mock\"]\nmediator = \"adserver_mock\"\n[integrations.adserver_mock]\nenabled = true\nendpoint = \"http://127.0.0.1:9/\"", "auction.mediator", 4, "also in providers")]
    [InlineData("[integrations.prebid]\nenabled = true", "integrations.prebid.server_url", 1, "is required")]
    [InlineData("[integrations.adserver_mock]\nenabled = true", "integrations.adserver_mock.endpoint", 1, "is required")]
    [InlineData("[integrations.aps]\nenabled = true", "integrations.aps.account_id", 1, "is required")]
    [InlineData("[auction]\nenabled = true\nproviders = [\"aps\"]", "auction.providers", 3, "not enabled")]
    [InlineData("[auction]\nenabled = true", "auction.providers", 1, "at least one provider")]
    [InlineData("[auction]\ntimeout_ms = 0", "auction.timeout_ms", 2, "")]
    [InlineData("[integrations.prebid]\nserver_url = \"ftp://x\"", "integrations.prebid.server_url", 2, "absolute http")]
    [InlineData("[integrations.prebid]\nbogus = 1", "integrations.prebid.bogus", 2, "unknown key")]
    [InlineData("[integrations.adserver_mock]\nprice_floor = -1.0", "integrations.adserver_mock.price_floor", 2, "at least 0")]
    [InlineData("[integrations.aps]\ninventory_domain = \"a.example\"", "integrations.aps.inventory_page_origin", 1, "together")]
    [InlineData("[integrations.aps]\ninventory_domain = \"a.example\"\ninventory_page_origin = \"https://evil.example\"", "integrations.aps.inventory_page_origin", 3, "inventory_domain")]
    [InlineData("[integrations.aps]\nrunner_url = \"http://client.aps.example/prebid-creative.js\"", "integrations.aps.runner_url", 2, "https://")]
    [InlineData("[integrations.aps]\nrunner_url = \"https://user:pw@client.aps.example/prebid-creative.js\"", "integrations.aps.runner_url", 2, "credentials")]
    [InlineData("[integrations.aps]\nrunner_url = \"https://client.aps.example/prebid-creative.js?v=1\"", "integrations.aps.runner_url", 2, "query")]
    [InlineData("[integrations.aps]\nrunner_url = \"/prebid-creative.js\"", "integrations.aps.runner_url", 2, "https://")]
    [InlineData("[[integrations.prebid.bid_param_override_rules]]\nwhen.bidder = \"kargo\"", "integrations.prebid.bid_param_override_rules[0].set", 1, "non-empty")]
    [InlineData("[integrations.prebid.bid_param_zone_overrides.kargo]\nheader = 5", "integrations.prebid.bid_param_zone_overrides.kargo.header", 2, "table of params")]
    public void Invalid_values_name_the_key_and_line(string toml, string key, int line, string message)
    {
        var result = Load(toml);

        Assert.False(result.Success);
        var error = Assert.Single(result.Errors, e => e.Key == key);
        Assert.Equal(line + 3, error.Line);
        Assert.Contains(message, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Environment_overrides_bind_lists_and_json_tables()
    {
        var result = Load("[integrations.prebid]\nenabled = true\nserver_url = \"http://127.0.0.1:9/\"\n", new()
        {
            ["TRUSTED_SERVER__AUCTION__ENABLED"] = "true",
            ["TRUSTED_SERVER__AUCTION__PROVIDERS"] = "prebid",
            ["TRUSTED_SERVER__AUCTION__TIMEOUT_MS"] = "900",
            ["TRUSTED_SERVER__INTEGRATIONS__PREBID__BID_PARAM_OVERRIDES"] = "{\"criteo\":{\"networkId\":1}}",
            ["TRUSTED_SERVER__INTEGRATIONS__PREBID__BID_PARAM_OVERRIDE_RULES"] = "[{\"when\":{\"bidder\":\"kargo\"},\"set\":{\"placementId\":null}}]",
        });

        Assert.True(result.Success, string.Join("\n", result.Errors));
        var a = result.Options!.Auction;
        Assert.True(a.Enabled);
        Assert.Equal(["prebid"], a.Providers);
        Assert.Equal(TimeSpan.FromMilliseconds(900), a.Timeout);
        Assert.Equal(
            ["criteo|{\"networkId\":1}", "kargo|{\"placementId\":null}"],
            a.Prebid.OverrideRules.Select(r => $"{r.Bidder}|{JsonSerializer.Serialize(r.Set)}"));
    }
}
