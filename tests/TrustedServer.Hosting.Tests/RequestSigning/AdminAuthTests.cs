using System.Net.Http.Headers;
using System.Text;
using Microsoft.AspNetCore.Http;
using TrustedServer.Core.Configuration;
using TrustedServer.Hosting.Tests.Infrastructure;
using static TrustedServer.Hosting.Tests.RequestSigning.SigningHarness;

namespace TrustedServer.Hosting.Tests.RequestSigning;

public sealed class AdminAuthTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Admin_routes_need_the_handlers_credentials_and_a_401_carries_the_challenge()
    {
        var hits = 0;
        await using var origin = await OriginServer.StartAsync(_ =>
        {
            Interlocked.Increment(ref hits);
            return Task.CompletedTask;
        });
        await using var proxy = await ProxyServer.StartAsync(Options(origin.Url));

        using var anonymous = await proxy.Client.SendAsync(Admin("/_ts/admin/keys/rotate", "{}", user: null), Ct);
        using var wrongPassword = await proxy.Client.SendAsync(Admin("/_ts/admin/keys/rotate", "{}", password: AdminPassword + "x"), Ct);
        using var wrongUser = await proxy.Client.SendAsync(Admin("/_ts/admin/keys/deactivate", "{}", user: "other"), Ct);
        using var ok = await proxy.Client.SendAsync(Admin("/_ts/admin/keys/rotate", "{}"), Ct);

        foreach (var denied in new[] { anonymous, wrongPassword, wrongUser })
        {
            Assert.Equal(401, (int)denied.StatusCode);
            Assert.Equal("Basic realm=\"Trusted Server\"", denied.Headers.WwwAuthenticate.ToString());
        }

        Assert.Equal(200, (int)ok.StatusCode);
        Assert.Equal(0, Volatile.Read(ref hits));
    }

    [Fact]
    public async Task Spellings_that_routing_accepts_but_the_pattern_does_not_never_reach_an_admin_route_or_the_origin()
    {
        var hits = 0;
        await using var origin = await OriginServer.StartAsync(_ =>
        {
            Interlocked.Increment(ref hits);
            return Task.CompletedTask;
        });
        await using var proxy = await ProxyServer.StartAsync(Options(origin.Url));

        var statuses = new List<(string, int)>();
        foreach (var path in new[] { "/_TS/ADMIN/keys/rotate", "/_ts/Admin/keys/rotate", "/_ts/admin/keys/rotate/", "/_ts/%61dmin/keys/rotate", "/x/../_ts/admin/keys/rotate", "/admin/keys/rotate", "/_ts/admin/nothing-here" })
        {
            using var response = await proxy.Client.SendAsync(Admin(path, "{}", user: null), Ct);
            statuses.Add((path, (int)response.StatusCode));
        }

        Assert.All(statuses, s => Assert.Contains(s.Item2, new[] { 401, 404 }));
        Assert.Equal(0, Volatile.Read(ref hits));
    }

    [Fact]
    public async Task A_handler_on_a_publisher_path_guards_the_origin_and_the_first_matching_handler_decides()
    {
        var hits = 0;
        await using var origin = await OriginServer.StartAsync(context =>
        {
            Interlocked.Increment(ref hits);
            return context.Response.WriteAsync("origin page", context.RequestAborted);
        });
        var options = TestOptions.For(origin.Url) with
        {
            Handlers =
            [
                new AdminHandlerOptions { Path = "^/private/open", Username = "first", Password = "first-password-123" },
                new AdminHandlerOptions { Path = "^/private", Username = "second", Password = "second-password-123" },
            ],
        };
        await using var proxy = await ProxyServer.StartAsync(options);

        var anonymous = await GetAsync(proxy, "/private/page", null);
        var second = await GetAsync(proxy, "/private/page", "second:second-password-123");
        var firstOnOpen = await GetAsync(proxy, "/private/open/x", "first:first-password-123");
        var secondOnOpen = await GetAsync(proxy, "/private/open/x", "second:second-password-123");
        var publicPage = await GetAsync(proxy, "/public", null);

        Assert.Equal(401, anonymous);
        Assert.Equal(200, second);
        Assert.Equal(200, firstOnOpen);
        Assert.Equal(401, secondOnOpen);
        Assert.Equal(200, publicPage);
        Assert.Equal(3, Volatile.Read(ref hits));
    }

    [Fact]
    public async Task Options_built_in_code_without_a_covering_handler_get_no_key_admin_routes()
    {
        await using var origin = await OriginServer.StartAsync(_ => Task.CompletedTask);
        await using var proxy = await ProxyServer.StartAsync(Options(origin.Url) with { Handlers = [] });

        using var rotate = await proxy.Client.SendAsync(Admin("/_ts/admin/keys/rotate", "{}", user: null), Ct);
        using var discovery = await proxy.Client.GetAsync("/.well-known/trusted-server.json", Ct);

        Assert.Equal(404, (int)rotate.StatusCode);
        Assert.Equal(500, (int)discovery.StatusCode);
    }

    private static async Task<int> GetAsync(ProxyServer proxy, string path, string? credentials)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, path);
        if (credentials is not null)
        {
            request.Headers.Authorization = new AuthenticationHeaderValue("Basic", Convert.ToBase64String(Encoding.UTF8.GetBytes(credentials)));
        }

        using var response = await proxy.Client.SendAsync(request, Ct);
        return (int)response.StatusCode;
    }
}
