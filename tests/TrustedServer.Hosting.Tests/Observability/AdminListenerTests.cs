using System.Net;
using System.Net.Http.Headers;
using Microsoft.AspNetCore.Http;
using TrustedServer.Core.Configuration;
using TrustedServer.Hosting.Tests.Infrastructure;

namespace TrustedServer.Hosting.Tests.Observability;

/// <summary>
/// <c>/_ts/metrics</c> and <c>/_ts/admin/*</c> are not the visitors' business: with <c>[server] admin_urls</c> they are
/// served on that listener only; on the public port metrics need <c>[server] metrics_token</c> as a bearer token.
/// </summary>
public sealed class AdminListenerTests
{
    private const string Token = "Zr8qL2vN6pX0wB4m-metrics";
    private const string AdminPassword = "k3P9-vQ2x-77aZ-mmT4";

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static async Task<(OriginServer Origin, Func<int> Requests)> CountingOriginAsync()
    {
        var count = 0;
        var origin = await OriginServer.StartAsync(context =>
        {
            Interlocked.Increment(ref count);
            return context.Response.WriteAsync("origin page", context.RequestAborted);
        });
        return (origin, () => Volatile.Read(ref count));
    }

    private static async Task<(HttpStatusCode Status, string Body)> GetAsync(HttpClient client, Uri url, string? authorization = null, string? host = null)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, url);
        if (authorization is not null)
        {
            request.Headers.Authorization = AuthenticationHeaderValue.Parse(authorization);
        }

        if (host is not null)
        {
            request.Headers.Host = host;
        }

        using var response = await client.SendAsync(request, Ct);
        return (response.StatusCode, await response.Content.ReadAsStringAsync(Ct));
    }

    [Fact]
    public async Task With_an_admin_listener_metrics_and_admin_routes_are_served_there_and_nowhere_else()
    {
        var (origin, originRequests) = await CountingOriginAsync();
        await using var _ = origin;
        var options = TestOptions.For(origin.Url) with
        {
            Server = new ServerOptions { AdminUrls = ["http://127.0.0.1:0"] },
            Handlers = [new AdminHandlerOptions { Path = "^/_ts/admin", Username = "ops", Password = AdminPassword }],
        };
        await using var proxy = await ProxyServer.StartAsync(options);
        var admin = proxy.AdminUrl!;
        Assert.NotEqual(proxy.Url.Port, admin.Port);

        var publicPage = await GetAsync(proxy.Client, new Uri(proxy.Url, "/index.html"));
        var adminMetrics = await GetAsync(proxy.Client, new Uri(admin, "/_ts/metrics"), host: "10.0.0.5:9090");
        var adminAuth = await GetAsync(proxy.Client, new Uri(admin, "/_ts/admin/keys/rotate"));
        var adminHealth = await GetAsync(proxy.Client, new Uri(admin, "/_ts/health"));
        var adminPage = await GetAsync(proxy.Client, new Uri(admin, "/index.html"));
        var publicMetrics = await GetAsync(proxy.Client, new Uri(proxy.Url, "/_ts/metrics"));
        var publicAdmin = await GetAsync(proxy.Client, new Uri(proxy.Url, "/_ts/admin/keys/rotate"), "Basic " + Convert.ToBase64String("ops:k3P9-vQ2x-77aZ-mmT4"u8.ToArray()));
        var publicAdminEncoded = await GetAsync(proxy.Client, new Uri(proxy.Url, "/_ts/admin%2Fec"));

        Assert.Equal(HttpStatusCode.OK, adminMetrics.Status);
        Assert.Contains("ts_requests_total", adminMetrics.Body, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Unauthorized, adminAuth.Status);
        Assert.Equal((HttpStatusCode.OK, "ok"), adminHealth);
        Assert.Equal(HttpStatusCode.NotFound, adminPage.Status);
        Assert.Equal(HttpStatusCode.NotFound, publicMetrics.Status);
        Assert.DoesNotContain("ts_requests_total", publicMetrics.Body, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.NotFound, publicAdmin.Status);
        Assert.Equal(HttpStatusCode.NotFound, publicAdminEncoded.Status);
        Assert.Equal((HttpStatusCode.OK, "origin page"), publicPage);
        Assert.Equal(1, originRequests());
    }

    [Fact]
    public async Task On_the_public_port_metrics_need_the_bearer_token()
    {
        var (origin, _) = await CountingOriginAsync();
        await using var _o = origin;
        await using var proxy = await ProxyServer.StartAsync(TestOptions.For(origin.Url) with { Server = new ServerOptions { MetricsToken = Token } });
        var metrics = new Uri(proxy.Url, "/_ts/metrics");

        var none = await GetAsync(proxy.Client, metrics);
        var wrong = await GetAsync(proxy.Client, metrics, "Bearer " + Token + "x");
        var prefix = await GetAsync(proxy.Client, metrics, "Bearer " + Token[..^1]);
        var basic = await GetAsync(proxy.Client, metrics, "Basic " + Token);
        var right = await GetAsync(proxy.Client, metrics, "Bearer " + Token);
        var lowerScheme = await GetAsync(proxy.Client, metrics, "bearer " + Token);

        Assert.Equal(HttpStatusCode.NotFound, none.Status);
        Assert.Equal(HttpStatusCode.NotFound, wrong.Status);
        Assert.Equal(HttpStatusCode.NotFound, prefix.Status);
        Assert.Equal(HttpStatusCode.NotFound, basic.Status);
        Assert.Equal(HttpStatusCode.OK, right.Status);
        Assert.Contains("ts_requests_total", right.Body, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.OK, lowerScheme.Status);
    }

    [Fact]
    public async Task Without_a_token_or_an_admin_listener_metrics_are_not_served_to_visitors()
    {
        var (origin, originRequests) = await CountingOriginAsync();
        await using var _o = origin;
        await using var proxy = await ProxyServer.StartAsync(TestOptions.For(origin.Url) with { Server = new ServerOptions() });

        var metrics = await GetAsync(proxy.Client, new Uri(proxy.Url, "/_ts/metrics"));
        var slash = await GetAsync(proxy.Client, new Uri(proxy.Url, "/_TS/Metrics/"));

        Assert.Equal(HttpStatusCode.NotFound, metrics.Status);
        Assert.Equal(HttpStatusCode.NotFound, slash.Status);
        Assert.Equal(0, originRequests());
    }
}
