using System.Text;
using TrustedServer.Core.Rewriting.Html;
using static TrustedServer.Core.Tests.Html.HtmlRewriterHarness;

namespace TrustedServer.Core.Tests.Html;

public sealed class HtmlRewriterRobustnessTests
{
    [Fact]
    public void Latin1_documents_are_rewritten_without_touching_other_bytes()
    {
        var settings = new HtmlRewriterSettings { Encoding = Encoding.Latin1 }.OnElement("a", e =>
        {
            Assert.Equal("café&", e.GetAttribute("title"));
            e.SetAttribute("href", "/été");
        });
        var input = Encoding.Latin1.GetBytes("<p>caf\u00e9 \u00ff</p><a title='caf\u00e9&amp;' href=x>\u00e9</a>");
        var expected = Encoding.Latin1.GetBytes("<p>caf\u00e9 \u00ff</p><a title='caf\u00e9&amp;' href=/\u00e9t\u00e9>\u00e9</a>");
        Assert.Equal(expected, Run(settings, input));
    }

    [Fact]
    public void Rewriting_an_already_rewritten_document_changes_nothing()
    {
        var once = Run(RewritingSet(), Fixture);
        var mapOnly = new HtmlRewriterSettings().OnElement("a[href], link[href], img[src]", e =>
        {
            foreach (var name in new[] { "href", "src" })
            {
                var i = e.IndexOfAttribute(name);
                if (i >= 0 && e.GetAttributeValueBytes(i).IndexOf(Origin) >= 0)
                {
                    e.SetAttributeValue(i, e.GetAttributeValue(i).Replace("https://www.test-publisher.com", "https://proxy.example", StringComparison.Ordinal));
                }
            }
        });
        Assert.Equal(once, Run(mapOnly, once));
    }

    [Theory]
    [InlineData("<a href=\"unterminated")]
    [InlineData("<a href='x' <b")]
    [InlineData("<!-- open comment <a href=x>")]
    [InlineData("<script><!--<script></script><a href=x>")]
    [InlineData("<svg><![CDATA[<a href=x>")]
    [InlineData("</")]
    [InlineData("<")]
    [InlineData("<!DOCTYPE")]
    [InlineData("<title><a href=x></title")]
    public void Truncated_markup_passes_through(string html)
    {
        var settings = new HtmlRewriterSettings().OnElement("a", e => e.SetAttribute("data-seen", "1"));
        Assert.Equal(html, Run(settings, html));
        var bytes = Encoding.UTF8.GetBytes(html);
        Assert.Equal(bytes, RunChunked(settings, bytes, () => 1));
    }

    [Fact]
    public void Handlers_see_only_real_tags_inside_markup_of_every_content_model()
    {
        var seen = new List<string>();
        var settings = new HtmlRewriterSettings().OnElement("*", e => seen.Add(e.TagName));
        Run(settings, "<title><b></title><textarea><i></textarea><style><u></style><script>'<s>'</script><!--<q>--><xmp><em></xmp><noscript><img></noscript><svg><style><a></a></style></svg><p>");
        Assert.Equal(["title", "textarea", "style", "script", "xmp", "noscript", "img", "svg", "style", "a", "p"], seen);
    }
}
