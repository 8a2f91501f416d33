using TrustedServer.Core.UrlParsing;

namespace TrustedServer.Core.Tests.Urls;

public sealed class PublicHostListTests
{
    private static readonly PublicHostList Hosts = new("www.example.com", ["shop.example.com", "www.example.com:8443", "[2001:db8::1]", "203.0.113.5:8080"]);

    [Theory]
    [InlineData("www.example.com", "http")]
    [InlineData("WWW.Example.COM", "http")]
    [InlineData("www.example.com.", "https")]
    [InlineData("www.example.com:80", "http")]
    [InlineData("www.example.com:443", "https")]
    [InlineData("www.example.com:8443", "https")]
    [InlineData("shop.example.com", "https")]
    [InlineData("[2001:db8:0::1]", "http")]
    [InlineData("203.0.113.5:8080", "http")]
    public void Declared_hosts_are_allowed(string host, string scheme) =>
        Assert.True(Hosts.Allows(host, scheme, loopbackVisitor: false));

    [Theory]
    [InlineData("evil.attacker")]
    [InlineData("example.com")]
    [InlineData("www.example.com.evil.attacker")]
    [InlineData("evilwww.example.com")]
    [InlineData("www.example.com:443")]
    [InlineData("www.example.com:8080")]
    [InlineData("203.0.113.5")]
    [InlineData("localhost")]
    [InlineData("127.0.0.1:8080")]
    [InlineData("[::1]:8080")]
    [InlineData("www.example.com:0")]
    [InlineData("www.example.com:")]
    [InlineData("www.example.com:99999")]
    [InlineData("www.example.com@evil.attacker")]
    [InlineData("www.example.com/evil")]
    [InlineData("www.example.com evil")]
    [InlineData("")]
    public void Anything_else_is_refused_to_a_remote_visitor(string host) =>
        Assert.False(Hosts.Allows(host, "http", loopbackVisitor: false));

    [Theory]
    [InlineData("localhost")]
    [InlineData("localhost:8080")]
    [InlineData("127.0.0.1:49152")]
    [InlineData("[::1]:8080")]
    public void A_local_visitor_may_also_use_loopback_names_on_any_port(string host) =>
        Assert.True(Hosts.Allows(host, "http", loopbackVisitor: true));

    [Fact]
    public void A_local_visitor_is_still_refused_other_hosts() =>
        Assert.False(Hosts.Allows("evil.attacker", "http", loopbackVisitor: true));

    [Theory]
    [InlineData("shop.example.com", "shop.example.com", null)]
    [InlineData("Shop.Example.com.:8080", "shop.example.com", 8080)]
    [InlineData("[2001:DB8::1]:443", "[2001:db8::1]", 443)]
    [InlineData("xn--bcher-kva.example", "xn--bcher-kva.example", null)]
    public void Authorities_parse_to_a_lower_case_host_and_port(string text, string host, int? port)
    {
        Assert.True(HostAuthority.TryParse(text, out var authority));
        Assert.Equal(new HostAuthority(host, port), authority);
    }

    [Theory]
    [InlineData("bücher.example")]
    [InlineData("-shop.example.com")]
    [InlineData("shop..example.com")]
    [InlineData("[fe80::1%eth0]")]
    [InlineData("[::1")]
    [InlineData("a:b:c")]
    [InlineData("*.example.com")]
    public void Malformed_authorities_do_not_parse(string text) =>
        Assert.False(HostAuthority.TryParse(text, out _));
}
