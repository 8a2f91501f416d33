using TrustedServer.Core.UrlParsing;

namespace TrustedServer.Core.Tests.FirstParty;

public sealed class DomainPatternListTests
{
    private readonly DomainPatternList _list = new(["example.com", "*.ads.example", " CDN.Example.net. ", ""]);

    [Theory]
    [InlineData("example.com", true)]
    [InlineData("EXAMPLE.com", true)]
    [InlineData("example.com.", true)]
    [InlineData("www.example.com", false)]
    [InlineData("badexample.com", false)]
    [InlineData("ads.example", true)]
    [InlineData("a.ads.example", true)]
    [InlineData("a.b.ADS.example", true)]
    [InlineData("badads.example", false)]
    [InlineData("ads.example.evil", false)]
    [InlineData("cdn.example.net", true)]
    [InlineData("x.cdn.example.net", false)]
    [InlineData("", false)]
    [InlineData(null, false)]
    public void Exact_and_wildcard_patterns_match_on_dot_boundaries(string? host, bool expected)
    {
        Assert.Equal(expected, _list.Matches(host));
        Assert.Equal(expected, _list.Allows(host));
    }

    [Fact]
    public void Empty_list_allows_everything_but_matches_nothing()
    {
        var empty = new DomainPatternList(null);

        Assert.True(empty.IsEmpty);
        Assert.True(empty.Allows("anything.example"));
        Assert.False(empty.Matches("anything.example"));
    }
}
