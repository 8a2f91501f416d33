using System.Text;
using TrustedServer.Core.Rewriting.Creative;
using TrustedServer.Core.UrlParsing;

namespace TrustedServer.Core.Tests.FirstParty;

public sealed class CssUrlRewriterTests
{
    // Marks what was rewritten without signing, so expectations stay readable.
    private static readonly Func<string, string?> Map = v => CreativeUrlRules.ToAbsolute(v, DomainPatternList.Empty) is { } abs ? "/fp?" + abs : null;

    [Theory]
    [InlineData("background:url(https://cdn.example/a.png) no-repeat", "background:url(/fp?https://cdn.example/a.png) no-repeat")]
    [InlineData("mask: url('//cdn.example/m.svg') 0 0", "mask: url('/fp?https://cdn.example/m.svg') 0 0")]
    [InlineData("a:url(\"http://cdn.example/b.png\")", "a:url(\"/fp?http://cdn.example/b.png\")")]
    [InlineData("mask-image: url( //cdn.example/mask.svg )", "mask-image: url(/fp?https://cdn.example/mask.svg)")]
    [InlineData("x:URL(HTTPS://cdn.example/a.png)", "x:URL(/fp?HTTPS://cdn.example/a.png)")]
    [InlineData("a:url(\"https://cdn.example/a)b.png\")", "a:url(\"/fp?https://cdn.example/a)b.png\")")]
    [InlineData(".a{background:url(https://cdn.example/s1.png)}\n.b{background-image:url('//cdn.example/s2.jpg')}", ".a{background:url(/fp?https://cdn.example/s1.png)}\n.b{background-image:url('/fp?https://cdn.example/s2.jpg')}")]
    public void Absolute_and_protocol_relative_urls_are_rewritten(string css, string expected)
    {
        Assert.Equal(expected, CssUrlRewriter.Rewrite(css, Map));
    }

    [Theory]
    [InlineData("border-image: url(/local/border.png) 30")]
    [InlineData("mask: url(../rel.svg) center no-repeat")]
    [InlineData("background: url(  /spaced.png  )")]
    [InlineData("background: url(data:image/png;base64,AAAA)")]
    [InlineData("background: url('data:image/svg+xml;utf8,<svg xmlns=\"http://www.w3.org/2000/svg\"></svg>')")]
    [InlineData("background: url(\"data:image/svg+xml,%3Csvg%3E\") , url(#frag)")]
    [InlineData("b: myurl(https://cdn.example/a.png)")]
    [InlineData("b: url(\"https://cdn.example/a.png\" x)")]
    [InlineData("b: url(https://cdn.example/a b.png)")]
    [InlineData("b: url()")]
    [InlineData("b: url(https://cdn.example/unterminated")]
    [InlineData("b: url('https://cdn.example/unterminated")]
    [InlineData("content: 'url(' ; color: red")]
    [InlineData("")]
    public void Everything_else_is_left_byte_for_byte(string css)
    {
        Assert.Equal(css, CssUrlRewriter.Rewrite(css, Map));
    }

    [Fact]
    public void Escaped_quote_inside_a_quoted_value_does_not_end_it()
    {
        const string css = "a:url('https://cdn.example/it\\'s.png')";

        Assert.Equal("a:url('/fp?https://cdn.example/it\\'s.png')", CssUrlRewriter.Rewrite(css, Map));
    }

    [Theory]
    [InlineData("background:url(https://cdn.example/a.png) no-repeat; mask: url('//cdn.example/m.svg') 0 0 / cover; border-image: url(/local/border.png) 30")]
    [InlineData(".x{background:url( \"https://cdn.example/a.png\" )} .y{mask:url(data:x,y)} .z{background:URL(//cdn.example/z.png)}")]
    [InlineData("u url uurl( url(https://a.example/1)url('//b.example/2')")]
    public void Output_does_not_depend_on_chunk_boundaries(string css)
    {
        var whole = CssUrlRewriter.Rewrite(css, Map);
        for (var cut = 0; cut <= css.Length; cut++)
        {
            Assert.Equal(whole, Chunked(css, [cut]));
        }

        Assert.Equal(whole, Chunked(css, Enumerable.Range(1, css.Length).ToArray()));
    }

    [Fact]
    public void A_long_data_url_is_released_as_it_arrives()
    {
        var rewriter = new CssUrlRewriter(Map);
        var output = new StringBuilder();
        rewriter.Push("a{background:url(data:image/png;base64,", output);
        var payload = new string('A', 1024);
        for (var i = 0; i < 100; i++)
        {
            rewriter.Push(payload, output);
        }

        Assert.True(output.Length > 100 * 1024, "a non-rewritable value must not be held back");
        rewriter.Push(")}", output);
        rewriter.Flush(output);
        Assert.EndsWith(payload + ")}", output.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public void An_overlong_url_value_is_released_unchanged()
    {
        var css = "a{background:url(https://cdn.example/" + new string('x', CssUrlRewriter.MaxHeldValue + 10) + ".png)} b{c:url(//cdn.example/ok.png)}";

        var result = CssUrlRewriter.Rewrite(css, Map);

        Assert.StartsWith("a{background:url(https://cdn.example/xxx", result, StringComparison.Ordinal);
        Assert.EndsWith("b{c:url(/fp?https://cdn.example/ok.png)}", result, StringComparison.Ordinal);
    }

    private static string Chunked(string css, int[] cuts)
    {
        var rewriter = new CssUrlRewriter(Map);
        var output = new StringBuilder();
        var from = 0;
        foreach (var cut in cuts)
        {
            rewriter.Push(css.AsSpan(from, cut - from), output);
            from = cut;
        }

        rewriter.Push(css.AsSpan(from), output);
        rewriter.Flush(output);
        return output.ToString();
    }
}
