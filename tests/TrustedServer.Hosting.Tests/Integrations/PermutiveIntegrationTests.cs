using System.Collections.Concurrent;
using System.Net;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using TrustedServer.Core.Configuration;
using TrustedServer.Hosting.Tests.Infrastructure;

namespace TrustedServer.Hosting.Tests.Integrations;

/// <summary>The permutive integration against a loopback stand-in for Permutive's edge CDN and APIs.</summary>
public sealed class PermutiveIntegrationTests
{
    private const string Sdk =
        "!function(){var api=\"https://api.permutive.com/v2.0/\",ev=\"https://events.permutive.app/e\";"
        + "var ss=\"https://secure-signals.permutive.app/x\",sy=\"https://sync.permutive.com/s\",cdn=\"https://cdn.permutive.com/m\";}();";

    private const string Page = """
        <!DOCTYPE html>
        <html><head><title>t</title>
        <script>!function(e,o,n,i){if(!e){e=e||{},window.permutive=e,e.q=[];}}(window.permutive,"abc","def",{});</script>
        <script async src="https://myorg.edge.permutive.app/ws-123-web.js"></script>
        </head><body><p>story</p></body></html>
        """;

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task One_hundred_concurrent_first_requests_make_one_upstream_fetch_and_expiry_refetches()
    {
        var fetches = 0;
        var release = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var time = new ManualTime();
        await using var host = await PermutiveHost.StartAsync(async context =>
        {
            if (context.Request.Path == "/ws-123-web.js")
            {
                Interlocked.Increment(ref fetches);
                await release.Task;
                context.Response.ContentType = "application/javascript";
                await context.Response.WriteAsync(Sdk);
            }
        }, time);

        var requests = Enumerable.Range(0, 100).Select(_ => host.Proxy.Client.GetAsync(new Uri("/integrations/permutive/sdk", UriKind.Relative), Ct)).ToArray();
        await WaitUntilAsync(() => Volatile.Read(ref fetches) > 0);
        await Task.Delay(200, Ct);
        release.SetResult();
        var responses = await Task.WhenAll(requests);

        Assert.All(responses, r => Assert.Equal(HttpStatusCode.OK, r.StatusCode));
        var bodies = await Task.WhenAll(responses.Select(r => r.Content.ReadAsStringAsync(Ct)));
        Assert.Single(bodies.Distinct());
        Assert.Equal(1, fetches);
        Assert.Equal("public, max-age=600", responses[0].Headers.CacheControl?.ToString());

        time.Advance(TimeSpan.FromSeconds(599));
        using (await host.Proxy.Client.GetAsync(new Uri("/integrations/permutive/sdk", UriKind.Relative), Ct))
        {
            Assert.Equal(1, fetches);
        }

        time.Advance(TimeSpan.FromSeconds(2));
        using var refreshed = await host.Proxy.Client.GetAsync(new Uri("/integrations/permutive/sdk", UriKind.Relative), Ct);
        Assert.Equal(HttpStatusCode.OK, refreshed.StatusCode);
        Assert.Equal(2, fetches);
        foreach (var response in responses)
        {
            response.Dispose();
        }
    }

    [Fact]
    public async Task An_upstream_failure_is_a_502_and_is_not_kept()
    {
        var fetches = 0;
        await using var host = await PermutiveHost.StartAsync(async context =>
        {
            if (Interlocked.Increment(ref fetches) == 1)
            {
                context.Response.StatusCode = 503;
                return;
            }

            await context.Response.WriteAsync(Sdk);
        });

        using var failed = await host.Proxy.Client.GetAsync(new Uri("/integrations/permutive/sdk", UriKind.Relative), Ct);
        using var next = await host.Proxy.Client.GetAsync(new Uri("/integrations/permutive/sdk", UriKind.Relative), Ct);

        Assert.Equal(HttpStatusCode.BadGateway, failed.StatusCode);
        Assert.Equal("no-store, private", failed.Headers.CacheControl?.ToString());
        Assert.Equal(HttpStatusCode.OK, next.StatusCode);
        Assert.Equal(2, fetches);
    }

    [Fact]
    public async Task The_sdk_points_permutive_hosts_at_the_first_party_proxies_and_page_tags_at_the_sdk_route()
    {
        await using var host = await PermutiveHost.StartAsync(context => context.Response.WriteAsync(Sdk), page: Page);
        var local = host.Proxy.Url.Authority + "/integrations/permutive";

        var sdk = await host.Proxy.Client.GetStringAsync(new Uri("/integrations/permutive/sdk", UriKind.Relative), Ct);
        var page = await host.Proxy.Client.GetStringAsync(new Uri("/", UriKind.Relative), Ct);

        Assert.Equal(
            $"!function(){{var api=\"https://{local}/api/v2.0/\",ev=\"https://{local}/events/e\";"
            + $"var ss=\"https://{local}/secure-signal/x\",sy=\"https://{local}/sync/s\",cdn=\"https://{local}/cdn/m\";}}();",
            sdk);
        Assert.Contains("<script async src=\"/integrations/permutive/sdk\"></script>", page, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Api_events_and_sync_forward_bodies_without_cookies_under_the_cap_and_cdn_is_byte_for_byte()
    {
        var seen = new ConcurrentQueue<string>();
        var asset = Bodies.Make(150_000, seed: 11);
        await using var host = await PermutiveHost.StartAsync(async context =>
        {
            using var reader = new StreamReader(context.Request.Body);
            var body = await reader.ReadToEndAsync();
            seen.Enqueue($"{context.Request.Method} {context.Request.Path}{context.Request.QueryString} cookie={context.Request.Headers.Cookie} body={body}");
            if (context.Request.Path.StartsWithSegments("/m"))
            {
                context.Response.ContentType = "application/octet-stream";
                await context.Response.Body.WriteAsync(asset);
                return;
            }

            context.Response.ContentType = "application/json";
            await context.Response.WriteAsync("{\"ok\":true}");
        });

        using var api = new HttpRequestMessage(HttpMethod.Post, new Uri("/integrations/permutive/api/v2.0/identify?k=key", UriKind.Relative)) { Content = new StringContent("{\"id\":1}") };
        api.Headers.TryAddWithoutValidation("Cookie", "session=secret");
        using var apiResponse = await host.Proxy.Client.SendAsync(api, Ct);
        using var events = await host.Proxy.Client.PostAsync(new Uri("/integrations/permutive/events/e", UriKind.Relative), new StringContent("[1]"), Ct);
        using var sync = await host.Proxy.Client.GetAsync(new Uri("/integrations/permutive/sync/s?u=1", UriKind.Relative), Ct);
        using var signal = await host.Proxy.Client.GetAsync(new Uri("/integrations/permutive/secure-signal/x", UriKind.Relative), Ct);
        using var tooBig = await host.Proxy.Client.PostAsync(new Uri("/integrations/permutive/events/e", UriKind.Relative), new StreamContent(new MemoryStream(new byte[2048])), Ct);
        using var cdn = await host.Proxy.Client.GetAsync(new Uri("/integrations/permutive/cdn/m/model.bin", UriKind.Relative), Ct);

        Assert.Equal("{\"ok\":true}", await apiResponse.Content.ReadAsStringAsync(Ct));
        Assert.Equal(HttpStatusCode.OK, events.StatusCode);
        Assert.Equal(HttpStatusCode.OK, sync.StatusCode);
        Assert.Equal(HttpStatusCode.OK, signal.StatusCode);
        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, tooBig.StatusCode);
        Assert.Equal(asset, await cdn.Content.ReadAsByteArrayAsync(Ct));
        Assert.Equal(asset.Length, cdn.Content.Headers.ContentLength);
        Assert.Equal(
            ["POST /v2.0/identify?k=key cookie= body={\"id\":1}", "POST /e cookie= body=[1]", "GET /s?u=1 cookie= body=", "GET /x cookie= body=", "GET /m/model.bin cookie= body="],
            seen.ToArray());
    }

    private static async Task WaitUntilAsync(Func<bool> condition)
    {
        var deadline = DateTime.UtcNow.AddSeconds(20);
        while (!condition() && DateTime.UtcNow < deadline)
        {
            await Task.Delay(10, Ct);
        }
    }

    /// <summary>The origin, the Permutive stand-in (every endpoint on one loopback server) and the app.</summary>
    private sealed class PermutiveHost : IAsyncDisposable
    {
        private PermutiveHost(OriginServer origin, OriginServer vendor, ProxyServer proxy)
        {
            Origin = origin;
            Vendor = vendor;
            Proxy = proxy;
        }

        public OriginServer Origin { get; }

        public OriginServer Vendor { get; }

        public ProxyServer Proxy { get; }

        public static async Task<PermutiveHost> StartAsync(RequestDelegate vendor, TimeProvider? time = null, string page = "<html><head></head><body></body></html>")
        {
            var origin = await OriginServer.StartAsync(IntegrationHost.Html(page));
            var vendorServer = await OriginServer.StartAsync(vendor);
            var options = TestOptions.For(origin.Url);
            options = options with
            {
                Integrations = new IntegrationsOptions
                {
                    Permutive = new PermutiveOptions
                    {
                        Enabled = true,
                        OrganizationId = "myorg",
                        WorkspaceId = "ws-123",
                        SdkOrigin = vendorServer.Url,
                        ApiEndpoint = vendorServer.Url,
                        SecureSignalsEndpoint = vendorServer.Url,
                        EventsEndpoint = vendorServer.Url,
                        SyncEndpoint = vendorServer.Url,
                        CdnEndpoint = vendorServer.Url,
                        CacheTtlSeconds = 600,
                        MaxBeaconBodySize = 1024,
                    },
                },
            };
            var proxy = await ProxyServer.StartAsync(options, services =>
            {
                if (time is not null)
                {
                    services.AddSingleton(time);
                }
            }, rewriting: true);
            return new PermutiveHost(origin, vendorServer, proxy);
        }

        public async ValueTask DisposeAsync()
        {
            await Proxy.DisposeAsync();
            await Vendor.DisposeAsync();
            await Origin.DisposeAsync();
        }
    }
}
