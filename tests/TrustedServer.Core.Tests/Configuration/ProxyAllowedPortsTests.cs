using TrustedServer.Core.Configuration;

namespace TrustedServer.Core.Tests.Configuration;

public sealed class ProxyAllowedPortsTests
{
    private const string Minimal = """
        [publisher]
        domain = "www.example.com"
        origin_url = "https://origin.example.com"
        [proxy]

        """;

    [Fact]
    public void Allowed_ports_bind_and_default_to_empty()
    {
        var result = ConfigLoader.Load(Minimal + "allowed_ports = [443, 8443]\n", "test.toml", new Dictionary<string, string?>());
        Assert.True(result.Success, string.Join("\n", result.Errors));
        Assert.Equal([443, 8443], result.Options!.Proxy.AllowedPorts);
        Assert.Empty(ConfigLoader.Load(Minimal, "test.toml", new Dictionary<string, string?>()).Options!.Proxy.AllowedPorts);
    }

    [Theory]
    [InlineData("allowed_ports = [0]")]
    [InlineData("allowed_ports = [\"443\"]")]
    [InlineData("allowed_ports = 443")]
    public void Invalid_allowed_ports_fail_with_key_and_line(string line)
    {
        var result = ConfigLoader.Load(Minimal + line + "\n", "test.toml", new Dictionary<string, string?>());
        var error = Assert.Single(result.Errors);
        Assert.Equal("proxy.allowed_ports", error.Key);
        Assert.Equal(5, error.Line);
    }
}
