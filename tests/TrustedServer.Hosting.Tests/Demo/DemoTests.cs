using System.Net;
using System.Text;
using TrustedServer.Hosting.Demo;
using TrustedServer.Hosting.Tests.Infrastructure;

namespace TrustedServer.Hosting.Tests.Demo;

public sealed class DemoTests
{
    [Fact]
    public async Task The_demo_site_is_served_through_the_proxy_with_pages_compressed_and_images_intact()
    {
        await using var demo = await DemoOrigin.StartAsync(TestContext.Current.CancellationToken);
        await using var proxy = await ProxyServer.StartAsync(demo.Options() with { Logging = new() { Level = "warning" } }, rewriting: true);
        using var direct = new HttpClient(new SocketsHttpHandler { AutomaticDecompression = DecompressionMethods.None, UseProxy = false }) { BaseAddress = demo.Url };
        var ct = TestContext.Current.CancellationToken;

        using var home = new HttpRequestMessage(HttpMethod.Get, "/");
        home.Headers.TryAddWithoutValidation("Accept-Encoding", "gzip, br");
        using var page = await proxy.Client.SendAsync(home, ct);
        var html = Encoding.UTF8.GetString(Bodies.Decode(await page.Content.ReadAsByteArrayAsync(ct), "br"));
        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        Assert.Equal("br", Assert.Single(page.Content.Headers.ContentEncoding));
        Assert.True(page.Headers.TransferEncodingChunked);
        Assert.Contains("The Example Gazette", html);
        var origin = demo.Url.GetLeftPart(UriPartial.Authority);
        var firstParty = proxy.Url.GetLeftPart(UriPartial.Authority);
        Assert.DoesNotContain(origin + "/about", html);
        Assert.Contains(firstParty + "/about", html);
        Assert.Contains($"srcset=\"{firstParty}/images/hero.png 1x, {firstParty}/images/hero.png 2x\"", html);
        Assert.Contains($"url(\"{firstParty}/images/thumb.png\")", html);
        Assert.Contains($"{{\"canonical\":\"{firstParty}/\"", html);
        Assert.Contains("id=\"trustedserver-js\"", html);
        Assert.Equal("1", page.Headers.GetValues("x-ts-demo").Single());

        foreach (var path in new[] { "/images/hero.png", "/images/logo.png", "/images/thumb.png", "/images/icon.png", "/static/demo.woff2" })
        {
            var expected = await direct.GetByteArrayAsync(path, ct);
            using var image = await proxy.Client.GetAsync(path, ct);
            Assert.Equal(expected.Length, image.Content.Headers.ContentLength);
            Assert.Equal(expected, await image.Content.ReadAsByteArrayAsync(ct));
        }

        var png = await direct.GetByteArrayAsync("/images/hero.png", ct);
        Assert.Equal(new byte[] { 0x89, (byte)'P', (byte)'N', (byte)'G' }, png[..4]);

        foreach (var (path, coding, type) in new[] { ("/static/site.css", "gzip", "text/css"), ("/static/app.js", "gzip", "text/javascript"), ("/api/news.json", "identity", "application/json") })
        {
            using var request = new HttpRequestMessage(HttpMethod.Get, path);
            if (coding != "identity")
            {
                request.Headers.TryAddWithoutValidation("Accept-Encoding", coding);
            }

            using var response = await proxy.Client.SendAsync(request, ct);
            Assert.Equal(type, response.Content.Headers.ContentType?.MediaType);
            var text = Encoding.UTF8.GetString(Bodies.Decode(await response.Content.ReadAsByteArrayAsync(ct), coding == "identity" ? null : coding));
            Assert.DoesNotContain(origin, text);
            Assert.Contains(firstParty, text);
        }

        using var missing = await proxy.Client.GetAsync("/no-such-page", ct);
        Assert.Equal(HttpStatusCode.NotFound, missing.StatusCode);
        Assert.Contains("Page not found", await missing.Content.ReadAsStringAsync(ct));

        using var redirect = await proxy.Client.GetAsync("/old-about", ct);
        Assert.Equal(HttpStatusCode.MovedPermanently, redirect.StatusCode);
        Assert.Equal(firstParty + "/about", redirect.Headers.Location?.ToString());
    }
}
