using TrustedServer.Core.Configuration;
using TrustedServer.Core.Rewriting.Urls;

namespace TrustedServer.Core.Tests.Configuration;

public sealed class RewriteHostsConfigTests
{
    private const string Publisher = """
        [publisher]
        domain = "www.example.com"
        origin_url = "https://origin.example.com"

        """;

    [Fact]
    public void Host_entries_become_host_mappings_the_url_mapper_uses()
    {
        var result = ConfigLoader.Load(Publisher + "[rewrite]\nhosts = [\"static.example.com=/static-origin\", \"img.example.com:8443\"]\n", "test.toml", new Dictionary<string, string?>());

        Assert.Empty(result.Errors);
        var mappings = result.Options!.Rewrite.HostMappings;
        Assert.Equal([new HostMapping("static.example.com", "/static-origin"), new HostMapping("img.example.com:8443", string.Empty)], mappings);
        var mapper = new UrlMapper(UrlMapperSettings.Create("https://origin.example.com", mappings), "https", "www.example.com");
        Assert.Equal("https://www.example.com/static-origin/a.png", mapper.MapText("https://static.example.com/a.png"));
    }

    [Theory]
    [InlineData("static.example.com=static")]
    [InlineData("https://static.example.com")]
    [InlineData("static.example.com/path")]
    public void A_malformed_host_entry_fails_with_its_key_and_line(string entry)
    {
        var result = ConfigLoader.Load(Publisher + $"[rewrite]\nhosts = [\"{entry}\"]\n", "test.toml", new Dictionary<string, string?>());

        var error = Assert.Single(result.Errors);
        Assert.Equal("rewrite.hosts", error.Key);
        Assert.Equal(5, error.Line);
        Assert.Contains(entry, error.Message, StringComparison.Ordinal);
    }
}
