using TrustedServer.Core.Configuration;

namespace TrustedServer.Core.Tests.Configuration;

public sealed class PublicHostConfigTests
{
    private const string Minimal = """
        [publisher]
        domain = "www.example.com"
        origin_url = "https://origin.example.com"

        """;

    private static ConfigLoadResult Load(string toml) => ConfigLoader.Load(toml, "test.toml", new Dictionary<string, string?>());

    [Fact]
    public void Aliases_and_unknown_host_default_to_none_and_reject()
    {
        var options = Load(Minimal).Options!;

        Assert.Empty(options.Publisher.Aliases);
        Assert.Equal(UnknownHostMode.Reject, options.Publisher.UnknownHost);
    }

    [Fact]
    public void Aliases_and_canonical_mode_bind()
    {
        var result = Load(Minimal + "aliases = [\"shop.example.com\", \"www.example.com:8080\"]\nunknown_host = \"canonical\"\n");

        Assert.True(result.Success, string.Join("\n", result.Errors));
        Assert.Equal(["shop.example.com", "www.example.com:8080"], result.Options!.Publisher.Aliases);
        Assert.Equal(UnknownHostMode.Canonical, result.Options.Publisher.UnknownHost);
    }

    [Theory]
    [InlineData("aliases = [\"https://shop.example.com\"]", "publisher.aliases")]
    [InlineData("aliases = [\"shop example com\"]", "publisher.aliases")]
    [InlineData("aliases = [\"shop.example.com:0\"]", "publisher.aliases")]
    [InlineData("aliases = \"shop.example.com\"", "publisher.aliases")]
    [InlineData("unknown_host = \"redirect\"", "publisher.unknown_host")]
    public void A_bad_alias_or_mode_is_an_error_with_key_and_line(string line, string key)
    {
        var result = Load(Minimal + line + "\n");

        var error = Assert.Single(result.Errors);
        Assert.Equal(key, error.Key);
        Assert.Equal(4, error.Line);
    }

    [Fact]
    public void A_domain_that_is_not_a_host_name_is_an_error() =>
        Assert.Contains(Load(Minimal.Replace("www.example.com", "www.exa$mple.com", StringComparison.Ordinal)).Errors, e => e.Key == "publisher.domain");
}
