using TrustedServer.Core.Configuration;

namespace TrustedServer.Core.Tests.Configuration;

/// <summary><c>[integrations.gpt]</c>, <c>[integrations.google_tag_manager]</c>, the browser keys of
/// <c>[integrations.prebid]</c> and <c>[[proxy.asset_routes]]</c>: values, errors with their line, environment overrides.</summary>
public sealed class IntegrationsConfigTests
{
    private const string Publisher = """
        [publisher]
        domain = "www.example.com"
        origin_url = "https://origin.example.com"

        """;

    private static ConfigLoadResult Load(string toml, Dictionary<string, string?>? env = null) =>
        ConfigLoader.Load(Publisher + toml, "test.toml", env ?? []);

    [Fact]
    public void Defaults_leave_every_integration_off_with_the_documented_values()
    {
        var options = Load(string.Empty).Options!;

        Assert.False(options.Integrations.Gpt.Enabled);
        Assert.Equal(GptOptions.DefaultScriptUrl, options.Integrations.Gpt.ScriptUrl);
        Assert.Equal(3600, options.Integrations.Gpt.CacheTtlSeconds);
        Assert.True(options.Integrations.Gpt.RewriteScript);
        Assert.False(options.Integrations.GoogleTagManager.Enabled);
        Assert.Equal(65536, options.Integrations.GoogleTagManager.MaxBeaconBodySize);
        Assert.Equal(900, options.Integrations.GoogleTagManager.CacheMaxAge);
        Assert.Null(options.Auction.Prebid.Client.ExternalBundleUrl);
        Assert.Equal(PrebidClientOptions.DefaultScriptPatterns, options.Auction.Prebid.Client.ScriptPatterns);
        Assert.Empty(options.Proxy.AssetRoutes);
    }

    [Fact]
    public void Values_are_read_and_the_integrity_is_derived_from_the_hash()
    {
        var sha = new string('a', 64);
        var options = Load($$"""
            [proxy]
            allowed_domains = []

            [[proxy.asset_routes]]
            prefix = "/assets/"
            origin_url = "https://assets.example.com"
            origin_query = "strip"

            [integrations.prebid]
            external_bundle_url = "https://assets.example.com/prebid.js"
            external_bundle_sha256 = "{{sha.ToUpperInvariant()}}"
            script_patterns = ["/static/prebid/*"]

            [integrations.gpt]
            enabled = true
            script_url = "http://127.0.0.1:8081/tag/js/gpt.js"

            [integrations.google_tag_manager]
            enabled = true
            container_id = "GTM-ABC1234"
            """).Options!;

        Assert.Equal(sha, options.Auction.Prebid.Client.ExternalBundleSha256);
        Assert.Equal("sha256-" + Convert.ToBase64String(Convert.FromHexString(sha)), options.Auction.Prebid.Client.Integrity);
        Assert.Equal(["/static/prebid/*"], options.Auction.Prebid.Client.ScriptPatterns);
        Assert.Equal(new Uri("http://127.0.0.1:8081/"), options.Integrations.Gpt.UpstreamOrigin);
        Assert.Equal("GTM-ABC1234", options.Integrations.GoogleTagManager.ContainerId);
        var route = Assert.Single(options.Proxy.AssetRoutes);
        Assert.Equal("/assets/", route.Prefix);
        Assert.True(route.StripQuery);
    }

    [Fact]
    public void Errors_name_the_key_and_its_line_and_unknown_keys_are_refused()
    {
        var result = Load("""
            [integrations.gpt]
            cache_ttl_seconds = 5
            nosuch = 1

            [integrations.google_tag_manager]
            enabled = true

            [[proxy.asset_routes]]
            prefix = "/a/"
            origin_url = "https://cdn.example.com/images"
            """);

        Assert.Null(result.Options);
        Assert.Contains(result.Errors, e => e.Key == "integrations.gpt.cache_ttl_seconds" && e.Line == 5 && e.Message.Contains("between 60 and 86400", StringComparison.Ordinal));
        Assert.Contains(result.Errors, e => e.Key == "integrations.gpt.nosuch" && e.Line == 6 && e.Message == "unknown key");
        Assert.Contains(result.Errors, e => e.Key == "integrations.google_tag_manager.container_id" && e.Line == 8);
        Assert.Contains(result.Errors, e => e.Key == "proxy.asset_routes[0].origin_url" && e.Line == 13);
    }

    [Fact]
    public void Environment_variables_override_integration_keys()
    {
        var options = Load("[integrations.gpt]\nenabled = false\n", new Dictionary<string, string?>
        {
            ["TRUSTED_SERVER__INTEGRATIONS__GPT__ENABLED"] = "true",
            ["TRUSTED_SERVER__INTEGRATIONS__GOOGLE_TAG_MANAGER__CONTAINER_ID"] = "GTM-ENV0001",
            ["TRUSTED_SERVER__INTEGRATIONS__GOOGLE_TAG_MANAGER__MAX_BEACON_BODY_SIZE"] = "2048",
        }).Options!;

        Assert.True(options.Integrations.Gpt.Enabled);
        Assert.Equal("GTM-ENV0001", options.Integrations.GoogleTagManager.ContainerId);
        Assert.Equal(2048, options.Integrations.GoogleTagManager.MaxBeaconBodySize);
    }
}
