using System.IO.Compression;
using System.Net;
using System.Text;
using Microsoft.AspNetCore.Http;

namespace TrustedServer.Hosting.Tests.FirstParty;

public sealed class FirstPartyUpstreamTests
{
    [Fact]
    public async Task A_gzip_html_creative_is_rewritten_and_stays_gzip()
    {
        await using var host = await FirstPartyHost.StartAsync(async context =>
        {
            var html = Encoding.UTF8.GetBytes($"<img src=\"http://127.0.0.1:{context.Connection.LocalPort}/a.png\">");
            using var packed = new MemoryStream();
            await using (var gzip = new GZipStream(packed, CompressionLevel.Fastest, leaveOpen: true))
            {
                await gzip.WriteAsync(html);
            }

            context.Response.ContentType = "text/html";
            context.Response.Headers.ContentEncoding = "gzip";
            await context.Response.Body.WriteAsync(packed.ToArray());
        });
        using var response = await host.GetAsync(await host.SignAsync(host.OriginUrl("/c.html")));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("gzip", response.Content.Headers.ContentEncoding.Single());
        await using var body = new GZipStream(await response.Content.ReadAsStreamAsync(TestContext.Current.CancellationToken), CompressionMode.Decompress);
        using var reader = new StreamReader(body);
        var html = await reader.ReadToEndAsync(TestContext.Current.CancellationToken);
        Assert.StartsWith("<img src=\"/first-party/proxy?tsurl=http%3A%2F%2F127.0.0.1", html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_unreachable_target_gives_502_and_a_slow_one_504()
    {
        // A loopback port nothing listens on once the probe listener is stopped.
        var listener = new System.Net.Sockets.TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var closedPort = ((IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop();
        await using var host = await FirstPartyHost.StartAsync(
            async context =>
            {
                await Task.Delay(TimeSpan.FromSeconds(3), context.RequestAborted);
                await context.Response.WriteAsync("late");
            },
            configure: o => o with
            {
                Publisher = o.Publisher with { FirstByteTimeout = TimeSpan.FromMilliseconds(300) },
                Proxy = o.Proxy with { AllowedPorts = [.. o.Proxy.AllowedPorts, closedPort] },
            });

        using (var slow = await host.GetAsync(await host.SignAsync(host.OriginUrl("/slow"))))
        {
            Assert.Equal(HttpStatusCode.GatewayTimeout, slow.StatusCode);
        }

        using var refused = await host.GetAsync(host.Signer.BuildProxyUrl($"http://localhost:{closedPort}/x")!);
        Assert.Equal(HttpStatusCode.BadGateway, refused.StatusCode);
    }
}
