using TrustedServer.Core.Configuration;

namespace TrustedServer.Core.Tests.RequestSigning;

public sealed class RequestSigningConfigTests
{
    private const string Publisher = """
        [publisher]
        domain = "www.example.com"
        origin_url = "https://origin.example.com"

        """;

    private const string Handler = """

        [[handlers]]
        path = "^/_ts/admin"
        username = "ops"
        password = "a-long-admin-password"

        """;

    private static ConfigLoadResult Load(string toml, Dictionary<string, string?>? env = null) =>
        ConfigLoader.Load(Publisher + toml, "test.toml", env);

    [Fact]
    public void Signing_with_a_covering_handler_binds()
    {
        var result = Load("""
            [request_signing]
            enabled = true
            key_store = "redis://127.0.0.1:6379/2"
            key_prefix = "pub1:keys:"
            refresh_seconds = 5
            passphrase = "correct horse battery staple, said twice over"
            """ + Handler);

        Assert.True(result.Success, string.Join("\n", result.Errors));
        var signing = result.Options!.RequestSigning;
        Assert.True(signing.Enabled);
        Assert.Equal("redis://127.0.0.1:6379/2", signing.KeyStore);
        Assert.Equal("pub1:keys:", signing.KeyPrefix);
        Assert.Equal(TimeSpan.FromSeconds(5), signing.Refresh);
        var handler = Assert.Single(result.Options.Handlers);
        Assert.Equal("^/_ts/admin", handler.Path);
        Assert.DoesNotContain("a-long-admin-password", handler.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public void Enabled_admin_routes_without_a_covering_handler_fail_startup_and_admin_endpoints_false_needs_none()
    {
        const string Signing = """
            [request_signing]
            enabled = true
            passphrase = "correct horse battery staple, said twice over"

            """;

        var uncovered = Load(Signing + "[[handlers]]\npath = \"^/_ts/admin/ec/\"\nusername = \"ops\"\npassword = \"a-long-admin-password\"\n");
        var cliOnly = Load(Signing + "admin_endpoints = false\n");
        var noSigning = Load("[request_signing]\nenabled = false\n");

        Assert.Equal(2, uncovered.Errors.Count(e => e.Key == "request_signing.admin_endpoints"));
        Assert.Contains(uncovered.Errors, e => e.Message.Contains("/_ts/admin/keys/rotate", StringComparison.Ordinal));
        Assert.True(cliOnly.Success, string.Join("\n", cliOnly.Errors));
        Assert.True(noSigning.Success, string.Join("\n", noSigning.Errors));
    }

    [Theory]
    [InlineData("changeme")]
    [InlineData("password")]
    [InlineData("admin")]
    [InlineData("replace-with-a-real-password")]
    [InlineData("short")]
    [InlineData("")]
    public void Weak_or_placeholder_handler_passwords_fail_startup(string password)
    {
        var result = Load($"[[handlers]]\npath = \"^/secure\"\nusername = \"u\"\npassword = \"{password}\"\n");

        var error = Assert.Single(result.Errors);
        Assert.Equal("handlers[0].password", error.Key);
        Assert.Equal(7, error.Line);
    }

    [Fact]
    public void Bad_handler_fields_and_signing_values_are_reported_with_their_keys()
    {
        var result = Load("""
            [request_signing]
            enabled = true
            key_store = "ftp://keys"
            refresh_seconds = 0
            passphrase = "secret-key"
            admin_endpoints = false
            bogus = 1

            [[handlers]]
            path = "(a)\\1"
            username = "a:b"
            password = "a-long-admin-password"
            extra = "x"
            """);

        var keys = result.Errors.Select(e => e.Key).ToHashSet();
        Assert.Contains("request_signing.key_store", keys);
        Assert.Contains("request_signing.refresh_seconds", keys);
        Assert.Contains("request_signing.passphrase", keys);
        Assert.Contains("request_signing.bogus", keys);
        Assert.Contains("handlers[0].path", keys);
        Assert.Contains("handlers[0].username", keys);
        Assert.Contains("handlers[0].extra", keys);
    }

    [Fact]
    public void Enabled_signing_needs_a_passphrase()
    {
        var result = Load("[request_signing]\nenabled = true\nadmin_endpoints = false\n");

        Assert.Contains(result.Errors, e => e.Key == "request_signing.passphrase");
    }

    [Fact]
    public void Handlers_come_from_the_environment_too_overriding_or_adding_entries()
    {
        var env = new Dictionary<string, string?>
        {
            ["TRUSTED_SERVER__HANDLERS__0__PASSWORD"] = "password-from-the-env-0",
            ["TRUSTED_SERVER__HANDLERS__1__PATH"] = "^/private",
            ["TRUSTED_SERVER__HANDLERS__1__USERNAME"] = "second",
            ["TRUSTED_SERVER__HANDLERS__1__PASSWORD"] = "password-from-the-env-1",
        };

        var result = Load(Handler, env);

        Assert.True(result.Success, string.Join("\n", result.Errors));
        Assert.Equal(["password-from-the-env-0", "password-from-the-env-1"], result.Options!.Handlers.Select(h => h.Password));
        Assert.Equal("^/private", result.Options.Handlers[1].Path);
    }

    [Fact]
    public void The_edge_cookie_shorthand_becomes_the_last_handler_on_the_lookup_prefix()
    {
        var result = Load("[ec]\nadmin_username = \"ops\"\nadmin_password = \"another-long-password\"\n" + Handler);

        var effective = AdminRoutes.Effective(result.Options!);

        Assert.Equal(2, effective.Count);
        Assert.Equal(0, AdminRoutes.FirstMatch(effective, AdminRoutes.EdgeCookieProbe));
        Assert.Equal(1, AdminRoutes.FirstMatch([effective[1]], AdminRoutes.EdgeCookieProbe) + 1);
        Assert.Equal(-1, AdminRoutes.FirstMatch(effective, "/_ts/api/v1/identify"));
    }
}
