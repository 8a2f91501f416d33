
using TrustedServer.Core.Rewriting.Creative;
using TrustedServer.Core.UrlParsing;

namespace TrustedServer.Core.Tests.FirstParty;

public sealed class CreativeUrlRulesTests
{
    [Theory]
    [InlineData("img", "src", CreativeUrlKind.Proxy)]
    [InlineData("IMG", "SRC", CreativeUrlKind.Proxy)]
    [InlineData("img", "data-src", CreativeUrlKind.Proxy)]
    [InlineData("img", "srcset", CreativeUrlKind.Srcset)]
    [InlineData("source", "srcset", CreativeUrlKind.Srcset)]
    [InlineData("link", "imagesrcset", CreativeUrlKind.Srcset)]
    [InlineData("script", "src", CreativeUrlKind.Proxy)]
    [InlineData("iframe", "src", CreativeUrlKind.Proxy)]
    [InlineData("video", "src", CreativeUrlKind.Proxy)]
    [InlineData("audio", "src", CreativeUrlKind.Proxy)]
    [InlineData("source", "src", CreativeUrlKind.Proxy)]
    [InlineData("object", "data", CreativeUrlKind.Proxy)]
    [InlineData("embed", "src", CreativeUrlKind.Proxy)]
    [InlineData("image", "href", CreativeUrlKind.Proxy)]
    [InlineData("image", "xlink:href", CreativeUrlKind.Proxy)]
    [InlineData("use", "href", CreativeUrlKind.Proxy)]
    [InlineData("use", "xlink:href", CreativeUrlKind.Proxy)]
    [InlineData("a", "href", CreativeUrlKind.Click)]
    [InlineData("area", "href", CreativeUrlKind.Click)]
    [InlineData("div", "style", CreativeUrlKind.Style)]
    [InlineData("a", "style", CreativeUrlKind.Style)]
    [InlineData("video", "poster", CreativeUrlKind.None)]
    [InlineData("form", "action", CreativeUrlKind.None)]
    [InlineData("div", "src", CreativeUrlKind.None)]
    [InlineData("a", "ping", CreativeUrlKind.None)]
    [InlineData("object", "src", CreativeUrlKind.None)]
    [InlineData("img", "href", CreativeUrlKind.None)]
    public void Handler_set_matches_the_original(string element, string attribute, CreativeUrlKind expected)
    {
        Assert.Equal(expected, CreativeUrlRules.Classify(element, attribute));
    }

    [Theory]
    [InlineData("stylesheet", CreativeUrlKind.Proxy)]
    [InlineData("StyleSheet preload", CreativeUrlKind.Proxy)]
    [InlineData("preload", CreativeUrlKind.Proxy)]
    [InlineData("prefetch", CreativeUrlKind.Proxy)]
    [InlineData("modulepreload", CreativeUrlKind.Proxy)]
    [InlineData("icon", CreativeUrlKind.None)]
    [InlineData("canonical", CreativeUrlKind.None)]
    [InlineData(null, CreativeUrlKind.None)]
    public void Link_href_depends_on_rel(string? rel, CreativeUrlKind expected)
    {
        Assert.Equal(expected, CreativeUrlRules.Classify("link", "href", name => name == "rel" ? rel : null));
    }

    [Theory]
    [InlineData("image", CreativeUrlKind.Proxy)]
    [InlineData("IMAGE", CreativeUrlKind.Proxy)]
    [InlineData("text", CreativeUrlKind.None)]
    [InlineData(null, CreativeUrlKind.None)]
    public void Input_src_depends_on_type(string? type, CreativeUrlKind expected)
    {
        Assert.Equal(expected, CreativeUrlRules.Classify("input", "src", name => name == "type" ? type : null));
    }

    [Fact]
    public void Base_is_removed_and_style_text_is_css()
    {
        Assert.True(CreativeUrlRules.IsRemovedElement("BASE"));
        Assert.False(CreativeUrlRules.IsRemovedElement("body"));
        Assert.True(CreativeUrlRules.IsStyleElement("style"));
        Assert.False(CreativeUrlRules.IsStyleElement("script"));
        Assert.Equal("data-tsclick", CreativeUrlRules.ClickCopyAttribute);
    }

    [Theory]
    [InlineData("//cdn.example/x", "https://cdn.example/x")]
    [InlineData("HTTPS://cdn.example/x", "HTTPS://cdn.example/x")]
    [InlineData("http://cdn.example/x", "http://cdn.example/x")]
    [InlineData("   //cdn.example/y  ", "https://cdn.example/y")]
    [InlineData("//cdn.example.com:8080/asset.js", "https://cdn.example.com:8080/asset.js")]
    [InlineData("/local/x", null)]
    [InlineData("local/x", null)]
    [InlineData("../x", null)]
    [InlineData("", null)]
    [InlineData("   ", null)]
    [InlineData(null, null)]
    [InlineData("data:image/png;base64,abcd", null)]
    [InlineData("javascript:alert(1)", null)]
    [InlineData("JavaScript:alert(1)", null)]
    [InlineData("mailto:test@example.com", null)]
    [InlineData("tel:+15551234", null)]
    [InlineData("blob:https://cdn.example/123", null)]
    [InlineData("about:blank", null)]
    [InlineData("ftp://cdn.example/x", null)]
    public void To_absolute_follows_the_original(string? value, string? expected)
    {
        Assert.Equal(expected, CreativeUrlRules.ToAbsolute(value, DomainPatternList.Empty));
    }

    [Theory]
    [InlineData("https://trusted.example/a.png", null)]
    [InlineData("//TRUSTED.example/a.png", null)]
    [InlineData("https://img.cdn.example/a.png", null)]
    [InlineData("https://cdn.example:8443/a.png", null)]
    [InlineData("https://sub.trusted.example/a.png", "https://sub.trusted.example/a.png")]
    [InlineData("https://notcdn.example/a.png", "https://notcdn.example/a.png")]
    public void Excluded_domains_are_left_alone(string value, string? expected)
    {
        var excluded = new DomainPatternList(["trusted.example", "*.cdn.example"]);

        Assert.Equal(expected, CreativeUrlRules.ToAbsolute(value, excluded));
    }
}
