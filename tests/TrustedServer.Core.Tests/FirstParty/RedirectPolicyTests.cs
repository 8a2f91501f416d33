using TrustedServer.Core.Ssrf;
using TrustedServer.Core.UrlParsing;

namespace TrustedServer.Core.Tests.FirstParty;

public sealed class RedirectPolicyTests
{
    private static readonly Uri Start = new("https://cdn.example/a/b.png");
    private readonly ProxyTargetPolicy _policy = new() { AllowedDomains = new DomainPatternList(["*.example"]) };

    [Theory]
    [InlineData(301)]
    [InlineData(302)]
    [InlineData(307)]
    [InlineData(308)]
    public void Redirect_keeps_the_method_and_resolves_relative_locations(int status)
    {
        var refusal = RedirectPolicy.TryNextHop(_policy, Start, status, "../c.png#frag", 0, HttpMethod.Get, out var next, out var method);

        Assert.Equal(TargetRefusal.None, refusal);
        Assert.Equal("https://cdn.example/c.png", next!.AbsoluteUri);
        Assert.Equal(HttpMethod.Get, method);
    }

    [Fact]
    public void See_other_switches_to_get()
    {
        RedirectPolicy.TryNextHop(_policy, Start, 303, "/x", 0, HttpMethod.Post, out _, out var method);

        Assert.Equal(HttpMethod.Get, method);
    }

    [Fact]
    public void Fifth_redirect_is_refused()
    {
        for (var hops = 0; hops < RedirectPolicy.MaxRedirects; hops++)
        {
            Assert.Equal(TargetRefusal.None, RedirectPolicy.TryNextHop(_policy, Start, 302, "/x", hops, HttpMethod.Get, out _, out _));
        }

        Assert.Equal(
            TargetRefusal.TooManyRedirects,
            RedirectPolicy.TryNextHop(_policy, Start, 302, "/x", RedirectPolicy.MaxRedirects, HttpMethod.Get, out var next, out _));
        Assert.Null(next);
    }

    [Theory]
    [InlineData("https://evil.test/", TargetRefusal.Domain)]
    [InlineData("http://169.254.169.254/latest", TargetRefusal.Domain)]
    [InlineData("ftp://files.example/", TargetRefusal.Scheme)]
    [InlineData("https://cdn.example:8080/", TargetRefusal.Port)]
    [InlineData("", TargetRefusal.BadRedirect)]
    [InlineData(null, TargetRefusal.BadRedirect)]
    public void Every_hop_is_checked_against_the_policy(string? location, TargetRefusal expected)
    {
        Assert.Equal(expected, RedirectPolicy.TryNextHop(_policy, Start, 302, location, 1, HttpMethod.Get, out _, out _));
    }

    [Fact]
    public void Private_literal_hop_is_refused_without_an_allow_list()
    {
        var open = new ProxyTargetPolicy();

        Assert.Equal(
            TargetRefusal.PrivateAddress,
            RedirectPolicy.TryNextHop(open, Start, 302, "http://10.0.0.1/admin", 0, HttpMethod.Get, out _, out _));
    }

    [Theory]
    [InlineData(200)]
    [InlineData(304)]
    [InlineData(300)]
    public void Non_redirect_statuses_are_not_followed(int status)
    {
        Assert.False(RedirectPolicy.IsRedirect(status));
        Assert.Equal(TargetRefusal.BadRedirect, RedirectPolicy.TryNextHop(_policy, Start, status, "/x", 0, HttpMethod.Get, out _, out _));
    }
}
