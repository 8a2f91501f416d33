using TrustedServer.Core.Rewriting.Html;
using static TrustedServer.Core.Tests.Html.HtmlRewriterHarness;

namespace TrustedServer.Core.Tests.Html;

public sealed class HtmlRewriterAttributeTests
{
    private static string SetHref(string html, string value) =>
        Run(new HtmlRewriterSettings().OnElement("a", e => e.SetAttribute("href", value)), html);

    [Theory]
    [InlineData("<a href=\"x\">", "<a href=\"y\">")]
    [InlineData("<a href='x'>", "<a href='y'>")]
    [InlineData("<a href=x>", "<a href=y>")]
    [InlineData("<a HREF = \"x\"  id=1>", "<a HREF = \"y\"  id=1>")]
    [InlineData("<a href>", "<a href=\"y\">")]
    [InlineData("<a>", "<a href=\"y\">")]
    [InlineData("<a/>", "<a href=\"y\"/>")]
    [InlineData("<a id=q/>", "<a id=q/ href=\"y\">")]
    public void Setting_a_value_keeps_the_original_quote_style(string input, string expected) =>
        Assert.Equal(expected, SetHref(input, "y"));

    [Theory]
    [InlineData("<a href=\"x\">", "a\"b'c", "<a href=\"a&quot;b'c\">")]
    [InlineData("<a href='x'>", "a\"b'c", "<a href='a\"b&#39;c'>")]
    [InlineData("<a href=x>", "a b", "<a href=\"a b\">")]
    [InlineData("<a href=x>", "", "<a href=\"\">")]
    [InlineData("<a href=x>", "a\"b", "<a href=\"a&quot;b\">")]
    [InlineData("<a href=\"x\">", "/r?a=1&b=2", "<a href=\"/r?a=1&b=2\">")]
    [InlineData("<a href=\"x\">", "/r?a=1&copy;", "<a href=\"/r?a=1&amp;copy;\">")]
    [InlineData("<a href=\"x\">", "<&>", "<a href=\"<&>\">")]
    public void Setting_a_value_escapes_only_what_the_quote_style_needs(string input, string value, string expected) =>
        Assert.Equal(expected, SetHref(input, value));

    [Fact]
    public void Values_are_given_decoded_and_unchanged_attributes_are_never_rewritten()
    {
        string? seen = null;
        var settings = new HtmlRewriterSettings().OnElement("a", e =>
        {
            seen = e.GetAttribute("href");
            e.SetAttribute("title", "t");
        });
        var input = "<A Href='/x?a=1&amp;b=&lt;2&gt;&copy=3' DATA-x=\"&quot;\" title=old >";
        Assert.Equal("<A Href='/x?a=1&amp;b=&lt;2&gt;&copy=3' DATA-x=\"&quot;\" title=t >", Run(settings, input));
        Assert.Equal("/x?a=1&b=<2>&copy=3", seen);
    }

    [Fact]
    public void Raw_values_can_be_scanned_and_set_without_decoding()
    {
        var settings = new HtmlRewriterSettings().OnElement("*", e =>
        {
            for (var i = 0; i < e.AttributeCount; i++)
            {
                var raw = e.GetAttributeValueBytes(i);
                if (raw.IndexOf("//o.com"u8) >= 0)
                {
                    e.SetAttributeRawValue(i, [.. "//p.com/?a=1&amp;b=2"u8]);
                }
            }
        });
        Assert.Equal("<img src=\"//p.com/?a=1&amp;b=2\" alt=x><p data-u='//p.com/?a=1&amp;b=2'>",
            Run(settings, "<img src=\"//o.com/\" alt=x><p data-u='//o.com/'>"));
    }

    [Fact]
    public void Attributes_can_be_removed_and_added()
    {
        var settings = new HtmlRewriterSettings().OnElement("img", e =>
        {
            e.RemoveAttribute("srcset");
            e.RemoveAttribute(0);
            e.SetAttribute("loading", "lazy");
        });
        Assert.Equal("<img src=a loading=\"lazy\" />", Run(settings, "<img id=1 srcset=\"x 1w\" src=a />"));
        Assert.Equal("<IMG loading=\"lazy\">", Run(settings, "<IMG data-a=1>"));
    }

    [Fact]
    public void Later_handlers_see_earlier_handlers_edits()
    {
        var settings = new HtmlRewriterSettings()
            .OnElement("a", e =>
            {
                e.SetAttribute("href", "/one");
                e.SetAttribute("data-new", "1");
                e.SetAttribute("data-gone", "1");
            })
            .OnElement("a", e =>
            {
                Assert.Equal("/one", e.GetAttribute("href"));
                Assert.Equal("1", e.GetAttribute("data-new"));
                Assert.Equal(-1, e.IndexOfAttribute("data-new"));
                e.RemoveAttribute("data-gone");
                e.SetAttribute("data-new", "2");
            });
        Assert.Equal("<a href=\"/one\" data-new=\"2\">", Run(settings, "<a href=\"x\">"));
    }

    [Fact]
    public void Duplicate_attributes_resolve_to_the_first_and_are_all_listed()
    {
        var names = new List<string>();
        string? value = null;
        var settings = new HtmlRewriterSettings().OnElement("p", e =>
        {
            for (var i = 0; i < e.AttributeCount; i++)
            {
                names.Add(e.GetAttributeName(i) + "=" + e.GetAttributeValue(i));
            }

            value = e.GetAttribute("a");
        });
        Run(settings, "<p a=1 A=2 b>");
        Assert.Equal(["a=1", "a=2", "b="], names);
        Assert.Equal("1", value);
    }

    [Fact]
    public void A_tag_over_the_cap_is_emitted_unmodified_and_matching_resumes_after_it()
    {
        var settings = new HtmlRewriterSettings { MaxTagBytes = 100 }.OnElement("a", e => e.SetAttribute("href", "y"));
        var longTag = "<a href=x title=\"" + new string('t', 200) + "\">";
        var input = longTag + "<a href=x>";
        var expected = longTag + "<a href=y>";
        Assert.Equal(expected, Run(settings, input));
        var bytes = System.Text.Encoding.UTF8.GetBytes(input);
        for (var size = 1; size < 40; size += 7)
        {
            Assert.Equal(expected, System.Text.Encoding.UTF8.GetString(RunChunked(settings, bytes, () => size)));
        }
    }

    [Fact]
    public void Selectors_match_ids_classes_and_attribute_operators()
    {
        var hits = new List<string>();
        var settings = new HtmlRewriterSettings();
        foreach (var selector in new[] { "#main", ".b", "[data-x]", "[rel=preload]", "[class~=c]", "[href^=https]", "[href$='.js']", "[href*=mid]", "[lang|=en]", "div.b#main", "span, i" })
        {
            settings.OnElement(selector, e => hits.Add(selector + ":" + e.TagName));
        }

        Run(settings, "<div id=main class=\"a b\"><link rel=preload href=https://x/mid/y.js><p class='c' lang=en-GB data-x><span><I>");
        Assert.Equal(
            ["#main:div", ".b:div", "div.b#main:div", "[rel=preload]:link", "[href^=https]:link", "[href$='.js']:link", "[href*=mid]:link",
             "[data-x]:p", "[class~=c]:p", "[lang|=en]:p", "span, i:span", "span, i:i"],
            hits);
    }

    [Fact]
    public void Unsupported_selectors_are_rejected_when_registered() =>
        Assert.Throws<FormatException>(() => new HtmlRewriterSettings().OnElement("div > p", _ => { }));
}
