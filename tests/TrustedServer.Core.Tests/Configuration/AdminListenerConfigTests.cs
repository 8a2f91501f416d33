using TrustedServer.Core.Configuration;

namespace TrustedServer.Core.Tests.Configuration;

public sealed class AdminListenerConfigTests
{
    private const string Minimal = """
        [publisher]
        domain = "www.example.com"
        origin_url = "https://origin.example.com"
        [server]

        """;

    private static ConfigLoadResult Load(string toml, Dictionary<string, string?>? env = null) => ConfigLoader.Load(toml, "test.toml", env ?? []);

    [Fact]
    public void No_admin_listener_and_no_metrics_token_by_default()
    {
        var server = Load(Minimal).Options!.Server;

        Assert.Empty(server.AdminUrls);
        Assert.Null(server.MetricsToken);
    }

    [Fact]
    public void Admin_urls_and_the_metrics_token_bind_from_the_file_and_the_environment()
    {
        var result = Load(Minimal + "admin_urls = [\"http://127.0.0.1:9090\", \"http://[::1]:9090;http://10.0.0.5:9090\"]\nmetrics_token = \"Zr8qL2vN6pX0wB4m\"\n");
        var fromEnvironment = Load(Minimal, new() { ["TRUSTED_SERVER__SERVER__ADMIN_URLS"] = "http://127.0.0.1:9091" });

        Assert.True(result.Success, string.Join("\n", result.Errors));
        Assert.Equal(["http://127.0.0.1:9090", "http://[::1]:9090", "http://10.0.0.5:9090"], result.Options!.Server.AdminUrls);
        Assert.Equal("Zr8qL2vN6pX0wB4m", result.Options.Server.MetricsToken);
        Assert.Equal(["http://127.0.0.1:9091"], fromEnvironment.Options!.Server.AdminUrls);
    }

    [Theory]
    [InlineData("admin_urls = [\"https://127.0.0.1:9090\"]", "server.admin_urls", "terminate TLS")]
    [InlineData("admin_urls = [\"9090\"]", "server.admin_urls", "http://HOST:PORT")]
    [InlineData("admin_urls = [\"\"]", "server.admin_urls", "empty")]
    [InlineData("metrics_token = \"short\"", "server.metrics_token", "too short")]
    [InlineData("metrics_token = \"...\"", "server.metrics_token", "placeholder")]
    public void A_bad_admin_url_or_token_is_an_error_with_key_and_line(string line, string key, string message)
    {
        var result = Load(Minimal + line + "\n");

        var error = Assert.Single(result.Errors);
        Assert.Equal(key, error.Key);
        Assert.Equal(5, error.Line);
        Assert.Contains(message, error.Message, StringComparison.Ordinal);
    }
}
