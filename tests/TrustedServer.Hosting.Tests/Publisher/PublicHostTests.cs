using System.Net;
using Microsoft.AspNetCore.Http;
using TrustedServer.Core.Configuration;
using TrustedServer.Hosting.Tests.Infrastructure;

namespace TrustedServer.Hosting.Tests.Publisher;

/// <summary>
/// Only declared hosts ([publisher] domain and aliases) reach rewritten links, <c>Location</c> and the origin: any other
/// <c>Host</c> gets 421 (or the domain, in canonical mode), and <c>X-Forwarded-Host</c> counts only from a trusted proxy.
/// </summary>
public sealed class PublicHostTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    /// <summary>An origin whose page links to itself and whose /moved redirects to itself; it counts what it is asked.</summary>
    private sealed class LinkingOrigin : IAsyncDisposable
    {
        private OriginServer _server = null!;
        private int _requests;

        public int Requests => Volatile.Read(ref _requests);

        public Uri Url => _server.Url;

        public static async Task<LinkingOrigin> StartAsync()
        {
            var origin = new LinkingOrigin();
            origin._server = await OriginServer.StartAsync(context =>
            {
                Interlocked.Increment(ref origin._requests);
                var self = "http://" + context.Request.Host;
                if (context.Request.Path == "/moved")
                {
                    context.Response.StatusCode = StatusCodes.Status302Found;
                    context.Response.Headers.Location = self + "/new-home";
                    return Task.CompletedTask;
                }

                context.Response.ContentType = "text/html";
                return context.Response.WriteAsync($"<html><head><link rel=\"stylesheet\" href=\"{self}/static/site.css\"></head><body>hi</body></html>", context.RequestAborted);
            });
            return origin;
        }

        public ValueTask DisposeAsync() => _server.DisposeAsync();
    }

    private static Task<ProxyServer> StartAsync(LinkingOrigin origin, Func<PublisherOptions, PublisherOptions>? publisher = null, ProxyOptions? proxy = null) =>
        ProxyServer.StartAsync(origin.Url, publisher, proxy: proxy, rewriting: true);

    private static async Task<(HttpStatusCode Status, string Body, HttpResponseMessage Response)> GetAsync(ProxyServer proxy, string host, string path = "/", string? forwardedHost = null)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, path);
        request.Headers.Host = host;
        if (forwardedHost is not null)
        {
            request.Headers.TryAddWithoutValidation("X-Forwarded-Host", forwardedHost);
        }

        var response = await proxy.Client.SendAsync(request, Ct);
        return (response.StatusCode, await response.Content.ReadAsStringAsync(Ct), response);
    }

    [Fact]
    public async Task An_undeclared_host_gets_421_without_its_name_and_the_origin_is_never_asked()
    {
        await using var origin = await LinkingOrigin.StartAsync();
        await using var proxy = await StartAsync(origin);

        var (status, body, response) = await GetAsync(proxy, "evil.attacker");
        using var _ = response;

        Assert.Equal(HttpStatusCode.MisdirectedRequest, status);
        Assert.DoesNotContain("evil.attacker", body, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain(response.Headers.Concat(response.Content.Headers), h => h.Value.Any(v => v.Contains("evil.attacker", StringComparison.OrdinalIgnoreCase)));
        Assert.Equal("text/plain", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal(0, origin.Requests);
    }

    [Theory]
    [InlineData("www.example.com:9999")]
    [InlineData("example.com")]
    [InlineData("www.example.com.evil.attacker")]
    [InlineData("www.example.com:443")]
    public async Task A_declared_name_with_another_port_or_a_look_alike_is_undeclared(string host)
    {
        await using var origin = await LinkingOrigin.StartAsync();
        await using var proxy = await StartAsync(origin);

        var (status, _, response) = await GetAsync(proxy, host);
        using var _r = response;

        Assert.Equal(HttpStatusCode.MisdirectedRequest, status);
    }

    [Fact]
    public async Task Every_route_is_covered_but_health_answers_any_host()
    {
        await using var origin = await LinkingOrigin.StartAsync();
        await using var proxy = await StartAsync(origin);

        var (tsjs, _, r1) = await GetAsync(proxy, "evil.attacker", "/static/tsjs=tsjs-unified.min.js");
        var (moved, _, r2) = await GetAsync(proxy, "evil.attacker", "/moved");
        var (health, healthBody, r3) = await GetAsync(proxy, "evil.attacker", "/_ts/health");
        r1.Dispose();
        r2.Dispose();
        r3.Dispose();

        Assert.Equal(HttpStatusCode.MisdirectedRequest, tsjs);
        Assert.Equal(HttpStatusCode.MisdirectedRequest, moved);
        Assert.Equal(HttpStatusCode.OK, health);
        Assert.Equal("ok", healthBody);
    }

    [Fact]
    public async Task The_domain_and_an_alias_are_served_with_links_and_location_on_their_own_host()
    {
        await using var origin = await LinkingOrigin.StartAsync();
        await using var proxy = await StartAsync(origin, p => p with { Aliases = ["shop.example.com", "www.example.com:8443"] });

        var (domain, domainBody, r1) = await GetAsync(proxy, "www.example.com");
        var (alias, aliasBody, r2) = await GetAsync(proxy, "SHOP.example.com.");
        var (ported, portedBody, r3) = await GetAsync(proxy, "www.example.com:8443");
        var (_, _, moved) = await GetAsync(proxy, "shop.example.com", "/moved");
        r1.Dispose();
        r2.Dispose();
        r3.Dispose();
        using var _m = moved;

        Assert.Equal(HttpStatusCode.OK, domain);
        Assert.Contains("href=\"http://www.example.com/static/site.css\"", domainBody, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.OK, alias);
        Assert.Contains("href=\"http://SHOP.example.com./static/site.css\"", aliasBody, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.OK, ported);
        Assert.Contains("href=\"http://www.example.com:8443/static/site.css\"", portedBody, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Found, moved.StatusCode);
        Assert.Equal("http://shop.example.com/new-home", moved.Headers.Location?.OriginalString);
    }

    [Fact]
    public async Task A_trusted_proxys_forwarded_host_is_the_request_host_under_the_same_list()
    {
        await using var origin = await LinkingOrigin.StartAsync();
        await using var proxy = await StartAsync(origin, p => p with { Aliases = ["shop.example.com"] }, new ProxyOptions { TrustedProxies = [IPNetwork.Parse("127.0.0.0/8")] });

        var (allowed, body, r1) = await GetAsync(proxy, proxy.Url.Authority, forwardedHost: "shop.example.com, internal.lb");
        var (refused, refusedBody, r2) = await GetAsync(proxy, "www.example.com", forwardedHost: "evil.attacker");
        r1.Dispose();
        r2.Dispose();

        Assert.Equal(HttpStatusCode.OK, allowed);
        Assert.Contains("href=\"http://shop.example.com/static/site.css\"", body, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.MisdirectedRequest, refused);
        Assert.DoesNotContain("evil.attacker", refusedBody, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_forwarded_loopback_host_is_not_the_local_visitors_exemption()
    {
        await using var origin = await LinkingOrigin.StartAsync();
        await using var proxy = await StartAsync(origin, proxy: new ProxyOptions { TrustedProxies = [IPNetwork.Parse("127.0.0.0/8")] });

        var (status, _, response) = await GetAsync(proxy, "www.example.com", forwardedHost: "localhost");
        using var _r = response;

        Assert.Equal(HttpStatusCode.MisdirectedRequest, status);
    }

    [Fact]
    public async Task An_untrusted_clients_forwarded_host_is_ignored()
    {
        await using var origin = await LinkingOrigin.StartAsync();
        await using var proxy = await StartAsync(origin);

        var (status, body, response) = await GetAsync(proxy, "www.example.com", forwardedHost: "evil.attacker");
        using var _r = response;

        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Contains("href=\"http://www.example.com/static/site.css\"", body, StringComparison.Ordinal);
        Assert.DoesNotContain("evil.attacker", body, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Canonical_mode_serves_an_undeclared_host_as_the_domain()
    {
        await using var origin = await LinkingOrigin.StartAsync();
        await using var proxy = await StartAsync(origin, p => p with { UnknownHost = UnknownHostMode.Canonical });

        var (status, body, response) = await GetAsync(proxy, "evil.attacker");
        var (_, _, moved) = await GetAsync(proxy, "evil.attacker", "/moved");
        response.Dispose();
        using var _m = moved;

        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Contains("href=\"http://www.example.com/static/site.css\"", body, StringComparison.Ordinal);
        Assert.DoesNotContain("evil.attacker", body, StringComparison.Ordinal);
        Assert.Equal("http://www.example.com/new-home", moved.Headers.Location?.OriginalString);
    }

    [Fact]
    public async Task A_local_visitor_may_use_loopback_names_on_any_port()
    {
        await using var origin = await LinkingOrigin.StartAsync();
        await using var proxy = await StartAsync(origin);

        var (byAddress, body, r1) = await GetAsync(proxy, proxy.Url.Authority);
        var (byName, _, r2) = await GetAsync(proxy, "localhost:" + proxy.Url.Port);
        r1.Dispose();
        r2.Dispose();

        Assert.Equal(HttpStatusCode.OK, byAddress);
        Assert.Contains($"href=\"http://{proxy.Url.Authority}/static/site.css\"", body, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.OK, byName);
    }
}
