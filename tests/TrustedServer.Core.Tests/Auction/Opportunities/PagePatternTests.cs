using TrustedServer.Core.Auction.Opportunities;

namespace TrustedServer.Core.Tests.Auction.Opportunities;

public sealed class PagePatternTests
{
    [Theory]
    [InlineData("/news/*", "/news/a", true)]
    [InlineData("/news/*", "/news/a/b", true)]
    [InlineData("/news/*", "/news/", true)]
    [InlineData("/news/*", "/news", false)]
    [InlineData("/news/*", "/newsroom", false)]
    [InlineData("/news", "/news", true)]
    [InlineData("/news", "/news/", false)]
    [InlineData("/", "/", true)]
    [InlineData("/", "/a", false)]
    [InlineData("/*", "/", true)]
    [InlineData("/*", "/anything/at/all", true)]
    [InlineData("/*/article", "/news/article", true)]
    [InlineData("/*/article", "/news/x/article", true)]
    [InlineData("/*/article", "/news/articles", false)]
    [InlineData("/a*b*c", "/abc", true)]
    [InlineData("/a*b*c", "/axxbyyc", true)]
    [InlineData("/a*b*c", "/axxcyyb", false)]
    [InlineData("/a*a", "/a", false)]
    [InlineData("/new%20s/*", "/new%20s/x", true)]
    [InlineData("/new s/*", "/new%20s/x", false)]
    public void Globs_match_the_raw_path(string pattern, string path, bool expected) =>
        Assert.Equal(expected, PagePattern.Matches(pattern, path));

    [Theory]
    [InlineData("/news/*", true)]
    [InlineData("/", true)]
    [InlineData("news", false)]
    [InlineData("", false)]
    [InlineData("/a/**", false)]
    [InlineData("/a?x=1", false)]
    [InlineData("/a#top", false)]
    [InlineData("/a b", false)]
    public void Invalid_patterns_have_a_problem(string pattern, bool valid) =>
        Assert.Equal(valid, PagePattern.Problem(pattern) is null);
}
