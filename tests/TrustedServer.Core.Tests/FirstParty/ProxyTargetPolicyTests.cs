using TrustedServer.Core.Ssrf;
using TrustedServer.Core.UrlParsing;

namespace TrustedServer.Core.Tests.FirstParty;

public sealed class ProxyTargetPolicyTests
{
    private readonly ProxyTargetPolicy _default = new();

    [Theory]
    [InlineData("https://cdn.example/a.png", TargetRefusal.None)]
    [InlineData("http://cdn.example:80/a.png", TargetRefusal.None)]
    [InlineData("ftp://cdn.example/a", TargetRefusal.Scheme)]
    [InlineData("file:///etc/passwd", TargetRefusal.Scheme)]
    [InlineData("gopher://cdn.example/", TargetRefusal.Scheme)]
    [InlineData("https://cdn.example:8443/", TargetRefusal.Port)]
    [InlineData("http://cdn.example:22/", TargetRefusal.Port)]
    [InlineData("https://user:pw@cdn.example/", TargetRefusal.UserInfo)]
    [InlineData("http://127.0.0.1/", TargetRefusal.PrivateAddress)]
    [InlineData("http://10.0.0.1/", TargetRefusal.PrivateAddress)]
    [InlineData("http://169.254.169.254/latest/meta-data/", TargetRefusal.PrivateAddress)]
    [InlineData("http://[::1]/", TargetRefusal.PrivateAddress)]
    [InlineData("http://[::ffff:127.0.0.1]/", TargetRefusal.PrivateAddress)]
    [InlineData("http://0x7f.1/", TargetRefusal.PrivateAddress)]
    [InlineData("http://2130706433/", TargetRefusal.PrivateAddress)]
    [InlineData("http://8.8.8.8/", TargetRefusal.None)]
    public void Default_policy_checks_scheme_port_userinfo_and_literal_addresses(string url, TargetRefusal expected)
    {
        Assert.Equal(expected, _default.Check(new Uri(url)));
    }

    [Fact]
    public void Relative_uri_is_refused()
    {
        Assert.Equal(TargetRefusal.NotAbsolute, _default.Check(new Uri("/a", UriKind.Relative)));
    }

    [Fact]
    public void Configured_ports_replace_the_default_set()
    {
        var policy = new ProxyTargetPolicy { AllowedPorts = new HashSet<int> { 443, 8443 } };

        Assert.Equal(TargetRefusal.None, policy.Check(new Uri("https://cdn.example:8443/")));
        Assert.Equal(TargetRefusal.Port, policy.Check(new Uri("http://cdn.example/")));
    }

    [Fact]
    public void Allow_list_is_applied_to_the_host()
    {
        var policy = new ProxyTargetPolicy { AllowedDomains = new DomainPatternList(["*.cdn.example"]) };

        Assert.Equal(TargetRefusal.None, policy.Check(new Uri("https://img.cdn.example/a.png")));
        Assert.Equal(TargetRefusal.Domain, policy.Check(new Uri("https://evil.example/a.png")));
    }

    [Fact]
    public void Private_literals_pass_when_private_targets_are_allowed()
    {
        var policy = new ProxyTargetPolicy { AllowPrivateTargets = true };

        Assert.Equal(TargetRefusal.None, policy.Check(new Uri("http://127.0.0.1/")));
        Assert.Equal(TargetRefusal.None, policy.Check(new Uri("http://[::1]/")));
    }
}
