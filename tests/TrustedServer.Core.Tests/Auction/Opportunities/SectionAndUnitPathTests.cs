using TrustedServer.Core.Auction;
using TrustedServer.Core.Auction.Opportunities;
using TrustedServer.Core.Configuration;

namespace TrustedServer.Core.Tests.Auction.Opportunities;

public sealed class SectionAndUnitPathTests
{
    [Theory]
    [InlineData("/news/article-123", 0, "news")]
    [InlineData("/en/news/article", 1, "news")]
    [InlineData("/en", 1, null)]
    [InlineData("/", 0, null)]
    [InlineData("//", 0, null)]
    [InlineData("//news//x", 0, "news")]
    [InlineData("/new%20s", 0, "new_20s")]
    [InlineData("/a.b..c", 0, "a_b_c")]
    [InlineData("/Sport_Live-1", 0, "Sport_Live-1")]
    [InlineData("/caf\u00e9\u00e9s", 0, "caf_s")]
    public void The_section_is_the_sanitised_raw_segment(string path, int segment, string? expected) =>
        Assert.Equal(expected, SectionName.From(path, segment));

    [Fact]
    public void A_section_is_capped_at_100_bytes()
    {
        Assert.Equal(new string('a', 100), SectionName.From("/" + new string('a', 300), 0));
    }

    [Theory]
    [InlineData(null, "/123/top")]
    [InlineData("/static/unit", "/static/unit")]
    [InlineData("/{network_id}/{slot_id}", "/123/top")]
    [InlineData("/{network_id}/site/{section}", "/123/site/news")]
    public void Unit_paths_render(string? template, string expected) =>
        Assert.Equal(expected, GamUnitPath.Render(template, "123", "top", () => "news"));

    [Fact]
    public void A_dynamic_path_over_100_bytes_is_null_but_a_static_one_is_kept()
    {
        var section = new string('s', 100);
        Assert.Null(GamUnitPath.Render("/{network_id}/{section}", "123", "top", () => section));
        Assert.Equal("/123/" + new string('s', 95), GamUnitPath.Render("/{network_id}/{section}", "123", "top", () => new string('s', 95)));
        var longStatic = "/" + new string('x', 150);
        Assert.Equal(longStatic, GamUnitPath.Render(longStatic, "123", "top", () => section));
    }

    [Theory]
    [InlineData("/{network_id}/{slot_id}/{section}", null)]
    [InlineData("/{zone}/x", "{zone}")]
    [InlineData("/{network_id/x", "{network_id/x")]
    [InlineData("/a}/x", "}")]
    public void Unknown_placeholders_are_found(string template, string? expected) =>
        Assert.Equal(expected, GamUnitPath.UnknownPlaceholder(template));

    [Fact]
    public void Page_slots_match_render_and_drop_overlong_paths()
    {
        var options = new CreativeOpportunitiesOptions
        {
            GamNetworkId = "123",
            SectionRoot = "home",
            Slots =
            [
                new CreativeSlotOptions { Id = "top", DivId = "ad-top", GamUnitPath = "/{network_id}/ex/{section}", PagePatterns = ["/", "/news", "/news/*"], Formats = [new AdFormat(728, 90)] },
                new CreativeSlotOptions { Id = "side", DivId = "ad-side", PagePatterns = ["/news/*"], Formats = [new AdFormat(300, 250)] },
            ],
        };

        Assert.Equal(["/123/ex/home"], PageSlots.Match(options, "/").Select(s => s.GamUnitPath));
        Assert.Equal(["/123/ex/news"], PageSlots.Match(options, "/news").Select(s => s.GamUnitPath));
        Assert.Equal(["/123/ex/news", "/123/side"], PageSlots.Match(options, "/news/a").Select(s => s.GamUnitPath));
        Assert.Empty(PageSlots.Match(options, "/about"));

        var dropped = new List<string>();
        var longSection = new string('n', 99);
        var matched = PageSlots.Match(options with { Slots = [options.Slots[0] with { PagePatterns = ["/*"] }] }, "/" + longSection, dropped);
        Assert.Empty(matched);
        Assert.Equal(["top"], dropped);
    }
}
