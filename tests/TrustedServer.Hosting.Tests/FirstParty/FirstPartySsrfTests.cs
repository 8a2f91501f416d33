using System.Net;
using Microsoft.AspNetCore.Http;

namespace TrustedServer.Hosting.Tests.FirstParty;

public sealed class FirstPartySsrfTests
{
    /// <summary>The origin: <c>/hop/N</c> redirects N more times (via localhost), <c>/to?u=</c> redirects to u, else "ok".</summary>
    private static Task Origin(HttpContext context)
    {
        var path = context.Request.Path.Value ?? "/";
        var response = context.Response;
        if (path.StartsWith("/hop/", StringComparison.Ordinal))
        {
            var left = int.Parse(path[5..], System.Globalization.CultureInfo.InvariantCulture);
            response.StatusCode = left % 2 == 0 ? 302 : 307;
            response.Headers.Location = left == 1 ? "/final" : $"http://localhost:{context.Connection.LocalPort}/hop/{left - 1}";
            return Task.CompletedTask;
        }

        if (path == "/to")
        {
            response.StatusCode = 301;
            response.Headers.Location = context.Request.Query["u"].ToString();
            return Task.CompletedTask;
        }

        return response.WriteAsync("ok:" + path);
    }

    [Theory]
    [InlineData("http://127.0.0.1:{port}/x")]
    [InlineData("http://10.0.0.1/x")]
    [InlineData("http://169.254.169.254/latest/meta-data/")]
    [InlineData("http://[::1]:{port}/x")]
    [InlineData("http://localhost:{port}/x")]
    [InlineData("http://[::ffff:127.0.0.1]:{port}/x")]
    public async Task Private_targets_are_refused_with_403_before_any_connection(string target)
    {
        await using var host = await FirstPartyHost.StartAsync(Origin, allowPrivate: false);
        var href = host.Signer.BuildProxyUrl(target.Replace("{port}", host.OriginPort.ToString(System.Globalization.CultureInfo.InvariantCulture), StringComparison.Ordinal))!;
        using var response = await host.GetAsync(href);
        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        Assert.Equal(0, host.Network.Attempts);
    }

    [Theory]
    [InlineData("http://127.0.0.1:{port}/x")]
    [InlineData("http://10.0.0.1/x")]
    [InlineData("http://169.254.169.254/latest/meta-data/")]
    [InlineData("http://[::1]:{port}/x")]
    [InlineData("http://localhost:{port}/x")]
    public async Task A_public_target_redirecting_to_a_private_one_is_refused_with_403(string privateTarget)
    {
        await using var host = await FirstPartyHost.StartAsync(Origin, allowPrivate: false);
        host.Network.PublicGoesToPort = host.OriginPort;
        var port = host.OriginPort.ToString(System.Globalization.CultureInfo.InvariantCulture);
        var next = privateTarget.Replace("{port}", port, StringComparison.Ordinal);

        using (var direct = await host.GetAsync(host.Signer.BuildProxyUrl($"http://cdn.public.example:{port}/a")!))
        {
            Assert.Equal(HttpStatusCode.OK, direct.StatusCode);
            Assert.Equal("ok:/a", await direct.Content.ReadAsStringAsync(TestContext.Current.CancellationToken));
        }

        var before = host.Network.Attempts;
        using var response = await host.GetAsync(host.Signer.BuildProxyUrl($"http://cdn.public.example:{port}/to?u=" + Uri.EscapeDataString(next))!);
        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        Assert.True(host.Network.Attempts - before <= 1, "only the public hop may be connected");
    }

    [Fact]
    public async Task Four_redirects_are_followed_and_a_fifth_is_refused()
    {
        await using var host = await FirstPartyHost.StartAsync(Origin);
        using (var four = await host.GetAsync(await host.SignAsync(host.OriginUrl("/hop/4"))))
        {
            Assert.Equal(HttpStatusCode.OK, four.StatusCode);
            Assert.Equal("ok:/final", await four.Content.ReadAsStringAsync(TestContext.Current.CancellationToken));
        }

        using var five = await host.GetAsync(await host.SignAsync(host.OriginUrl("/hop/5")));
        Assert.Equal(HttpStatusCode.Forbidden, five.StatusCode);
    }

    [Fact]
    public async Task Every_hop_is_checked_against_the_allow_list()
    {
        await using var host = await FirstPartyHost.StartAsync(Origin, allowedDomains: ["localhost"]);
        var port = host.OriginPort;
        using (var allowed = await host.GetAsync(host.Signer.BuildProxyUrl($"http://localhost:{port}/hop/2")!))
        {
            Assert.Equal(HttpStatusCode.OK, allowed.StatusCode);
        }

        using (var start = await host.GetAsync(host.Signer.BuildProxyUrl(host.OriginUrl("/x"))!))
        {
            Assert.Equal(HttpStatusCode.Forbidden, start.StatusCode);
        }

        var outside = $"http://localhost:{port}/to?u=" + Uri.EscapeDataString($"http://127.0.0.1:{port}/x");
        using var hop = await host.GetAsync(host.Signer.BuildProxyUrl(outside)!);
        Assert.Equal(HttpStatusCode.Forbidden, hop.StatusCode);
        var other = $"http://localhost:{port}/to?u=" + Uri.EscapeDataString("http://elsewhere.public.example/x");
        using var hop2 = await host.GetAsync(host.Signer.BuildProxyUrl(other)!);
        Assert.Equal(HttpStatusCode.Forbidden, hop2.StatusCode);
    }

    [Fact]
    public async Task Ports_outside_the_allowed_set_are_refused()
    {
        await using var host = await FirstPartyHost.StartAsync(Origin, allowPrivate: false);
        using var response = await host.GetAsync(host.Signer.BuildProxyUrl("http://cdn.public.example:8081/x")!);
        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        Assert.Equal(0, host.Network.Attempts);
    }
}
