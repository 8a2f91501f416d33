using System.Net;
using TrustedServer.Core.Configuration;

namespace TrustedServer.Core.Tests.Configuration;

/// <summary><c>[integrations.permutive]</c>, <c>[integrations.lockr]</c> and <c>[integrations.datadome]</c> with its
/// exclusion rules: values, errors with key and line, environment overrides, hostile regexes.</summary>
public sealed class IdentityIntegrationsConfigTests
{
    private const string Publisher = """
        [publisher]
        domain = "www.example.com"
        origin_url = "https://origin.example.com"

        """;

    private const string Key = "dd-server-key-7Hq2Lm9Zx4Wv8Kp3";

    private static ConfigLoadResult Load(string toml, Dictionary<string, string?>? env = null) =>
        ConfigLoader.Load(Publisher + toml, "test.toml", env ?? []);

    [Fact]
    public void Defaults_are_off_with_the_documented_values()
    {
        var integrations = Load(string.Empty).Options!.Integrations;

        Assert.False(integrations.Permutive.Enabled);
        Assert.Equal(3600, integrations.Permutive.CacheTtlSeconds);
        Assert.False(integrations.Lockr.Enabled);
        Assert.Equal(LockrOptions.DefaultSdkUrl, integrations.Lockr.SdkUrl);
        var dataDome = integrations.DataDome;
        Assert.False(dataDome.Enabled);
        Assert.False(dataDome.EnableProtection);
        Assert.Equal(TimeSpan.FromMilliseconds(1500), dataDome.Timeout);
        Assert.Equal(["OPTIONS"], dataDome.ExcludedMethods);
        Assert.Equal("default-static-assets", Assert.Single(dataDome.ExclusionRules).Id);
        Assert.Equal("{\"ajaxListenerPath\":true}", dataDome.ClientSideConfigurationJson);
    }

    [Fact]
    public void Values_are_read_and_the_sdk_url_is_built_from_the_org_and_workspace()
    {
        var options = Load($$"""
            [integrations.permutive]
            enabled = true
            organization_id = "myorg"
            workspace_id = "ws-123"
            cache_ttl_seconds = 120
            [integrations.lockr]
            enabled = true
            app_id = "abc-123"
            origin_override = "https://www.example.com"
            [integrations.datadome]
            enabled = true
            enable_protection = true
            server_side_key = "{{Key}}"
            timeout_ms = 300
            protection_excluded_methods = ["options", "HEAD"]
            protection_excluded_ip_cidrs = ["10.0.0.0/8", "2001:db8::1"]
            client_side_key = "CLIENTKEY"
            client_side_configuration = { ajaxListenerPath = true, sessionByHeader = "x<y", endpoint = 3 }
            [[integrations.datadome.protection_exclusion_rules]]
            id = "next-rsc"
            methods = ["GET"]
            type = "query_param_non_empty"
            names = ["_rsc"]
            [[integrations.datadome.protection_exclusion_rules]]
            id = "images"
            type = "path_regex"
            patterns = ["^/\\.image/", "(?i)\\.png$"]
            """).Options!.Integrations;

        Assert.Equal(new Uri("https://myorg.edge.permutive.app/ws-123-web.js"), options.Permutive.SdkUrl);
        Assert.Equal(120, options.Permutive.CacheTtlSeconds);
        Assert.Equal("abc-123", options.Lockr.AppId);
        Assert.Equal(new Uri("https://www.example.com/"), options.Lockr.OriginOverride);
        var dataDome = options.DataDome;
        Assert.Equal(Key, dataDome.ServerSideKey);
        Assert.Equal(TimeSpan.FromMilliseconds(300), dataDome.Timeout);
        Assert.Equal(["OPTIONS", "HEAD"], dataDome.ExcludedMethods);
        Assert.Equal([IPNetwork.Parse("10.0.0.0/8"), IPNetwork.Parse("2001:db8::1/128")], dataDome.ExcludedNetworks);
        Assert.Equal("{\"ajaxListenerPath\":true,\"sessionByHeader\":\"x\\u003Cy\",\"endpoint\":3}", dataDome.ClientSideConfigurationJson);
        Assert.Equal(["next-rsc", "images"], dataDome.ExclusionRules.Select(r => r.Id));
        Assert.Equal(2, dataDome.ExclusionRules[1].Patterns.Count);
        Assert.DoesNotContain(Key, dataDome.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public void The_server_key_comes_from_the_environment()
    {
        var options = Load(
            "[integrations.datadome]\nenabled = true\nenable_protection = true\n",
            new() { ["TRUSTED_SERVER__INTEGRATIONS__DATADOME__SERVER_SIDE_KEY"] = Key }).Options!;

        Assert.Equal(Key, options.Integrations.DataDome.ServerSideKey);
    }

    [Theory]
    [InlineData("^(a+)+$")]
    [InlineData("(x+x+)+y")]
    [InlineData("^(/|[a-z/]+)*\\.html$")]
    public void A_catastrophic_path_regex_is_refused_at_startup(string pattern)
    {
        var result = Load($$"""
            [[integrations.datadome.protection_exclusion_rules]]
            id = "bad"
            type = "path_regex"
            patterns = ["{{pattern.Replace("\\", "\\\\", StringComparison.Ordinal)}}"]
            """);

        var error = Assert.Single(result.Errors);
        Assert.Equal("integrations.datadome.protection_exclusion_rules[0].patterns", error.Key);
        Assert.Equal(7, error.Line);
        Assert.Contains("backtracks catastrophically", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Errors_name_the_key_and_its_line()
    {
        var result = Load("""
            [integrations.permutive]
            enabled = true
            organization_id = "my org"
            [integrations.lockr]
            enabled = true
            [integrations.datadome]
            enabled = true
            enable_protection = true
            timeout_ms = 0
            protection_excluded_ip_cidrs = ["not-a-network"]
            client_side_tag_url = "javascript:alert(1)"
            protection_test_bypass_secret = "short"
            nosuch = 1
            [[integrations.datadome.protection_exclusion_rules]]
            id = "x"
            type = "path_glob"
            [[integrations.datadome.protection_exclusion_rules]]
            id = "y"
            type = "path_regex"
            patterns = ["("]
            """);

        Assert.Contains(result.Errors, e => e.Key == "integrations.permutive.organization_id" && e.Line == 6);
        Assert.Contains(result.Errors, e => e.Key == "integrations.permutive.workspace_id" && e.Message.Contains("required", StringComparison.Ordinal));
        Assert.Contains(result.Errors, e => e.Key == "integrations.lockr.app_id" && e.Message.Contains("required", StringComparison.Ordinal));
        Assert.Contains(result.Errors, e => e.Key == "integrations.datadome.server_side_key" && e.Message.Contains("required", StringComparison.Ordinal));
        Assert.Contains(result.Errors, e => e.Key == "integrations.datadome.timeout_ms" && e.Line == 12);
        Assert.Contains(result.Errors, e => e.Key == "integrations.datadome.protection_excluded_ip_cidrs" && e.Line == 13);
        Assert.Contains(result.Errors, e => e.Key == "integrations.datadome.client_side_tag_url" && e.Line == 14);
        Assert.Contains(result.Errors, e => e.Key == "integrations.datadome.protection_test_bypass_secret" && e.Line == 15);
        Assert.Contains(result.Errors, e => e.Key == "integrations.datadome.nosuch" && e.Message == "unknown key");
        Assert.Contains(result.Errors, e => e.Key == "integrations.datadome.protection_exclusion_rules[0].type" && e.Line == 19);
        Assert.Contains(result.Errors, e => e.Key == "integrations.datadome.protection_exclusion_rules[1].patterns" && e.Message.Contains("not a valid regular expression", StringComparison.Ordinal));
    }
}
