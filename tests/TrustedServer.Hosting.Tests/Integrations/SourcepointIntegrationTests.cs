using System.Collections.Concurrent;
using System.Net;
using System.Text;
using Microsoft.AspNetCore.Http;
using TrustedServer.Core.Configuration;
using TrustedServer.Core.Rewriting.Integrations.Sourcepoint;
using TrustedServer.Hosting.Tests.Infrastructure;

namespace TrustedServer.Hosting.Tests.Integrations;

/// <summary>sourcepoint against a loopback stand-in for <c>cdn.privacy-mgmt.com</c>.</summary>
public sealed class SourcepointIntegrationTests
{
    private const string Page = """
        <html><head><title>t</title>
        <script>window._sp_queue=[];window._sp_={config:{accountId:1234,baseEndpoint:'https://cdn.privacy-mgmt.com',gdpr:{}}};</script>
        <link rel="preload" as="script" href="https://cdn.privacy-mgmt.com/unified/wrapperMessagingWithoutDetection.js">
        <script src="https://cdn.privacy-mgmt.com/unified/wrapperMessagingWithoutDetection.js"></script>
        <script src="https://other.example.com/cdn.privacy-mgmt.com.js"></script>
        </head><body>x</body></html>
        """;

    private const string Wrapper =
        "__webpack_require__.p=\"https://cdn.privacy-mgmt.com/unified/4.12.0/\";var m='//cdn.privacy-mgmt.com/mms/v2/get_site_data';"
        + "var j=\"https:\\/\\/cdn.privacy-mgmt.com\\/wrapper\\/v2\";var h=\"cdn.privacy-mgmt.com\";";

    private const string Message = "<!doctype html><html><head><script src=\"https://cdn.privacy-mgmt.com/privacy-manager/index.js\"></script></head><body>choices</body></html>";

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Pages_get_first_party_tags_the_inline_config_rewritten_and_the_trap_and_the_guard_before_their_scripts()
    {
        await using var host = await StartAsync(new ConcurrentQueue<string>());
        var local = "http://" + host.Proxy.Url.Authority + "/integrations/sourcepoint/cdn";

        var page = await host.PageAsync();
        var unified = await host.Client.GetStringAsync(new Uri("/static/tsjs=tsjs-unified.min.js", UriKind.Relative), Ct);

        Assert.Contains("<script src=\"/integrations/sourcepoint/cdn/unified/wrapperMessagingWithoutDetection.js\"></script>", page, StringComparison.Ordinal);
        Assert.Contains("href=\"/integrations/sourcepoint/cdn/unified/wrapperMessagingWithoutDetection.js\">", page, StringComparison.Ordinal);
        Assert.Contains($"baseEndpoint:'{local}'", page, StringComparison.Ordinal);
        Assert.Contains("<script src=\"https://other.example.com/cdn.privacy-mgmt.com.js\"></script>", page, StringComparison.Ordinal);
        Assert.True(page.IndexOf(SourcepointConfigTrap.Snippet, StringComparison.Ordinal) is var trap && trap > 0 && trap < page.IndexOf("window._sp_queue", StringComparison.Ordinal));
        Assert.Contains("<script>", page, StringComparison.Ordinal);
        Assert.True(page.IndexOf("__tsjsSourcepointGuard", StringComparison.Ordinal) is var guard && guard > 0 && guard < page.IndexOf("window._sp_queue", StringComparison.Ordinal));
        Assert.DoesNotContain("__tsjsSourcepointGuard", unified, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Without_rewrite_sdk_the_page_keeps_its_tags_but_gets_the_trap()
    {
        await using var host = await StartAsync(new ConcurrentQueue<string>(), rewriteSdk: false);

        var page = await host.PageAsync();

        Assert.Contains("<script src=\"https://cdn.privacy-mgmt.com/unified/wrapperMessagingWithoutDetection.js\"></script>", page, StringComparison.Ordinal);
        Assert.Contains(SourcepointConfigTrap.Snippet, page, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("gzip")]
    [InlineData("br")]
    public async Task Scripts_are_streamed_with_the_cdn_host_pointing_back_here_in_any_encoding(string? coding)
    {
        await using var host = await StartAsync(new ConcurrentQueue<string>());
        var local = host.Proxy.Url.Authority + "/integrations/sourcepoint/cdn";
        using var request = new HttpRequestMessage(HttpMethod.Get, new Uri("/integrations/sourcepoint/cdn/unified/wrapperMessagingWithoutDetection.js", UriKind.Relative));
        if (coding is not null)
        {
            request.Headers.TryAddWithoutValidation("Accept-Encoding", coding);
        }

        using var response = await host.Client.SendAsync(request, Ct);
        var bytes = await response.Content.ReadAsByteArrayAsync(Ct);
        var body = Encoding.UTF8.GetString(Bodies.Decode(bytes, response.Content.Headers.ContentEncoding.SingleOrDefault()));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(
            $"__webpack_require__.p=\"http://{local}/unified/4.12.0/\";var m='//{local}/mms/v2/get_site_data';"
            + $"var j=\"http:\\/\\/{local.Replace("/", "\\/", StringComparison.Ordinal)}\\/wrapper\\/v2\";var h=\"{local}\";",
            body);
        Assert.Equal("public, max-age=600", response.Headers.CacheControl?.ToString());
    }

    [Fact]
    public async Task Message_pages_are_rewritten_and_the_upstreams_caching_and_cookies_are_respected()
    {
        await using var host = await StartAsync(new ConcurrentQueue<string>());

        using var response = await host.GetAsync("/integrations/sourcepoint/cdn/index.html?message_id=1");
        var body = await response.Content.ReadAsStringAsync(Ct);

        Assert.Contains($"<script src=\"http://{host.Proxy.Url.Authority}/integrations/sourcepoint/cdn/privacy-manager/index.js\"></script>", body, StringComparison.Ordinal);
        Assert.Equal("max-age=60", response.Headers.CacheControl?.ToString());
        Assert.False(response.Headers.Contains("Set-Cookie"));
    }

    [Fact]
    public async Task Binary_assets_pass_byte_for_byte()
    {
        await using var host = await StartAsync(new ConcurrentQueue<string>());

        using var response = await host.GetAsync("/integrations/sourcepoint/cdn/logo.woff2");

        Assert.Equal(Bodies.Make(70_000, 9), await response.Content.ReadAsByteArrayAsync(Ct));
        Assert.Equal(70_000, response.Content.Headers.ContentLength);
    }

    [Fact]
    public async Task Only_sourcepoints_cookies_and_the_auth_cookie_go_upstream_with_wrapper_api_bodies_capped()
    {
        var seen = new ConcurrentQueue<string>();
        await using var host = await StartAsync(seen);
        using var request = new HttpRequestMessage(HttpMethod.Post, new Uri("/integrations/sourcepoint/cdn/wrapper/v2/messages?env=prod", UriKind.Relative))
        {
            Content = new StringContent("{\"accountId\":1234}", Encoding.UTF8, "application/json"),
        };
        request.Headers.TryAddWithoutValidation("Cookie", "session=secret; consentUUID=u-1; _sp_v1_data=585; ts-ec=abc; sp_auth=tok%3D; euconsent-v2=CP1");
        request.Headers.TryAddWithoutValidation("X-Forwarded-For", "203.0.113.9");

        using var response = await host.Client.SendAsync(request, Ct);
        using var tooBig = await host.Client.PostAsync(
            new Uri("/integrations/sourcepoint/cdn/wrapper/v2/messages", UriKind.Relative), new ByteArrayContent(new byte[(64 * 1024) + 1]), Ct);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("POST /wrapper/v2/messages?env=prod cookie=consentUUID=u-1; _sp_v1_data=585; sp_auth=tok%3D; euconsent-v2=CP1 xff= body={\"accountId\":1234}", seen);
        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, tooBig.StatusCode);
    }

    [Fact]
    public async Task A_silent_cdn_is_a_504_and_a_refused_one_a_502()
    {
        await using var silent = await IntegrationHost.StartAsync(
            IntegrationHost.Html(Page),
            async context => await Task.Delay(TimeSpan.FromSeconds(5), context.RequestAborted),
            (options, vendor) => Configure(options, vendor, true) with
            {
                Publisher = options.Publisher with { FirstByteTimeout = TimeSpan.FromMilliseconds(300) },
            });
        await using var refused = await IntegrationHost.StartAsync(
            IntegrationHost.Html(Page),
            _ => Task.CompletedTask,
            (options, _) => Configure(options, new Uri("http://127.0.0.1:1/"), true));

        using var timedOut = await silent.GetAsync("/integrations/sourcepoint/cdn/unified/wrapper.js");
        using var failed = await refused.GetAsync("/integrations/sourcepoint/cdn/unified/wrapper.js");

        Assert.Equal(HttpStatusCode.GatewayTimeout, timedOut.StatusCode);
        Assert.Equal(HttpStatusCode.BadGateway, failed.StatusCode);
        Assert.Equal("no-store, private", failed.Headers.CacheControl?.ToString());
    }

    private static TrustedServerOptions Configure(TrustedServerOptions options, Uri vendor, bool rewriteSdk) => options with
    {
        Integrations = options.Integrations with
        {
            Sourcepoint = new SourcepointOptions { Enabled = true, CdnOrigin = vendor, RewriteSdk = rewriteSdk, AuthCookieName = "sp_auth", CacheTtlSeconds = 600 },
        },
    };

    private static Task<IntegrationHost> StartAsync(ConcurrentQueue<string> seen, bool rewriteSdk = true) =>
        IntegrationHost.StartAsync(
            IntegrationHost.Html(Page),
            async context =>
            {
                using var reader = new StreamReader(context.Request.Body);
                var body = await reader.ReadToEndAsync();
                var path = context.Request.Path.Value!;
                seen.Enqueue($"{context.Request.Method} {path}{context.Request.QueryString} cookie={context.Request.Headers.Cookie} xff={context.Request.Headers["X-Forwarded-For"]} body={body}");
                var response = context.Response;
                if (path.EndsWith(".woff2", StringComparison.Ordinal))
                {
                    response.ContentType = "font/woff2";
                    response.ContentLength = 70_000;
                    await response.Body.WriteAsync(Bodies.Make(70_000, 9));
                    return;
                }

                if (path.EndsWith(".html", StringComparison.Ordinal))
                {
                    response.ContentType = "text/html; charset=utf-8";
                    response.Headers.CacheControl = "max-age=60";
                    response.Headers.SetCookie = "consentUUID=u-2; Path=/";
                    await response.WriteAsync(Message);
                    return;
                }

                if (path.StartsWith("/wrapper/", StringComparison.Ordinal))
                {
                    response.ContentType = "application/json";
                    await response.WriteAsync("{\"ok\":true}");
                    return;
                }

                response.ContentType = "application/javascript";
                var bytes = Encoding.UTF8.GetBytes(Wrapper);
                var accept = context.Request.Headers.AcceptEncoding.ToString();
                var coding = accept.Contains("br", StringComparison.Ordinal) ? "br" : accept.Contains("gzip", StringComparison.Ordinal) ? "gzip" : null;
                if (coding is not null)
                {
                    response.Headers.ContentEncoding = coding;
                    bytes = Bodies.Encode(bytes, coding);
                }

                await response.Body.WriteAsync(bytes);
            },
            (options, vendor) => Configure(options, vendor, rewriteSdk));
}
