using TrustedServer.Core.Rewriting.Urls;

namespace TrustedServer.Core.Tests.Urls;

/// <summary>The mapped-URL samples <c>explain</c> shows: whole URLs as written and as sent, distinct, in order, capped.</summary>
public sealed class UrlMapperSampleTests
{
    private static UrlMapper NewMapper() => new(UrlMapperSettings.Create("https://origin.com"), "https", "www.example.com");

    [Fact]
    public void The_first_distinct_urls_are_kept_with_their_first_party_form_up_to_the_limit()
    {
        var mapper = NewMapper();
        mapper.KeepSamples(3);

        mapper.MapText("<a href=\"https://origin.com/a?x=1\">https://origin.com/a?x=1</a> url(//origin.com/b.png) 'https:\\/\\/origin.com\\/c.js' https://origin.com/d");

        Assert.Equal(
            [
                new MappedUrl("https://origin.com/a?x=1", "https://www.example.com/a?x=1"),
                new MappedUrl("//origin.com/b.png", "//www.example.com/b.png"),
                new MappedUrl("https:\\/\\/origin.com\\/c.js", "https:\\/\\/www.example.com\\/c.js"),
            ],
            mapper.Samples);
        Assert.Equal(5, mapper.MappedCount);
    }

    [Fact]
    public void Without_asking_nothing_is_kept()
    {
        var mapper = NewMapper();

        Assert.Equal("https://www.example.com/a", mapper.MapText("https://origin.com/a"));

        Assert.Empty(mapper.Samples);
    }
}
