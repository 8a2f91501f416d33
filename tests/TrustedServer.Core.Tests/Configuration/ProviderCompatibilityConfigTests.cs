using TrustedServer.Core.Configuration;

namespace TrustedServer.Core.Tests.Configuration;

/// <summary><c>[integrations.aps] pub_id</c> and <c>debug</c>, <c>[integrations.prebid] consent_forwarding</c>.</summary>
public sealed class ProviderCompatibilityConfigTests
{
    private const string Publisher = """
        [publisher]
        domain = "www.example.com"
        origin_url = "https://origin.example.com"

        """;

    private static ConfigLoadResult Load(string toml, Dictionary<string, string?>? env = null) =>
        ConfigLoader.Load(Publisher + toml, "test.toml", env ?? []);

    [Theory]
    [InlineData("pub_id = \"acct-legacy\"", "acct-legacy")]
    [InlineData("pub_id = 123456", "123456")]
    [InlineData("account_id = \"acct-new\"", "acct-new")]
    public void Pub_id_is_accepted_as_the_older_name_of_account_id(string line, string expected)
    {
        var result = Load("[integrations.aps]\nenabled = true\n" + line + "\n");

        Assert.True(result.Success, string.Join("\n", result.Errors));
        Assert.Equal(expected, result.Options!.Auction.Aps.AccountId);
    }

    [Fact]
    public void Pub_id_from_the_environment_is_taken_as_text()
    {
        var result = Load("[integrations.aps]\nenabled = true\n", new() { ["TRUSTED_SERVER__INTEGRATIONS__APS__PUB_ID"] = "998877" });

        Assert.True(result.Success, string.Join("\n", result.Errors));
        Assert.Equal("998877", result.Options!.Auction.Aps.AccountId);
    }

    [Theory]
    [InlineData("account_id = \"a\"\npub_id = \"b\"", 3, "both")]
    [InlineData("pub_id = -5", 2, "positive")]
    [InlineData("pub_id = 1.5", 2, "a string or an integer")]
    [InlineData("pub_id = \"\"", 2, "empty")]
    public void A_bad_or_doubled_pub_id_is_an_error_on_its_line(string lines, int line, string message)
    {
        var result = Load("[integrations.aps]\n" + lines + "\n");

        Assert.False(result.Success);
        var error = Assert.Single(result.Errors);
        Assert.Equal("integrations.aps.pub_id", error.Key);
        Assert.Equal(line + 3, error.Line);
        Assert.Contains(message, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Aps_debug_defaults_off_and_binds()
    {
        Assert.False(Load(string.Empty).Options!.Auction.Aps.Debug);
        Assert.True(Load("[integrations.aps]\ndebug = true\n").Options!.Auction.Aps.Debug);
    }

    [Theory]
    [InlineData(null, ConsentForwarding.Both)]
    [InlineData("both", ConsentForwarding.Both)]
    [InlineData("openrtb_only", ConsentForwarding.OpenRtbOnly)]
    [InlineData("cookies_only", ConsentForwarding.CookiesOnly)]
    public void Consent_forwarding_binds_each_mode(string? value, ConsentForwarding expected)
    {
        var toml = value is null ? string.Empty : $"[integrations.prebid]\nconsent_forwarding = \"{value}\"\n";

        Assert.Equal(expected, Load(toml).Options!.Auction.Prebid.ConsentForwarding);
    }

    [Fact]
    public void An_unknown_consent_forwarding_mode_is_an_error_on_its_line()
    {
        var result = Load("[integrations.prebid]\n\nconsent_forwarding = \"cookies\"\n");

        var error = Assert.Single(result.Errors);
        Assert.Equal("integrations.prebid.consent_forwarding", error.Key);
        Assert.Equal(6, error.Line);
        Assert.Contains("both, openrtb_only or cookies_only", error.Message, StringComparison.Ordinal);
    }
}
