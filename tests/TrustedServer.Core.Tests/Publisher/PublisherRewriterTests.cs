using System.Text;
using TrustedServer.Core.Rewriting.Html;
using TrustedServer.Core.Rewriting.Publisher;
using TrustedServer.Core.Rewriting.Urls;

namespace TrustedServer.Core.Tests.Publisher;

public sealed class PublisherRewriterTests
{
    private const string Tag = "<script id=\"ts\"></script>";

    private static readonly PublisherRewriter Rewriter = new(UrlMapperSettings.Create("https://www.test-publisher.com"), scriptTag: Tag);

    internal static string Rewrite(PublisherRewriter rewriter, string html, string host = "proxy.example", int chunk = 0)
    {
        var input = Encoding.UTF8.GetBytes(html);
        var output = new System.Buffers.ArrayBufferWriter<byte>();
        var transform = rewriter.CreateHtml(rewriter.CreateMapper("https", host));
        var size = chunk <= 0 ? Math.Max(1, input.Length) : chunk;
        for (var i = 0; i < input.Length; i += size)
        {
            transform.Process(input.AsSpan(i, Math.Min(size, input.Length - i)), output);
        }

        transform.Finish(output);
        return Encoding.UTF8.GetString(output.WrittenSpan);
    }

    private static string Rewrite(string html, int chunk = 0) => Rewrite(Rewriter, html, chunk: chunk);

    [Theory]
    [InlineData("<a href=\"WWW.TEST-PUBLISHER.COM\">", "<a href=\"proxy.example\">")]
    [InlineData("<a href=www.test-publisher.com>", "<a href=proxy.example>")]
    [InlineData("<img src=\"www.Test-Publisher.com\" alt=x>", "<img src=\"proxy.example\" alt=x>")]
    [InlineData("<p class=\"a b\" id=x>", "<p class=\"a b\" id=x>")]
    public void Tags_after_the_head_are_mapped_even_without_a_slash(string element, string expected) =>
        Assert.Equal("<head>" + Tag + "</head><body>" + expected + "</body>", Rewrite("<head></head><body>" + element + "</body>"));

    [Theory]
    [InlineData("<a href=\"https://www.test-publisher.com/a\">", "<a href=\"https://proxy.example/a\">")]
    [InlineData("<img srcset='//www.test-publisher.com/a.png 1x, http://www.test-publisher.com/b.png 2x'>", "<img srcset='//proxy.example/a.png 1x, https://proxy.example/b.png 2x'>")]
    [InlineData("<div data-x=\"go https://www.test-publisher.com/x\">", "<div data-x=\"go https://proxy.example/x\">")]
    [InlineData("<a href=\"www.test-publisher.com/a\">", "<a href=\"proxy.example/a\">")]
    [InlineData("<form action=www.test-publisher.com/f>", "<form action=proxy.example/f>")]
    [InlineData("<meta property=\"og:url\" content=\"www.test-publisher.com/p\">", "<meta property=\"og:url\" content=\"proxy.example/p\">")]
    [InlineData("<div title=\"www.test-publisher.com/a\">", "<div title=\"www.test-publisher.com/a\">")]
    [InlineData("<div content=\"www.test-publisher.com/a\">", "<div content=\"www.test-publisher.com/a\">")]
    [InlineData("<a href=\"https://www.test-publisher.com.evil/a\">", "<a href=\"https://www.test-publisher.com.evil/a\">")]
    [InlineData("<a href=\"https://cdn.www.test-publisher.com/a\">", "<a href=\"https://cdn.www.test-publisher.com/a\">")]
    [InlineData("<a href=\"/r?u=https://www.test-publisher.com/x&amp;y=1\">", "<a href=\"/r?u=https://proxy.example/x&amp;y=1\">")]
    public void Every_attribute_value_is_mapped_and_the_bare_form_only_in_url_attributes(string element, string expected) =>
        Assert.Equal(expected, Rewrite(element).Replace(Tag, string.Empty, StringComparison.Ordinal));

    /// <summary>
    /// After the head, tags are mapped from their bytes; an integration makes every tag go through the element instead.
    /// Both must write the same bytes, quoting and escaping included.
    /// </summary>
    [Theory]
    [InlineData("<a href=https://www.test-publisher.com/a>")]
    [InlineData("<a href='https://www.test-publisher.com/a' title='x'>")]
    [InlineData("<a HREF = \"https://WWW.test-publisher.com/a\" href=\"//www.test-publisher.com/b\">")]
    [InlineData("<img src=www.test-publisher.com/i.png srcset=\"//www.test-publisher.com/1.png 1x\" alt>")]
    [InlineData("<img src=\"https://www.test-publisher.com/i.png\"/>")]
    [InlineData("<input value=https://www.test-publisher.com/a />")]
    [InlineData("<meta content=www.test-publisher.com/p><META CONTENT='www.test-publisher.com/q'>")]
    [InlineData("<svg><image href=\"https://www.test-publisher.com/s.svg\"/></svg>")]
    [InlineData("<div data-u=\"https:\\/\\/www.test-publisher.com\\/x\" data-e=\"\">")]
    [InlineData("<a href=\"/relative\" data-x=\"a//b\">")]
    public void Tags_mapped_from_their_bytes_match_tags_mapped_through_the_element(string tags)
    {
        var withIntegration = new PublisherRewriter(UrlMapperSettings.Create("https://www.test-publisher.com"), [new SilentIntegration()], scriptTag: Tag);
        var html = "<head></head><body>" + tags + "</body>";

        var fromBytes = Rewrite(html);
        var throughElement = Rewrite(withIntegration, html);

        Assert.Equal(throughElement, fromBytes);
        Assert.DoesNotContain("www.test-publisher.com/", fromBytes.Replace("data-x", string.Empty, StringComparison.Ordinal), StringComparison.OrdinalIgnoreCase);
    }

    private sealed class SilentIntegration : IPublisherHtmlIntegration
    {
        public string? HeadInserts(PublisherDocument document) => null;

        public void OnBodyEnd(HtmlEndTag bodyEnd, PublisherDocument document)
        {
        }
    }

    [Fact]
    public void Script_and_style_text_is_mapped_raw_and_text_nodes_and_comments_are_left_alone()
    {
        const string Body = "<p>see https://www.test-publisher.com/t</p><!-- https://www.test-publisher.com/c -->"
            + "<script>if (a && b < c) { u = \"https:\\/\\/www.test-publisher.com\\/x\"; v = '&amp;'; }</script>"
            + "<style>a { background: url(https://www.test-publisher.com/i.png) }</style>";
        var output = Rewrite("<head></head><body>" + Body + "</body>");

        Assert.Equal(
            "<head>" + Tag + "</head><body><p>see https://www.test-publisher.com/t</p><!-- https://www.test-publisher.com/c -->"
            + "<script>if (a && b < c) { u = \"https:\\/\\/proxy.example\\/x\"; v = '&amp;'; }</script>"
            + "<style>a { background: url(https://proxy.example/i.png) }</style></body>",
            output);
    }

    [Fact]
    public void A_script_split_anywhere_gives_the_same_output()
    {
        var script = "<head></head><script>" + string.Concat(Enumerable.Repeat("x=\"https://www.test-publisher.com/p\"&&y;", 200)) + "</script>";
        var whole = Rewrite(script);
        Assert.DoesNotContain("test-publisher", whole);
        foreach (var chunk in new[] { 1, 2, 3, 7, 13, 31, 64, 100, 1000 })
        {
            Assert.Equal(whole, Rewrite(script, chunk));
        }
    }

    [Theory]
    [InlineData("<html><head><title>t</title></head><body></body></html>", "<html><head>" + Tag + "<title>t</title></head><body></body></html>")]
    [InlineData("<html><HEAD lang=en><title>t</title></head><head></head></html>", "<html><HEAD lang=en>" + Tag + "<title>t</title></head><head></head></html>")]
    [InlineData("<!-- <head> --><html><head></head></html>", "<!-- <head> --><html><head>" + Tag + "</head></html>")]
    [InlineData("<html><title>t</title><script>var s = \"<head>\";</script><body><p>x</p></body></html>", "<html><title>t</title><script>var s = \"<head>\";</script>" + Tag + "<body><p>x</p></body></html>")]
    [InlineData("<p>hello</p>", Tag + "<p>hello</p>")]
    [InlineData("<!doctype html><meta charset=utf-8><div>x</div>", "<!doctype html><meta charset=utf-8>" + Tag + "<div>x</div>")]
    [InlineData("", Tag)]
    [InlineData("<html><title>t</title></html>", "<html><title>t</title></html>" + Tag)]
    public void The_script_tag_is_injected_exactly_once_in_the_right_place(string input, string expected)
    {
        var output = Rewrite(input);
        Assert.Equal(expected, output);
        Assert.Single(System.Text.RegularExpressions.Regex.Matches(output, "id=\"ts\""));
    }

    [Fact]
    public void The_tsjs_tag_names_the_unified_bundle_with_its_content_hash()
    {
        var hash = new string('a', 64);
        var output = Rewrite(new PublisherRewriter(UrlMapperSettings.Create("https://www.test-publisher.com"), scriptTag: TsjsBundle.ScriptTagFor(hash)), "<head></head>");
        Assert.Equal($"<head><script async src=\"/static/tsjs=tsjs-unified.min.js?v={hash}\" id=\"trustedserver-js\"></script></head>", output);
    }

    [Fact]
    public void Without_a_tag_the_head_is_left_as_it_was()
    {
        Assert.Equal("<head></head>", Rewrite(new PublisherRewriter(UrlMapperSettings.Create("https://www.test-publisher.com")), "<head></head>"));
    }

    [Fact]
    public void A_request_host_containing_the_origin_host_is_not_rewritten_twice()
    {
        var rewriter = new PublisherRewriter(UrlMapperSettings.Create("https://example.com"), scriptTag: string.Empty);
        var output = Rewrite(rewriter, "<a href=\"https://example.com/a\" srcset=\"https://example.com/b 1x\"><script>u='https://example.com/c'</script>", "www.example.com");
        Assert.Equal("<a href=\"https://www.example.com/a\" srcset=\"https://www.example.com/b 1x\"><script>u='https://www.example.com/c'</script>", output);
        Assert.Equal(output, Rewrite(rewriter, output, "www.example.com"));
    }

    [Fact]
    public void Integrations_get_the_structural_body_end_tag_and_head_inserts()
    {
        var rewriter = new PublisherRewriter(UrlMapperSettings.Create("https://www.test-publisher.com"), [new MarkerIntegration()], Tag);
        var output = Rewrite(rewriter, "<head></head><body><script>document.write(\"</body>\")</script><!-- </body> --><p>x</p></body></html>");
        Assert.Equal("<head><meta name=ins>" + Tag + "</head><body><script>document.write(\"</body>\")</script><!-- </body> --><p>x</p><!--end--></body></html>", output);
    }

    private sealed class MarkerIntegration : IPublisherHtmlIntegration
    {
        public string? HeadInserts(PublisherDocument document) => "<meta name=ins>";

        public void OnBodyEnd(HtmlEndTag bodyEnd, PublisherDocument document) => bodyEnd.Before("<!--end-->", HtmlContentType.Html);
    }
}
