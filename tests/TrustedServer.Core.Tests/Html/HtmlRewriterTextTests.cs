using System.Text;
using TrustedServer.Core.Rewriting.Html;
using static TrustedServer.Core.Tests.Html.HtmlRewriterHarness;

namespace TrustedServer.Core.Tests.Html;

public sealed class HtmlRewriterTextTests
{
    [Fact]
    public void Rewritten_script_text_is_written_raw_so_ampersands_stay_ampersands()
    {
        var settings = new HtmlRewriterSettings().OnText("script", t => t.Replace(t.Text.Replace("old", "new", StringComparison.Ordinal), HtmlContentType.Text), wholeNode: true);
        Assert.Equal("<script>if (a && b < c) go('new&l=1');</script>", Run(settings, "<script>if (a && b < c) go('old&l=1');</script>"));
    }

    [Fact]
    public void Text_replacement_is_escaped_outside_raw_text()
    {
        var settings = new HtmlRewriterSettings().OnText("p, title", t => t.Replace("a<b & c", HtmlContentType.Text), wholeNode: true);
        Assert.Equal("<p>a&lt;b &amp; c</p><title>a&lt;b &amp; c</title>", Run(settings, "<p>x</p><title>y</title>"));
    }

    [Fact]
    public void Whole_node_handlers_see_the_complete_script_however_it_is_chunked()
    {
        var seen = new List<string>();
        var settings = new HtmlRewriterSettings().OnText("script", t =>
        {
            Assert.True(t.LastInTextNode && t.IsWholeNode);
            Assert.Equal(HtmlTextKind.RawText, t.Kind);
            seen.Add(t.Text);
        }, wholeNode: true);
        var input = Encoding.UTF8.GetBytes("<script>var a = \"https://origin.example/x\";</script><p>t</p><script src=x></script>");
        for (var size = 1; size <= input.Length; size++)
        {
            seen.Clear();
            Assert.Equal(input, RunChunked(settings, input, () => size));
            Assert.Equal(["var a = \"https://origin.example/x\";"], seen);
        }
    }

    [Fact]
    public void Streaming_text_handlers_get_chunks_and_a_last_flag()
    {
        var chunks = new List<(string Text, bool Last)>();
        var settings = new HtmlRewriterSettings().OnText("script", t => chunks.Add((t.Text, t.LastInTextNode)));
        var input = Encoding.UTF8.GetBytes("<script>abcdef</script>");
        Assert.Equal(input, RunChunked(settings, input, () => 5));
        Assert.Equal("abcdef", string.Concat(chunks.Select(c => c.Text)));
        Assert.True(chunks[^1].Last);
        Assert.True(chunks.Take(chunks.Count - 1).All(c => !c.Last));
        Assert.True(chunks.Count > 2);
    }

    [Fact]
    public void Text_nodes_end_at_tags_and_comments()
    {
        var nodes = new List<string>();
        var settings = new HtmlRewriterSettings().OnText("div", t => nodes.Add(t.Text), wholeNode: true);
        Run(settings, "<div>a<b>b</b>c<!--x-->d</div>e");
        Assert.Equal(["a", "b", "c", "d"], nodes);
    }

    [Fact]
    public void A_node_over_the_cap_is_handed_over_in_chunks()
    {
        var calls = new List<(int Length, bool Whole, bool Last)>();
        var settings = new HtmlRewriterSettings { MaxBufferedTextBytes = 10 }
            .OnText("style", t => calls.Add((t.Bytes.Length, t.IsWholeNode, t.LastInTextNode)), wholeNode: true);
        var input = Encoding.UTF8.GetBytes("<style>" + new string('x', 25) + "</style><style>short</style>");
        Assert.Equal(input, RunChunked(settings, input, () => 4));
        Assert.Equal(25, calls.Where(c => !c.Whole).Sum(c => c.Length));
        Assert.Contains((5, true, true), calls);
    }

    [Fact]
    public void Text_chunks_can_be_removed()
    {
        var settings = new HtmlRewriterSettings().OnText("script", t => t.Remove());
        Assert.Equal("<script></script><p>keep</p>", Run(settings, "<script>drop()</script><p>keep</p>"));
    }
}
