using System.Text;
using TrustedServer.Core.Rewriting.Urls;

namespace TrustedServer.Core.Tests.Urls;

public sealed class UrlMapperSettingsTagFilterTests
{
    private static readonly UrlMapperSettings Settings =
        UrlMapperSettings.Create("https://www.test-publisher.com", [new HostMapping("cdn.test-publisher.net", "/cdn")]);

    [Theory]
    [InlineData("<p>", false)]
    [InlineData("<div class=\"a b\" data-n=\"1.5\">", false)]
    [InlineData("<a href=\"/x\">", false)]
    [InlineData("<img src=\"a/b/c.png\"/>", false)]
    [InlineData("<br/>", false)]
    [InlineData("<a title=\"x\\u002fy\" data-v='\\'>", false)]
    [InlineData("<a href=\"//elsewhere.example/x\">", true)]
    [InlineData("<a href=\"https://elsewhere.example/\">", true)]
    [InlineData("<div data-u=\"https:\\/\\/elsewhere.example\">", true)]
    [InlineData("<a href=www.test-publisher.com>", true)]
    [InlineData("<a href=\"WWW.TEST-PUBLISHER.COM\">", true)]
    [InlineData("<img src=CDN.test-publisher.NET>", true)]
    [InlineData("<a href=www.test-publisher.co>", false)]
    [InlineData("<a href=w>", false)]
    public void A_tag_is_skipped_only_when_nothing_in_it_can_be_mapped(string tag, bool expected) =>
        Assert.Equal(expected, Settings.CouldMapInTag(Encoding.ASCII.GetBytes(tag)));
}
