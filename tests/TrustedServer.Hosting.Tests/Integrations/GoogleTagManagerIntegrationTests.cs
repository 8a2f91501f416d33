using System.Collections.Concurrent;
using System.Net;
using TrustedServer.Core.Configuration;
using TrustedServer.Hosting.Tests.Infrastructure;

namespace TrustedServer.Hosting.Tests.Integrations;

/// <summary>The google_tag_manager integration against loopback stand-ins for the tag and Analytics servers.</summary>
public sealed class GoogleTagManagerIntegrationTests
{
    private const string GtmJs =
        "var data={\"resource\":{\"version\":\"12\"}};var u=\"https://www.google-analytics.com/g/collect\";"
        + "var g='https://www.googletagmanager.com/gtag/js?id='+id;var h=\"www.googletagmanager.com\";";

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Tag_urls_in_attributes_and_inline_loaders_become_first_party()
    {
        await using var host = await StartAsync(new ConcurrentQueue<string>());

        var page = await host.PageAsync();

        Assert.Contains("j.src=\n'/integrations/google_tag_manager/gtm.js?id='+i+dl;", page, StringComparison.Ordinal);
        Assert.Contains("<script async src=\"/integrations/google_tag_manager/gtag/js?id=G-XYZ98765\"></script>", page, StringComparison.Ordinal);
        Assert.Contains("gtag('config', 'G-XYZ98765');", page, StringComparison.Ordinal);

        // The noscript iframe is Google's own page, not a script: it stays as written.
        Assert.Contains("<iframe src=\"https://www.googletagmanager.com/ns.html?id=GTM-ABC1234\"", page, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Gtm_js_is_served_with_googles_hosts_pointing_back_here()
    {
        var seen = new ConcurrentQueue<string>();
        await using var host = await StartAsync(seen);
        var local = host.Proxy.Url.Authority + "/integrations/google_tag_manager";

        using var named = await host.GetAsync("/integrations/google_tag_manager/gtm.js?id=GTM-ABC1234&l=dataLayer");
        using var request = new HttpRequestMessage(HttpMethod.Get, new Uri("/integrations/google_tag_manager/gtag/js", UriKind.Relative));
        request.Headers.TryAddWithoutValidation("Accept-Encoding", "gzip");
        using var gtag = await host.Client.SendAsync(request, Ct);

        Assert.Equal(HttpStatusCode.OK, named.StatusCode);
        Assert.Equal(
            GtmJs.Replace("www.google-analytics.com", local, StringComparison.Ordinal).Replace("www.googletagmanager.com", local, StringComparison.Ordinal),
            await named.Content.ReadAsStringAsync(Ct));
        Assert.Equal("public, max-age=600", named.Headers.CacheControl?.ToString());
        Assert.Contains("/gtm.js?id=GTM-ABC1234&l=dataLayer", seen);

        Assert.Equal("gzip", gtag.Content.Headers.ContentEncoding.Single());
        Assert.Contains($"\"https://{local}/g/collect\"", System.Text.Encoding.UTF8.GetString(Bodies.Decode(await gtag.Content.ReadAsByteArrayAsync(Ct), "gzip")), StringComparison.Ordinal);
        Assert.Contains("/gtag/js?id=GTM-ABC1234", seen);
    }

    [Fact]
    public async Task Beacons_are_forwarded_without_cookies_or_the_visitors_address_and_capped()
    {
        var seen = new ConcurrentQueue<string>();
        await using var host = await StartAsync(seen);
        var hit = "v=2&tid=G-XYZ98765&gtm=45je4b20v9&_p=1733&cid=1234.5678&en=page_view&dl=https%3A%2F%2Fwww.example.com%2F";

        using var request = new HttpRequestMessage(HttpMethod.Post, new Uri("/integrations/google_tag_manager/g/collect?v=2&tid=G-XYZ98765", UriKind.Relative))
        {
            Content = new StringContent(hit),
        };
        request.Headers.TryAddWithoutValidation("Cookie", "_ga=GA1.1.1234.5678");
        request.Headers.TryAddWithoutValidation("X-Forwarded-For", "203.0.113.9");
        using var accepted = await host.Client.SendAsync(request, Ct);
        using var tooBig = await host.Client.PostAsync(new Uri("/integrations/google_tag_manager/g/collect", UriKind.Relative), new StringContent(new string('x', 1025)), Ct);
        using var tooBigChunked = await host.Client.PostAsync(new Uri("/integrations/google_tag_manager/collect", UriKind.Relative), new StreamContent(new MemoryStream(new byte[4096])), Ct);
        using var get = await host.GetAsync("/integrations/google_tag_manager/collect?v=1&t=pageview");

        Assert.Equal(HttpStatusCode.NoContent, accepted.StatusCode);
        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, tooBig.StatusCode);
        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, tooBigChunked.StatusCode);
        Assert.Equal(HttpStatusCode.NoContent, get.StatusCode);
        Assert.Equal(
            ["POST /g/collect?v=2&tid=G-XYZ98765 cookie= xff= body=" + hit, "GET /collect?v=1&t=pageview cookie= xff= body="],
            seen.Where(s => s.Contains("collect", StringComparison.Ordinal)).ToArray());
    }

    private static Task<IntegrationHost> StartAsync(ConcurrentQueue<string> seen) =>
        IntegrationHost.StartAsync(
            IntegrationHost.Html(VendorPages.Gtm),
            async context =>
            {
                using var reader = new StreamReader(context.Request.Body);
                var body = await reader.ReadToEndAsync();
                var path = context.Request.Path.Value!;
                if (path.EndsWith("collect", StringComparison.Ordinal))
                {
                    seen.Enqueue($"{context.Request.Method} {path}{context.Request.QueryString} cookie={context.Request.Headers.Cookie} xff={context.Request.Headers["X-Forwarded-For"]} body={body}");
                    context.Response.StatusCode = 204;
                    return;
                }

                seen.Enqueue(path + context.Request.QueryString);
                context.Response.ContentType = "application/javascript; charset=UTF-8";
                var bytes = System.Text.Encoding.UTF8.GetBytes(GtmJs);
                if (context.Request.Headers.AcceptEncoding.ToString().Contains("gzip", StringComparison.Ordinal) && path == "/gtag/js")
                {
                    context.Response.Headers.ContentEncoding = "gzip";
                    bytes = Bodies.Encode(bytes, "gzip");
                }

                await context.Response.Body.WriteAsync(bytes);
            },
            (options, vendor) => options with
            {
                Integrations = new IntegrationsOptions
                {
                    GoogleTagManager = new GoogleTagManagerOptions
                    {
                        Enabled = true,
                        ContainerId = "GTM-ABC1234",
                        UpstreamUrl = vendor,
                        AnalyticsUrl = vendor,
                        CacheMaxAge = 600,
                        MaxBeaconBodySize = 1024,
                    },
                },
            });
}
