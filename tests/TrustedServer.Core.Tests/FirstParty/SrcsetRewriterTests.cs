
using TrustedServer.Core.Rewriting.Creative;
using TrustedServer.Core.UrlParsing;

namespace TrustedServer.Core.Tests.FirstParty;

public sealed class SrcsetRewriterTests
{
    private static readonly Func<string, string?> Map = v => CreativeUrlRules.ToAbsolute(v, DomainPatternList.Empty) is { } abs ? "/fp?" + abs : null;

    [Theory]
    [InlineData(
        "https://cdn.example/img-1x.png 1x, //cdn.example/img-2x.png 2x, /local/img.png 1x",
        "/fp?https://cdn.example/img-1x.png 1x, /fp?https://cdn.example/img-2x.png 2x, /local/img.png 1x")]
    [InlineData(
        "https://cdn.example/img-1x.png 1x,//cdn.example/img-1_5x.png 1.5x,/local/img.png 2x",
        "/fp?https://cdn.example/img-1x.png 1x, /fp?https://cdn.example/img-1_5x.png 1.5x, /local/img.png 2x")]
    [InlineData(
        "https://cdn.example/a.png 1x,local/b.png 2x,//cdn.example/c.png 3x",
        "/fp?https://cdn.example/a.png 1x, local/b.png 2x, /fp?https://cdn.example/c.png 3x")]
    [InlineData(
        "  https://cdn.example/a.png    1x  ,  //cdn.example/b.png   2x ,   /local/c.png   1x  ",
        "/fp?https://cdn.example/a.png 1x, /fp?https://cdn.example/b.png 2x, /local/c.png 1x")]
    [InlineData(
        "https://cdn.example/a.png 100w, //cdn.example/b.png 2x, /local/c.png 1x",
        "/fp?https://cdn.example/a.png 100w, /fp?https://cdn.example/b.png 2x, /local/c.png 1x")]
    [InlineData(
        "data:image/png;base64,AAAA 1x, https://cdn.example/a.png 2x",
        "data:image/png;base64,AAAA 1x, /fp?https://cdn.example/a.png 2x")]
    [InlineData(
        "data:image/svg+xml,a,b,c 1x,//cdn.example/b.png 2x",
        "data:image/svg+xml,a,b,c 1x, /fp?https://cdn.example/b.png 2x")]
    [InlineData(
        "https://res.example/image/upload/w_100,h_50/a.jpg 100w, https://res.example/image/upload/w_200,h_100/a.jpg 200w",
        "/fp?https://res.example/image/upload/w_100,h_50/a.jpg 100w, /fp?https://res.example/image/upload/w_200,h_100/a.jpg 200w")]
    [InlineData(
        "https://cdn.example/a.png, https://cdn.example/b.png 2x",
        "/fp?https://cdn.example/a.png, /fp?https://cdn.example/b.png 2x")]
    [InlineData(
        "https://cdn.example/a.png 100w 50h,https://cdn.example/b.png",
        "/fp?https://cdn.example/a.png 100w 50h, /fp?https://cdn.example/b.png")]
    public void Absolute_candidates_are_proxied_and_descriptors_kept(string srcset, string expected)
    {
        Assert.Equal(expected, SrcsetRewriter.Rewrite(srcset, Map));
    }

    [Theory]
    [InlineData("/a.png 1x,  /b.png   2x")]
    [InlineData("data:image/png;base64,AAAA 1x, data:image/gif;base64,R0lG 2x")]
    [InlineData("")]
    [InlineData(" , ,")]
    public void Values_without_eligible_candidates_are_returned_untouched(string srcset)
    {
        Assert.Same(srcset, SrcsetRewriter.Rewrite(srcset, Map));
    }

    [Fact]
    public void Parse_keeps_the_data_url_comma_in_the_url()
    {
        var candidates = SrcsetRewriter.Parse("data:image/png;base64,AAAA 1x,//cdn.example/b.png 2x");

        Assert.Equal(
            [new SrcsetRewriter.Candidate("data:image/png;base64,AAAA", "1x"), new SrcsetRewriter.Candidate("//cdn.example/b.png", "2x")],
            candidates);
    }

    [Fact]
    public void Parse_ends_a_candidate_at_a_trailing_comma_of_its_url()
    {
        var candidates = SrcsetRewriter.Parse("a.png,b.png 2x,c.png,");

        Assert.Equal(["a.png,b.png", "c.png"], candidates.Select(c => c.Url));
        Assert.Equal(["2x", string.Empty], candidates.Select(c => c.Descriptors));
    }
}
