using System.Collections.Concurrent;
using System.Net;
using Microsoft.AspNetCore.Http;
using TrustedServer.Core.Configuration;

namespace TrustedServer.Hosting.Tests.Integrations;

/// <summary>The lockr integration against a loopback stand-in for Lockr's CDN and identity API.</summary>
public sealed class LockrIntegrationTests
{
    private const string Sdk = "(function(){var api='/integrations/lockr/api';window.identityLockr={api:api};})();";

    private const string Page = """
        <!DOCTYPE html>
        <html><head><title>t</title>
        <script src="https://aim.loc.kr/identity-lockr-v1.0.js"></script>
        <script src="https://cdn.example.com/identity-lockr-v1.0.js"></script>
        </head><body></body></html>
        """;

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task The_sdk_is_served_from_the_cache_and_the_page_gets_the_app_id_and_first_party_tags()
    {
        var fetches = 0;
        await using var host = await StartAsync(async context =>
        {
            Interlocked.Increment(ref fetches);
            context.Response.ContentType = "application/javascript";
            await context.Response.WriteAsync(Sdk);
        }, new ConcurrentQueue<string>());

        using var first = await host.GetAsync("/integrations/lockr/sdk");
        using var second = await host.GetAsync("/integrations/lockr/sdk");
        var page = await host.PageAsync();

        Assert.Equal(Sdk, await first.Content.ReadAsStringAsync(Ct));
        Assert.Equal(Sdk, await second.Content.ReadAsStringAsync(Ct));
        Assert.Equal("true", first.Headers.GetValues("X-Lockr-SDK-Proxy").Single());
        Assert.Equal("public, max-age=3600", first.Headers.CacheControl?.ToString());
        Assert.Equal(1, fetches);
        Assert.Contains("<meta name=\"lockr-signin-app_id\" content=\"app-&lt;1&gt;\">", page, StringComparison.Ordinal);
        Assert.Contains("<script src=\"/integrations/lockr/sdk\"></script>", page, StringComparison.Ordinal);
        Assert.Contains("<script src=\"https://cdn.example.com/identity-lockr-v1.0.js\"></script>", page, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_api_gets_the_configured_origin_and_the_body_but_no_cookies_or_authorization()
    {
        var seen = new ConcurrentQueue<string>();
        await using var host = await StartAsync(async context =>
        {
            using var reader = new StreamReader(context.Request.Body);
            seen.Enqueue($"{context.Request.Method} {context.Request.Path}{context.Request.QueryString} origin={context.Request.Headers.Origin} cookie={context.Request.Headers.Cookie} auth={context.Request.Headers.Authorization} type={context.Request.ContentType} body={await reader.ReadToEndAsync()}");
            context.Response.ContentType = "application/json";
            await context.Response.WriteAsync("{\"tokens\":[]}");
        }, seen);

        using var request = new HttpRequestMessage(HttpMethod.Post, new Uri("/integrations/lockr/api/publisher/app/v2/identityLockr/page-view?x=1", UriKind.Relative))
        {
            Content = new StringContent("{\"appID\":\"app\"}", System.Text.Encoding.UTF8, "application/json"),
        };
        request.Headers.TryAddWithoutValidation("Origin", "http://localhost:3000");
        request.Headers.TryAddWithoutValidation("Cookie", "session=private");
        request.Headers.TryAddWithoutValidation("Authorization", "Basic c3RhZ2luZzpwYXNz");
        using var response = await host.Client.SendAsync(request, Ct);
        using var tooBig = await host.Client.PostAsync(new Uri("/integrations/lockr/api/x", UriKind.Relative), new ByteArrayContent(new byte[70_000]), Ct);

        Assert.Equal("{\"tokens\":[]}", await response.Content.ReadAsStringAsync(Ct));
        Assert.Equal("no-store", response.Headers.CacheControl?.ToString());
        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, tooBig.StatusCode);
        Assert.Equal(
            ["POST /publisher/app/v2/identityLockr/page-view?x=1 origin=https://www.publisher.example cookie= auth= type=application/json; charset=utf-8 body={\"appID\":\"app\"}"],
            seen.ToArray());
    }

    private static Task<IntegrationHost> StartAsync(RequestDelegate vendor, ConcurrentQueue<string> seen) =>
        IntegrationHost.StartAsync(
            IntegrationHost.Html(Page),
            vendor,
            (options, vendorUrl) => options with
            {
                Integrations = new IntegrationsOptions
                {
                    Lockr = new LockrOptions
                    {
                        Enabled = true,
                        AppId = "app-<1>",
                        ApiEndpoint = vendorUrl,
                        SdkUrl = new Uri(vendorUrl, "identity-lockr-trust-server.js"),
                        OriginOverride = new Uri("https://www.publisher.example"),
                    },
                },
            });
}
