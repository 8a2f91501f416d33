using System.Collections.Concurrent;
using System.Net;
using System.Text;
using Microsoft.AspNetCore.Http;
using TrustedServer.Core.Configuration;
using TrustedServer.Hosting.Tests.Infrastructure;

namespace TrustedServer.Hosting.Tests.Integrations;

/// <summary>didomi against a loopback stand-in for Didomi's SDK and API servers.</summary>
public sealed class DidomiIntegrationTests
{
    private const string Page = """
        <html><head><title>t</title>
        <script type="text/javascript">window.gdprAppliesGlobally=true;(function(){function a(e){var t=document.createElement("script");t.id="spcloader";t.type="text/javascript";t.async=true;t.src="https://sdk.privacy-center.org/"+e+"/loader.js?target="+document.location.hostname;var n=document.getElementsByTagName("script")[0];n.parentNode.insertBefore(t,n)}a("7e8a2b1c")})();</script>
        <link rel="preconnect" href="https://sdk.privacy-center.org/">
        <script src="https://sdk.privacy-center.org/7e8a2b1c/loader.js?target=www.example.com"></script>
        <script src="https://cdn.example.net/other.js"></script>
        </head><body>x</body></html>
        """;

    private const string Loader =
        "window.didomiConfig=window.didomiConfig||{};var sdk=\"https://sdk.privacy-center.org/7e8a2b1c/\";"
        + "var api='https://api.privacy-center.org/v1/events';var host=\"sdk.privacy-center.org\";var esc=\"https:\\/\\/api.privacy-center.org\\/v1\";";

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Sdk_tags_and_loader_snippets_in_pages_point_at_the_proxy_path()
    {
        await using var host = await StartAsync(new ConcurrentQueue<string>());

        var page = await host.PageAsync();

        Assert.Contains("<script src=\"/integrations/didomi/consent/7e8a2b1c/loader.js?target=www.example.com\"></script>", page, StringComparison.Ordinal);
        Assert.Contains($"t.src=\"http://{host.Proxy.Url.Authority}/integrations/didomi/consent/\"+e+\"/loader.js?target=\"", page, StringComparison.Ordinal);
        Assert.Contains("<script src=\"https://cdn.example.net/other.js\"></script>", page, StringComparison.Ordinal);
        Assert.Contains("<script>window.__tsjs_didomi={\"proxyPath\":\"/integrations/didomi/consent\"};</script>", page, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_sdk_is_served_with_didomis_hosts_pointing_back_here_with_cors_and_the_visitors_country_only()
    {
        var seen = new ConcurrentQueue<string>();
        await using var host = await StartAsync(seen);
        var local = host.Proxy.Url.Authority + "/integrations/didomi/consent";
        using var request = new HttpRequestMessage(HttpMethod.Get, new Uri("/integrations/didomi/consent/7e8a2b1c/loader.js?target=www.example.com", UriKind.Relative));
        request.Headers.TryAddWithoutValidation("Cookie", "session=secret; euconsent-v2=abc");
        request.Headers.TryAddWithoutValidation("x-geo-country", "de");
        request.Headers.TryAddWithoutValidation("x-geo-region", "BE");

        using var response = await host.Client.SendAsync(request, Ct);
        var body = await response.Content.ReadAsStringAsync(Ct);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(
            $"window.didomiConfig=window.didomiConfig||{{}};var sdk=\"http://{local}/7e8a2b1c/\";var api='http://{local}/api/v1/events';var host=\"{local}\";"
            + $"var esc=\"http:\\/\\/{local.Replace("/", "\\/", StringComparison.Ordinal)}\\/api\\/v1\";",
            body);
        Assert.Equal("*", response.Headers.GetValues("Access-Control-Allow-Origin").Single());
        Assert.Equal("GET, POST, PUT, DELETE, OPTIONS", response.Headers.GetValues("Access-Control-Allow-Methods").Single());
        Assert.Contains("GET /7e8a2b1c/loader.js?target=www.example.com cookie= xff= country=DE region=BE cf=DE", seen);
    }

    [Fact]
    public async Task Binary_sdk_assets_pass_byte_for_byte_with_their_length()
    {
        await using var host = await StartAsync(new ConcurrentQueue<string>());

        using var response = await host.GetAsync("/integrations/didomi/consent/7e8a2b1c/logo.png");
        var bytes = await response.Content.ReadAsByteArrayAsync(Ct);

        Assert.Equal(Bodies.Make(5000, 3), bytes);
        Assert.Equal(5000, response.Content.Headers.ContentLength);
        Assert.Equal("image/png", response.Content.Headers.ContentType?.MediaType);
    }

    [Fact]
    public async Task The_api_gets_the_body_and_authorization_but_no_cookies_and_no_added_cors_and_bodies_are_capped()
    {
        var seen = new ConcurrentQueue<string>();
        await using var host = await StartAsync(seen);
        using var request = new HttpRequestMessage(HttpMethod.Post, new Uri("/integrations/didomi/consent/api/v1/events?source=sdk", UriKind.Relative))
        {
            Content = new StringContent("{\"type\":\"consent.given\"}", Encoding.UTF8, "application/json"),
        };
        request.Headers.TryAddWithoutValidation("Authorization", "Bearer sdk-token");
        request.Headers.TryAddWithoutValidation("Cookie", "session=secret");

        using var response = await host.Client.SendAsync(request, Ct);
        using var tooBig = await host.Client.PostAsync(
            new Uri("/integrations/didomi/consent/api/v1/events", UriKind.Relative), new ByteArrayContent(new byte[(64 * 1024) + 1]), Ct);

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        Assert.False(response.Headers.Contains("Access-Control-Allow-Origin"));
        Assert.Contains("POST /v1/events?source=sdk cookie= auth=Bearer sdk-token body={\"type\":\"consent.given\"}", seen);
        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, tooBig.StatusCode);
        Assert.Single(seen, s => s.StartsWith("POST", StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_custom_proxy_path_serves_there_and_the_default_path_goes_to_the_origin()
    {
        var seen = new ConcurrentQueue<string>();
        await using var host = await StartAsync(seen, "/privacy/cmp");

        var page = await host.PageAsync();
        using var sdk = await host.GetAsync("/privacy/cmp/7e8a2b1c/loader.js");
        using var api = await host.GetAsync("/privacy/cmp/api/v1/config");
        using var old = await host.GetAsync("/integrations/didomi/consent/7e8a2b1c/loader.js");

        Assert.Contains("<script src=\"/privacy/cmp/7e8a2b1c/loader.js?target=www.example.com\"></script>", page, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.OK, sdk.StatusCode);
        Assert.Contains($"{host.Proxy.Url.Authority}/privacy/cmp/api/v1/events", await sdk.Content.ReadAsStringAsync(Ct), StringComparison.Ordinal);
        Assert.Contains("GET /v1/config cookie= auth= body=", seen);
        Assert.Single(seen, s => s.StartsWith("GET /7e8a2b1c/loader.js", StringComparison.Ordinal));
        Assert.Equal("origin page", await old.Content.ReadAsStringAsync(Ct));
    }

    [Fact]
    public async Task A_silent_sdk_server_is_a_504_that_is_not_stored()
    {
        await using var host = await IntegrationHost.StartAsync(
            IntegrationHost.Html(Page),
            async context => await Task.Delay(TimeSpan.FromSeconds(5), context.RequestAborted),
            (options, vendor) => Configure(options, vendor, DidomiOptions.DefaultProxyPath) with
            {
                Publisher = options.Publisher with { FirstByteTimeout = TimeSpan.FromMilliseconds(300) },
            });

        using var response = await host.GetAsync("/integrations/didomi/consent/7e8a2b1c/loader.js");

        Assert.Equal(HttpStatusCode.GatewayTimeout, response.StatusCode);
        Assert.Equal("no-store, private", response.Headers.CacheControl?.ToString());
    }

    private static TrustedServerOptions Configure(TrustedServerOptions options, Uri vendor, string proxyPath) => options with
    {
        Geo = new GeoOptions { CountryHeader = "x-geo-country", RegionHeader = "x-geo-region" },
        Integrations = options.Integrations with
        {
            Didomi = new DidomiOptions { Enabled = true, ProxyPath = proxyPath, SdkOrigin = vendor, ApiOrigin = new Uri(vendor, "/api-host/") },
        },
    };

    private static Task<IntegrationHost> StartAsync(ConcurrentQueue<string> seen, string proxyPath = DidomiOptions.DefaultProxyPath) =>
        IntegrationHost.StartAsync(
            async context =>
            {
                if (context.Request.Path == "/")
                {
                    await IntegrationHost.Html(Page)(context);
                    return;
                }

                await context.Response.WriteAsync("origin page");
            },
            async context =>
            {
                using var reader = new StreamReader(context.Request.Body);
                var body = await reader.ReadToEndAsync();
                var path = context.Request.Path.Value!;
                var headers = context.Request.Headers;
                if (path.StartsWith("/api-host", StringComparison.Ordinal))
                {
                    seen.Enqueue($"{context.Request.Method} {path["/api-host".Length..]}{context.Request.QueryString} cookie={headers.Cookie} auth={headers.Authorization} body={body}");
                    context.Response.StatusCode = context.Request.Method == "POST" ? 201 : 200;
                    return;
                }

                seen.Enqueue($"{context.Request.Method} {path}{context.Request.QueryString} cookie={headers.Cookie} xff={headers["X-Forwarded-For"]} country={headers["X-Geo-Country"]} region={headers["X-Geo-Region"]} cf={headers["CloudFront-Viewer-Country"]}");
                if (path.EndsWith(".png", StringComparison.Ordinal))
                {
                    context.Response.ContentType = "image/png";
                    context.Response.ContentLength = 5000;
                    await context.Response.Body.WriteAsync(Bodies.Make(5000, 3));
                    return;
                }

                context.Response.ContentType = "application/javascript; charset=utf-8";
                await context.Response.WriteAsync(Loader);
            },
            (options, vendor) => Configure(options, vendor, proxyPath));
}
