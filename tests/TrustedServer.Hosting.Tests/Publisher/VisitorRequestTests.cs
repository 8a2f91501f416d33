using System.Net;
using Microsoft.AspNetCore.Http;
using TrustedServer.Core.Configuration;
using TrustedServer.Hosting.Proxy;

namespace TrustedServer.Hosting.Tests.Publisher;

public sealed class VisitorRequestTests
{
    private static readonly ProxyOptions Trusting = new() { TrustedProxies = [IPNetwork.Parse("10.0.0.0/8")] };

    private static IPAddress? For(string remote, string? forwardedFor, ProxyOptions proxy)
    {
        var context = new DefaultHttpContext();
        context.Connection.RemoteIpAddress = IPAddress.Parse(remote);
        if (forwardedFor is not null)
        {
            context.Request.Headers["X-Forwarded-For"] = forwardedFor;
        }

        return VisitorRequest.For(context, proxy).ClientAddress;
    }

    private static DefaultHttpContext Context(string remote, string? forwardedProto)
    {
        var context = new DefaultHttpContext();
        context.Connection.RemoteIpAddress = IPAddress.Parse(remote);
        context.Request.Scheme = "http";
        context.Request.Host = new HostString("www.example.com:8080");
        if (forwardedProto is not null)
        {
            context.Request.Headers["X-Forwarded-Proto"] = forwardedProto;
        }

        return context;
    }

    [Theory]
    [InlineData("198.51.100.7", "203.0.113.9", "198.51.100.7")]
    [InlineData("10.1.1.1", "203.0.113.9", "203.0.113.9")]
    [InlineData("10.1.1.1", "1.2.3.4, 203.0.113.9, 10.2.2.2", "203.0.113.9")]
    [InlineData("10.1.1.1", null, "10.1.1.1")]
    [InlineData("::ffff:198.51.100.7", null, "198.51.100.7")]
    public void Forwarded_for_is_believed_only_from_trusted_proxies_and_only_its_right_most_untrusted_hop(string remote, string? xff, string expected) =>
        Assert.Equal(IPAddress.Parse(expected), For(remote, xff, Trusting));

    [Fact]
    public void An_unparsable_hop_from_a_trusted_proxy_means_the_client_is_unknown() =>
        Assert.Null(For("10.1.1.1", "garbage", Trusting));

    [Theory]
    [InlineData("10.1.1.1", "HTTPS, http", "https")]
    [InlineData("10.1.1.1", "ftp", "http")]
    [InlineData("198.51.100.7", "https", "http")]
    public void Forwarded_proto_is_believed_only_from_trusted_proxies(string remote, string proto, string expected)
    {
        var visitor = VisitorRequest.For(Context(remote, proto), Trusting);
        Assert.Equal(expected, visitor.Scheme);
        Assert.Equal("www.example.com:8080", visitor.Host);
    }

    [Fact]
    public void The_request_is_resolved_once_and_kept_as_a_feature()
    {
        var context = Context("10.1.1.1", "https");
        var first = VisitorRequest.For(context, Trusting);
        context.Request.Headers["X-Forwarded-Proto"] = "http";
        Assert.Same(first, VisitorRequest.For(context, Trusting));
        Assert.Same(first, context.Features.Get<VisitorRequest>());
    }
}
