using TrustedServer.Core.Rewriting.Html;
using static TrustedServer.Core.Tests.Html.HtmlRewriterHarness;

namespace TrustedServer.Core.Tests.Html;

public sealed class HtmlRewriterElementTests
{
    private static string Apply(string selector, Action<HtmlElement> handler, string html) =>
        Run(new HtmlRewriterSettings().OnElement(selector, handler), html);

    [Fact]
    public void Content_is_inserted_around_and_inside_the_element()
    {
        var output = Apply("div", e =>
        {
            e.Before("<b>", HtmlContentType.Html);
            e.Prepend("<i>", HtmlContentType.Text);
            e.Append("&", HtmlContentType.Text);
            e.After("<hr>", HtmlContentType.Html);
        }, "<p><div class=x>text</div></p>");
        Assert.Equal("<p><b><div class=x>&lt;i&gt;text&amp;</div><hr></p>", output);
    }

    [Fact]
    public void Repeated_prepends_and_afters_stack_nearest_first_like_lol_html()
    {
        var output = Apply("div", e =>
        {
            e.Prepend("1", HtmlContentType.Html);
            e.Prepend("2", HtmlContentType.Html);
            e.Append("3", HtmlContentType.Html);
            e.Append("4", HtmlContentType.Html);
            e.After("5", HtmlContentType.Html);
            e.After("6", HtmlContentType.Html);
        }, "<div>x</div>");
        Assert.Equal("<div>21x34</div>65", output);
    }

    [Fact]
    public void End_tag_callbacks_insert_around_and_can_remove_the_end_tag()
    {
        var settings = new HtmlRewriterSettings().OnElement("body", e => e.OnEndTag(end =>
        {
            end.Before("<script>bids()</script>", HtmlContentType.Html);
            end.After("<!--after-->", HtmlContentType.Html);
            Assert.Equal("body", end.Name);
        }));
        Assert.Equal("<body><p>x</p><script>bids()</script></BODY><!--after--></html>", Run(settings, "<body><p>x</p></BODY></html>"));

        var removing = new HtmlRewriterSettings().OnElement("p", e => e.OnEndTag(end => end.Remove()));
        Assert.Equal("<p>a<p>b", Run(removing, "<p>a</p><p>b</p>"));
    }

    [Fact]
    public void A_body_end_tag_inside_a_script_string_is_script_text()
    {
        var calls = 0;
        var settings = new HtmlRewriterSettings().OnElement("body", e => e.OnEndTag(end =>
        {
            calls++;
            end.Before("[X]", HtmlContentType.Html);
        }));
        var input = "<body><script>var s = \"</body>\"; document.write('</body></html>');</script><!-- </body> --></body>";
        Assert.Equal("<body><script>var s = \"</body>\"; document.write('</body></html>');</script><!-- </body> -->[X]</body>", Run(settings, input));
        Assert.Equal(1, calls);
    }

    [Fact]
    public void Nested_elements_of_the_same_name_find_their_own_end_tag()
    {
        var output = Apply("div.t", e => e.Append("!", HtmlContentType.Html), "<div class=t><div><div class=t>a</div>b</div>c</div>d");
        Assert.Equal("<div class=t><div><div class=t>a!</div>b</div>c!</div>d", output);
    }

    [Fact]
    public void Void_elements_have_no_content_and_no_end_tag()
    {
        var endCalls = 0;
        var output = Apply("img, br", e =>
        {
            Assert.False(e.CanHaveContent);
            e.Prepend("[p]", HtmlContentType.Html);
            e.Append("[a]", HtmlContentType.Html);
            e.After("[after]", HtmlContentType.Html);
            e.OnEndTag(_ => endCalls++);
        }, "<img src=x><br/>t</br>");
        Assert.Equal("<img src=x>[p][a][after]<br/>[p][a][after]t</br>", output);
        Assert.Equal(0, endCalls);
    }

    [Fact]
    public void Self_closing_foreign_elements_have_no_content_but_self_closing_html_elements_do()
    {
        var output = Apply("circle, svg, div", e => e.After("|", HtmlContentType.Html), "<div/>x</div><svg><circle r='1'/><g></g></svg><svg/>");
        Assert.Equal("<div/>x</div>|<svg><circle r='1'/>|<g></g></svg>|<svg/>|", output);
    }

    [Fact]
    public void An_element_without_end_tag_is_closed_by_an_enclosing_matched_element_or_the_document_end()
    {
        // Only matched elements are tracked (no tree is built): an unmatched parent's end tag does not close it.
        var settings = new HtmlRewriterSettings()
            .OnElement("p", e => e.Append("!", HtmlContentType.Html))
            .OnElement("div", e => e.Append("#", HtmlContentType.Html));
        Assert.Equal("<div><p>one!#</div><p>two!", Run(settings, "<div><p>one</div><p>two"));
    }

    [Fact]
    public void Elements_can_be_replaced_removed_or_unwrapped()
    {
        Assert.Equal("a<i>new</i>d", Apply("span", e => e.Replace("<i>new</i>", HtmlContentType.Html), "a<span>b<span>c</span></span>d"));
        Assert.Equal("a&lt;x&gt;d", Apply("span", e => e.Replace("<x>", HtmlContentType.Text), "a<span>b</span>d"));
        Assert.Equal("ad", Apply("script", e => e.Remove(), "a<script>if (a<b) x = \"</scr\" + \"ipt>\";</script>d"));
        Assert.Equal("a[b<em>c</em>]d", Apply("span", e =>
        {
            e.RemoveAndKeepContent();
            e.Prepend("[", HtmlContentType.Html);
            e.Append("]", HtmlContentType.Html);
        }, "a<span class=x>b<em>c</em></span>d"));
        Assert.Equal("<p>x</p>", Apply("img", e => e.Remove(), "<p>x<img src=y></p>"));
    }

    [Fact]
    public void Content_inserted_inside_raw_text_elements_is_never_escaped()
    {
        Assert.Equal("<script>a && b;x()</script>", Apply("script", e => e.Prepend("a && b;", HtmlContentType.Text), "<script>x()</script>"));
        Assert.Equal("<title>&lt;b&gt;x</title>", Apply("title", e => e.Prepend("<b>", HtmlContentType.Text), "<title>x</title>"));
    }

    [Fact]
    public void Document_end_handlers_append_after_everything()
    {
        var settings = new HtmlRewriterSettings()
            .OnElement("p", e => e.Append("!", HtmlContentType.Html))
            .OnDocumentEnd(d => d.Append("<!--end " + d.State + "-->", HtmlContentType.Html));
        Assert.Equal("<p>unclosed!<!--end doc1-->", Run(settings, "<p>unclosed", state: "doc1"));
        Assert.Equal("<a href=\"x<!--end -->", Run(settings, "<a href=\"x"));
    }

    [Fact]
    public void A_head_insert_can_fall_back_to_the_first_body_content_element()
    {
        // The publisher's rule: prepend to <head> once, or, without one, insert before the first element that is not
        // html/head content.
        static HtmlRewriterSettings Injecting() => new HtmlRewriterSettings().OnElement("*", e =>
        {
            var done = (StrongBox)e.State!;
            if (done.Value)
            {
                return;
            }

            if (e.IsTag("head"))
            {
                e.Prepend("<script id=ts></script>", HtmlContentType.Html);
                done.Value = true;
            }
            else if (!(e.IsTag("html") || e.IsTag("meta") || e.IsTag("title") || e.IsTag("link") || e.IsTag("base")))
            {
                e.Before("<script id=ts></script>", HtmlContentType.Html);
                done.Value = true;
            }
        });
        Assert.Equal("<html><head><script id=ts></script><title>t</title></head><body><div>", Run(Injecting(), "<html><head><title>t</title></head><body><div>", new StrongBox()));
        Assert.Equal("<html><meta charset=utf-8><script id=ts></script><body><div>", Run(Injecting(), "<html><meta charset=utf-8><body><div>", new StrongBox()));
    }

    private sealed class StrongBox
    {
        public bool Value { get; set; }
    }
}
