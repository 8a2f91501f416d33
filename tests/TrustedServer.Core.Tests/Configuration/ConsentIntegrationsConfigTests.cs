using TrustedServer.Core.Configuration;

namespace TrustedServer.Core.Tests.Configuration;

/// <summary><c>[integrations.didomi]</c>, <c>[integrations.sourcepoint]</c>, <c>[integrations.osano]</c> and
/// <c>[integrations.gpt_diagnostics]</c>: defaults, values, errors with their line, environment overrides.</summary>
public sealed class ConsentIntegrationsConfigTests
{
    private const string Publisher = """
        [publisher]
        domain = "www.example.com"
        origin_url = "https://origin.example.com"

        """;

    private static ConfigLoadResult Load(string toml, Dictionary<string, string?>? env = null) =>
        ConfigLoader.Load(Publisher + toml, "test.toml", env ?? []);

    [Fact]
    public void Defaults_leave_them_off_with_the_documented_values()
    {
        var integrations = Load(string.Empty).Options!.Integrations;

        Assert.False(integrations.Didomi.Enabled);
        Assert.Equal("/integrations/didomi/consent", integrations.Didomi.ProxyPath);
        Assert.Equal(new Uri("https://sdk.privacy-center.org/"), integrations.Didomi.SdkOrigin);
        Assert.Equal(new Uri("https://api.privacy-center.org/"), integrations.Didomi.ApiOrigin);
        Assert.False(integrations.Sourcepoint.Enabled);
        Assert.True(integrations.Sourcepoint.RewriteSdk);
        Assert.Equal(new Uri("https://cdn.privacy-mgmt.com/"), integrations.Sourcepoint.CdnOrigin);
        Assert.Null(integrations.Sourcepoint.AuthCookieName);
        Assert.Equal(3600, integrations.Sourcepoint.CacheTtlSeconds);
        Assert.False(integrations.Osano.Enabled);
        Assert.False(integrations.GptDiagnostics.Enabled);
    }

    [Fact]
    public void Values_are_read_and_the_proxy_path_is_normalised()
    {
        var integrations = Load("""
            [integrations.didomi]
            enabled = true
            proxy_path = "privacy/manage"
            sdk_origin = "http://127.0.0.1:9000"

            [integrations.sourcepoint]
            enabled = true
            rewrite_sdk = false
            auth_cookie_name = "sp_auth"
            cache_ttl_seconds = 0

            [integrations.osano]
            enabled = true

            [integrations.gpt_diagnostics]
            enabled = true
            """).Options!.Integrations;

        Assert.True(integrations.Didomi.Enabled);
        Assert.Equal("/privacy/manage", integrations.Didomi.ProxyPath);
        Assert.Equal(new Uri("http://127.0.0.1:9000/"), integrations.Didomi.SdkOrigin);
        Assert.False(integrations.Sourcepoint.RewriteSdk);
        Assert.Equal("sp_auth", integrations.Sourcepoint.AuthCookieName);
        Assert.Equal(0, integrations.Sourcepoint.CacheTtlSeconds);
        Assert.True(integrations.Osano.Enabled);
        Assert.True(integrations.GptDiagnostics.Enabled);
    }

    [Theory]
    [InlineData("")]
    [InlineData("/")]
    [InlineData("consent/")]
    [InlineData("a//b")]
    [InlineData("a/../b")]
    [InlineData("a/./b")]
    [InlineData("a%2Fb")]
    [InlineData("a b")]
    [InlineData("_ts/consent")]
    [InlineData("static/x")]
    [InlineData("integrations/gpt/x")]
    [InlineData("/auction")]
    public void A_bad_proxy_path_is_refused_with_its_line(string path)
    {
        var result = Load($"""
            [integrations.didomi]
            enabled = true
            proxy_path = "{path}"
            """);

        var error = Assert.Single(result.Errors);
        Assert.Equal(6, error.Line);
        Assert.Contains("proxy_path", error.ToString(), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("/integrations/didomi/cmp")]
    [InlineData("consent-proxy")]
    [InlineData("/my-cmp.v2~x")]
    public void Good_proxy_paths_are_accepted(string path)
    {
        var result = Load($"""
            [integrations.didomi]
            proxy_path = "{path}"
            """);

        Assert.Empty(result.Errors);
    }

    [Theory]
    [InlineData("auth_cookie_name = \"a;b\"", "auth_cookie_name")]
    [InlineData("auth_cookie_name = \"\"", "auth_cookie_name")]
    [InlineData("cache_ttl_seconds = -1", "cache_ttl_seconds")]
    [InlineData("cdn_origin = \"https://cdn.example.com/path\"", "cdn_origin")]
    [InlineData("colour = 1", "colour")]
    public void Bad_sourcepoint_values_are_refused(string line, string key)
    {
        var result = Load("[integrations.sourcepoint]\n" + line + "\n");

        var error = Assert.Single(result.Errors);
        Assert.Contains(key, error.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public void Unknown_keys_are_refused_in_the_browser_only_sections()
    {
        var result = Load("[integrations.osano]\nenabled = true\nmirror = 1\n[integrations.gpt_diagnostics]\nupload = true\n");

        Assert.Equal(2, result.Errors.Count);
    }

    [Fact]
    public void Environment_variables_override_the_file()
    {
        var integrations = Load(
            "[integrations.didomi]\nenabled = false\n",
            new Dictionary<string, string?>
            {
                ["TRUSTED_SERVER__INTEGRATIONS__DIDOMI__ENABLED"] = "true",
                ["TRUSTED_SERVER__INTEGRATIONS__DIDOMI__PROXY_PATH"] = "my-custom-consent",
                ["TRUSTED_SERVER__INTEGRATIONS__OSANO__ENABLED"] = "true",
            }).Options!.Integrations;

        Assert.True(integrations.Didomi.Enabled);
        Assert.Equal("/my-custom-consent", integrations.Didomi.ProxyPath);
        Assert.True(integrations.Osano.Enabled);
    }
}
