using TrustedServer.Core.Configuration;

namespace TrustedServer.Core.Tests.Configuration;

/// <summary><c>[integrations.nextjs]</c>: defaults, values, errors with their line, environment overrides.</summary>
public sealed class NextJsConfigTests
{
    private const string Publisher = """
        [publisher]
        domain = "www.example.com"
        origin_url = "https://origin.example.com"

        """;

    private static ConfigLoadResult Load(string toml, Dictionary<string, string?>? env = null) =>
        ConfigLoader.Load(Publisher + toml, "test.toml", env ?? []);

    [Fact]
    public void Defaults_are_off_with_the_documented_values()
    {
        var nextjs = Load(string.Empty).Options!.Integrations.NextJs;

        Assert.False(nextjs.Enabled);
        Assert.Equal(["href", "link", "url"], nextjs.RewriteAttributes);
        Assert.Equal(1024 * 1024, nextjs.MaxCombinedPayloadBytes);
    }

    [Fact]
    public void Values_and_environment_overrides_are_read()
    {
        var nextjs = Load(
            """
            [integrations.nextjs]
            enabled = true
            rewrite_attributes = ["href", "siteBaseUrl", "href"]
            max_combined_payload_bytes = 65536
            """,
            new() { ["TRUSTED_SERVER__INTEGRATIONS__NEXTJS__MAX_COMBINED_PAYLOAD_BYTES"] = "8192" }).Options!.Integrations.NextJs;

        Assert.True(nextjs.Enabled);
        Assert.Equal(["href", "siteBaseUrl"], nextjs.RewriteAttributes);
        Assert.Equal(8192, nextjs.MaxCombinedPayloadBytes);
    }

    [Fact]
    public void Errors_name_the_key_and_its_line_and_unknown_keys_are_refused()
    {
        var result = Load("""
            [integrations.nextjs]
            enabled = true
            rewrite_attributes = ["href", "not a key"]
            max_combined_payload_bytes = 100
            nosuch = 1
            """);

        Assert.Null(result.Options);
        Assert.Contains(result.Errors, e => e.Key == "integrations.nextjs.rewrite_attributes" && e.Line == 6);
        Assert.Contains(result.Errors, e => e.Key == "integrations.nextjs.max_combined_payload_bytes" && e.Line == 7 && e.Message.Contains("between 4096", StringComparison.Ordinal));
        Assert.Contains(result.Errors, e => e.Key == "integrations.nextjs.nosuch" && e.Line == 8 && e.Message == "unknown key");
    }
}
