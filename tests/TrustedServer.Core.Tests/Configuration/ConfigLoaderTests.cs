using System.Net;
using TrustedServer.Core.Configuration;

namespace TrustedServer.Core.Tests.Configuration;

public sealed class ConfigLoaderTests
{
    private const string Minimal = """
        [publisher]
        domain = "www.example.com"
        origin_url = "https://origin.example.com"

        """;

    private static ConfigLoadResult Load(string toml, Dictionary<string, string?>? env = null) =>
        ConfigLoader.Load(toml, "test.toml", env ?? []);

    [Fact]
    public void Starter_config_is_valid()
    {
        var result = Load(StarterConfig.Text);

        Assert.True(result.Success, string.Join("\n", result.Errors));
        Assert.Equal(new Uri("https://origin.example.com"), result.Options!.Publisher.OriginUrl);
    }

    [Fact]
    public void Minimal_config_gets_the_spec_defaults()
    {
        var options = Load(Minimal).Options!;

        Assert.Equal(16L * 1024 * 1024, options.Publisher.MaxBufferedBodyBytes);
        Assert.Equal(256L * 1024 * 1024, options.Publisher.MaxDecodedBodyBytes);
        Assert.Equal(TimeSpan.FromSeconds(5), options.Publisher.ConnectTimeout);
        Assert.Equal(TimeSpan.FromSeconds(15), options.Publisher.FirstByteTimeout);
        Assert.Equal(TimeSpan.FromSeconds(15), options.Publisher.BetweenBytesTimeout);
        Assert.Equal("origin.example.com", options.Publisher.EffectiveOriginHost);
        Assert.Empty(options.Proxy.TrustedProxies);
        Assert.Empty(options.ResponseHeaders);
    }

    [Fact]
    public void Every_section_binds()
    {
        var result = Load("""
            [publisher]
            domain = "www.example.com"
            origin_url = "http://origin.example.com:8081/"
            origin_host_header = "www.example.com"
            cookie_domain = ".example.com"
            proxy_secret = "a-long-random-secret-value-0123456789"
            max_buffered_body_bytes = 1024
            max_decoded_body_bytes = 4096
            connect_timeout_ms = 100
            first_byte_timeout_ms = 200
            between_bytes_timeout_ms = 300
            [proxy]
            trusted_proxies = ["10.0.0.0/8", "127.0.0.1"]
            allowed_domains = ["*.ads.example"]
            allow_private_targets = true
            [response_headers]
            X-Frame-Options = "DENY"
            [ec]
            enabled = true
            passphrase = "correct horse battery staple, and then some more"
            store = "redis://localhost:6379"
            [consent]
            mode = "proxy"
            check_expiration = false
            max_consent_age_days = 30
            [rewrite]
            hosts = ["static.example.com"]
            exclude_domains = ["*.cdn.example"]
            [geo]
            country_header = "CF-IPCountry"
            region_header = "CF-Region"
            [logging]
            level = "debug"
            """);

        Assert.True(result.Success, string.Join("\n", result.Errors));
        var o = result.Options!;
        Assert.Equal("origin.example.com:8081", o.Publisher.OriginAuthority);
        Assert.Equal("www.example.com", o.Publisher.EffectiveOriginHost);
        Assert.Equal(TimeSpan.FromMilliseconds(300), o.Publisher.BetweenBytesTimeout);
        Assert.True(o.Proxy.IsTrusted(IPAddress.Parse("10.1.2.3")));
        Assert.True(o.Proxy.IsTrusted(IPAddress.Parse("::ffff:127.0.0.1")));
        Assert.False(o.Proxy.IsTrusted(IPAddress.Parse("192.168.0.1")));
        Assert.Equal("DENY", o.ResponseHeaders["x-frame-options"]);
        Assert.True(o.Ec.Enabled);
        Assert.Equal(ConsentMode.Proxy, o.Consent.Mode);
        Assert.Equal(["static.example.com"], o.Rewrite.Hosts);
        Assert.Equal("CF-Region", o.Geo.RegionHeader);
        Assert.Equal("debug", o.Logging.Level);
    }

    [Fact]
    public void Unknown_key_fails_with_its_name_and_line()
    {
        var result = Load(Minimal + "orign_url = \"x\"\n");

        var error = Assert.Single(result.Errors);
        Assert.Equal("publisher.orign_url", error.Key);
        Assert.Equal(4, error.Line);
        Assert.Contains("unknown key", error.Message);
        Assert.Contains("test.toml:4: publisher.orign_url", error.ToString());
    }

    [Fact]
    public void Unknown_section_fails_with_its_line()
    {
        var result = Load(Minimal + "[auctions]\nenabled = true\n");

        var error = Assert.Single(result.Errors);
        Assert.Equal("auctions", error.Key);
        Assert.Equal(4, error.Line);
    }

    [Fact]
    public void Wrong_type_fails_with_key_line_and_expected_type()
    {
        var result = Load(Minimal + "max_buffered_body_bytes = \"16MB\"\n");

        var error = Assert.Single(result.Errors);
        Assert.Equal("publisher.max_buffered_body_bytes", error.Key);
        Assert.Equal(4, error.Line);
        Assert.Contains("expected an integer, found a string", error.Message);
    }

    [Theory]
    [InlineData("https://origin.example.com/site")]
    [InlineData("https://origin.example.com/?q=1")]
    [InlineData("ftp://origin.example.com")]
    [InlineData("origin.example.com")]
    public void Origin_url_with_a_path_or_wrong_scheme_fails(string url)
    {
        var result = Load($"[publisher]\ndomain = \"www.example.com\"\norigin_url = \"{url}\"\n");

        var error = Assert.Single(result.Errors);
        Assert.Equal("publisher.origin_url", error.Key);
        Assert.Equal(3, error.Line);
    }

    [Fact]
    public void Negative_cap_fails()
    {
        var result = Load(Minimal + "max_buffered_body_bytes = -1\n");

        var error = Assert.Single(result.Errors);
        Assert.Equal("publisher.max_buffered_body_bytes", error.Key);
        Assert.Equal(4, error.Line);
        Assert.Contains("at least 1", error.Message);
    }

    [Fact]
    public void All_errors_are_reported_at_once_in_line_order()
    {
        var result = Load("""
            [publisher]
            domain = "www.example.com"
            origin_url = "https://origin.example.com/path"
            max_decoded_body_bytes = 0
            colour = "blue"
            [proxy]
            trusted_proxies = ["not-an-ip"]
            [logging]
            level = 3
            """);

        Assert.False(result.Success);
        Assert.Equal(
            ["publisher.origin_url", "publisher.max_decoded_body_bytes", "publisher.colour", "proxy.trusted_proxies", "logging.level"],
            result.Errors.Select(e => e.Key));
        Assert.Equal([3, 4, 5, 7, 9], result.Errors.Select(e => e.Line ?? 0));
    }

    [Fact]
    public void Missing_required_keys_are_reported()
    {
        var result = Load("[publisher]\n");

        Assert.Contains(result.Errors, e => e.Key == "publisher.domain" && e.Message.Contains("required"));
        Assert.Contains(result.Errors, e => e.Key == "publisher.origin_url");
    }

    [Fact]
    public void Syntax_errors_carry_a_line()
    {
        var result = Load("[publisher]\ndomain = \"x\"\norigin_url = \n");

        Assert.False(result.Success);
        Assert.All(result.Errors, e => Assert.NotNull(e.Line));
    }

    [Fact]
    public void Duplicate_keys_are_reported_with_a_line()
    {
        var result = Load(Minimal + "domain = \"again.example.com\"\n");

        Assert.False(result.Success);
        Assert.Contains(result.Errors, e => e.Line == 4);
    }

    [Fact]
    public void Environment_overrides_file_values_and_parse_into_the_expected_types()
    {
        var result = Load(Minimal, new Dictionary<string, string?>
        {
            ["TRUSTED_SERVER__PUBLISHER__ORIGIN_URL"] = "http://127.0.0.1:9000",
            ["TRUSTED_SERVER__PUBLISHER__MAX_BUFFERED_BODY_BYTES"] = "2048",
            ["TRUSTED_SERVER__PROXY__TRUSTED_PROXIES"] = "10.0.0.1, 10.0.0.2",
            ["TRUSTED_SERVER__RESPONSE_HEADERS"] = "{\"X-Powered-By\":\"TS\"}",
            ["TRUSTED_SERVER__EC__ENABLED"] = "false",
            ["UNRELATED"] = "ignored",
        });

        Assert.True(result.Success, string.Join("\n", result.Errors));
        var o = result.Options!;
        Assert.Equal(new Uri("http://127.0.0.1:9000"), o.Publisher.OriginUrl);
        Assert.Equal(2048, o.Publisher.MaxBufferedBodyBytes);
        Assert.Equal(2, o.Proxy.TrustedProxies.Count);
        Assert.Equal("TS", o.ResponseHeaders["X-Powered-By"]);
    }

    [Fact]
    public void Invalid_environment_values_and_unknown_environment_keys_name_the_variable()
    {
        var result = Load(Minimal, new Dictionary<string, string?>
        {
            ["TRUSTED_SERVER__PUBLISHER__MAX_BUFFERED_BODY_BYTES"] = "lots",
            ["TRUSTED_SERVER__PUBLISHER__NOPE"] = "1",
        });

        Assert.Equal(2, result.Errors.Count);
        Assert.Contains(result.Errors, e => e.Key == "publisher.max_buffered_body_bytes" && e.Source == "TRUSTED_SERVER__PUBLISHER__MAX_BUFFERED_BODY_BYTES" && e.Line is null);
        Assert.Contains(result.Errors, e => e.Key == "publisher.nope" && e.Message.Contains("unknown key"));
    }

    [Fact]
    public void Placeholder_secrets_and_bad_header_names_are_refused()
    {
        var result = Load(Minimal + "proxy_secret = \"change-me-proxy-secret\"\n[response_headers]\n\"Bad Header\" = \"x\"\n[ec]\nenabled = true\n");

        Assert.Contains(result.Errors, e => e.Key == "publisher.proxy_secret");
        Assert.Contains(result.Errors, e => e.Key == "response_headers.Bad Header");
        Assert.Contains(result.Errors, e => e.Key == "ec.passphrase");
    }

    [Fact]
    public void Missing_file_is_an_error_not_an_exception()
    {
        var result = ConfigLoader.LoadFile(Path.Combine(Path.GetTempPath(), "does-not-exist-" + Guid.NewGuid() + ".toml"), new Dictionary<string, string?>());

        Assert.False(result.Success);
        Assert.Single(result.Errors);
    }
}
