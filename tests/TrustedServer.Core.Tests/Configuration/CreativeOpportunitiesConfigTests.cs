using TrustedServer.Core.Auction;
using TrustedServer.Core.Configuration;

namespace TrustedServer.Core.Tests.Configuration;

public sealed class CreativeOpportunitiesConfigTests
{
    private const string Publisher = """
        [publisher]
        domain = "www.example.com"
        origin_url = "https://origin.example.com"

        """;

    private const string Slot = """
        [[creative_opportunities.slot]]
        id = "top"
        page_patterns = ["/", "/news/*"]
        formats = [{ width = 728, height = 90 }]

        """;

    private static ConfigLoadResult Load(string toml, Dictionary<string, string?>? env = null) =>
        ConfigLoader.Load(Publisher + toml, "test.toml", env ?? []);

    private static void AssertError(ConfigLoadResult result, string key, string fragment)
    {
        Assert.Null(result.Options);
        Assert.Contains(result.Errors, e => e.Key == key && e.Message.Contains(fragment, StringComparison.Ordinal) && e.Line is not null);
    }

    [Fact]
    public void Without_the_section_there_are_no_opportunities_and_debug_is_off()
    {
        var options = Load(string.Empty).Options!;

        Assert.Null(options.CreativeOpportunities);
        Assert.False(options.Debug.AuctionHtmlComment);
        Assert.Equal("redacted", options.Debug.AuctionComment.Verbosity);
        Assert.False(options.Debug.AuctionComment.Pretty);
    }

    [Fact]
    public void A_full_section_binds()
    {
        var options = Load("""
            [creative_opportunities]
            gam_network_id = "123"
            price_granularity = "medium"
            section_root = "home"
            section_segment = 1
            auction_timeout_ms = 500

            [[creative_opportunities.slot]]
            id = "top"
            gam_unit_path = "/{network_id}/site/{section}"
            div_id = "ad-top"
            page_patterns = ["/", "/news/*"]
            formats = [{ width = 728, height = 90 }, { width = 970, height = 250 }]
            floor_price = 0.5
            targeting = { pos = "atf" }
            providers = ["prebid"]

            [[creative_opportunities.slot]]
            id = "side"
            page_patterns = ["/*"]
            formats = [{ width = 300, height = 250 }]

            [debug]
            auction_html_comment = true

            [debug.auction_html_comment_options]
            verbosity = "full"
            format = "pretty"
            include_bids = false
            """).Options!;

        var co = options.CreativeOpportunities!;
        Assert.Equal("123", co.GamNetworkId);
        Assert.Equal(PriceGranularity.Medium, co.PriceGranularity);
        Assert.Equal("home", co.SectionRoot);
        Assert.Equal(1, co.SectionSegment);
        Assert.Equal(TimeSpan.FromMilliseconds(500), co.AuctionTimeout);
        Assert.Equal(2, co.Slots.Count);
        var top = co.Slots[0];
        Assert.Equal("ad-top", top.DivId);
        Assert.Equal([new AdFormat(728, 90), new AdFormat(970, 250)], top.Formats);
        Assert.Equal(0.5, top.FloorPrice);
        Assert.Equal("atf", top.Targeting["pos"]);
        Assert.Equal(["prebid"], top.Providers);
        Assert.Equal("side", co.Slots[1].DivId);
        Assert.Null(co.Slots[1].GamUnitPath);
        Assert.True(options.Debug.AuctionHtmlComment);
        Assert.Equal("full", options.Debug.AuctionComment.Verbosity);
        Assert.True(options.Debug.AuctionComment.Pretty);
        Assert.False(options.Debug.AuctionComment.IncludeBids);
    }

    [Fact]
    public void An_empty_section_is_present_without_slots()
    {
        var co = Load("[creative_opportunities]\n").Options!.CreativeOpportunities!;

        Assert.Empty(co.Slots);
        Assert.Null(co.AuctionTimeout);
    }

    [Fact]
    public void The_environment_overrides_the_section_keys()
    {
        var co = Load("[creative_opportunities]\ngam_network_id = \"1\"\n" + Slot, new() { ["TRUSTED_SERVER__CREATIVE_OPPORTUNITIES__AUCTION_TIMEOUT_MS"] = "750" }).Options!.CreativeOpportunities!;

        Assert.Equal(TimeSpan.FromMilliseconds(750), co.AuctionTimeout);
    }

    [Theory]
    [InlineData("[[creative_opportunities.slot]]\nid = \"\"\npage_patterns = [\"/\"]\nformats = [{ width = 1, height = 1 }]\n", "creative_opportunities.slot[0].id", "must not be empty")]
    [InlineData("[[creative_opportunities.slot]]\npage_patterns = [\"/\"]\nformats = [{ width = 1, height = 1 }]\n", "creative_opportunities.slot[0].id", "is required")]
    [InlineData("[creative_opportunities]\ngam_network_id = \"1\"\n" + Slot + Slot, "creative_opportunities.slot[1].id", "unique")]
    [InlineData("[creative_opportunities]\ngam_network_id = \"1\"\n[[creative_opportunities.slot]]\nid = \"a\"\ngam_unit_path = \"/1/{section}\"\npage_patterns = [\"/\"]\nformats = [{ width = 1, height = 1 }]\n", "creative_opportunities.section_root", "{section}")]
    [InlineData("[creative_opportunities]\nsection_root = \"a b\"\n", "creative_opportunities.section_root", "A-Z")]
    [InlineData("[creative_opportunities]\n" + Slot, "creative_opportunities.gam_network_id", "is required")]
    [InlineData("[creative_opportunities]\nprice_granularity = \"fine\"\n", "creative_opportunities.price_granularity", "must be one of")]
    [InlineData("[creative_opportunities]\nsection_segment = -1\n", "creative_opportunities.section_segment", "between 0")]
    [InlineData("[creative_opportunities]\nauction_timeout_ms = 0\n", "creative_opportunities.auction_timeout_ms", "at least 1")]
    [InlineData("[[creative_opportunities.slot]]\nid = \"a\"\ngam_unit_path = \"/x/{zone}\"\npage_patterns = [\"/\"]\nformats = [{ width = 1, height = 1 }]\n", "creative_opportunities.slot[0].gam_unit_path", "{zone}")]
    [InlineData("[[creative_opportunities.slot]]\nid = \"a\"\ngam_unit_path = \"/x\"\npage_patterns = [\"news/*\"]\nformats = [{ width = 1, height = 1 }]\n", "creative_opportunities.slot[0].page_patterns", "must start with")]
    [InlineData("[[creative_opportunities.slot]]\nid = \"a\"\ngam_unit_path = \"/x\"\npage_patterns = [\"/news/**\"]\nformats = [{ width = 1, height = 1 }]\n", "creative_opportunities.slot[0].page_patterns", "**")]
    [InlineData("[[creative_opportunities.slot]]\nid = \"a\"\ngam_unit_path = \"/x\"\npage_patterns = [\"/a?b=1\"]\nformats = [{ width = 1, height = 1 }]\n", "creative_opportunities.slot[0].page_patterns", "no query")]
    [InlineData("[[creative_opportunities.slot]]\nid = \"a\"\ngam_unit_path = \"/x\"\npage_patterns = []\nformats = [{ width = 1, height = 1 }]\n", "creative_opportunities.slot[0].page_patterns", "at least one")]
    [InlineData("[[creative_opportunities.slot]]\nid = \"a\"\ngam_unit_path = \"/x\"\npage_patterns = [\"/\"]\nformats = [{ width = 0, height = 90 }]\n", "creative_opportunities.slot[0].formats", "between 1")]
    [InlineData("[[creative_opportunities.slot]]\nid = \"a\"\ngam_unit_path = \"/x\"\npage_patterns = [\"/\"]\nformats = [[728, 90]]\n", "creative_opportunities.slot[0].formats", "{ width = W")]
    [InlineData("[[creative_opportunities.slot]]\nid = \"a\"\ngam_unit_path = \"/x\"\npage_patterns = [\"/\"]\n", "creative_opportunities.slot[0].formats", "is required")]
    [InlineData("[[creative_opportunities.slot]]\nid = \"a\"\ngam_unit_path = \"/x\"\npage_patterns = [\"/\"]\nformats = [{ width = 1, height = 1 }]\nproviders = [\"nosuch\"]\n", "creative_opportunities.slot[0].providers", "not a bidding provider")]
    [InlineData("[[creative_opportunities.slot]]\nid = \"a\"\ngam_unit_path = \"/x\"\npage_patterns = [\"/\"]\nformats = [{ width = 1, height = 1 }]\nproviders = [\"adserver_mock\"]\n", "creative_opportunities.slot[0].providers", "not a bidding provider")]
    [InlineData("[[creative_opportunities.slot]]\nid = \"a\"\ngam_unit_path = \"/x\"\npage_patterns = [\"/\"]\nformats = [{ width = 1, height = 1 }]\nfloor_price = -1\n", "creative_opportunities.slot[0].floor_price", "at least 0")]
    [InlineData("[[creative_opportunities.slot]]\nid = \"a\"\ngam_unit_path = \"/x\"\npage_patterns = [\"/\"]\nformats = [{ width = 1, height = 1 }]\ntargeting = { pos = 1 }\n", "creative_opportunities.slot[0].targeting", "must be a string")]
    [InlineData("[[creative_opportunities.slot]]\nid = \"a\"\ngam_unit_path = \"/x\"\npage_patterns = [\"/\"]\nformats = [{ width = 1, height = 1 }]\ncolour = \"red\"\n", "creative_opportunities.slot[0].colour", "unknown key")]
    [InlineData("[debug.auction_html_comment_options]\nverbosity = \"loud\"\n", "debug.auction_html_comment_options.verbosity", "must be one of")]
    [InlineData("[debug.auction_html_comment_options]\nformat = \"yaml\"\n", "debug.auction_html_comment_options.format", "compact or pretty")]
    public void Invalid_values_are_reported_with_key_and_line(string toml, string key, string fragment) =>
        AssertError(Load(toml), key, fragment);
}
