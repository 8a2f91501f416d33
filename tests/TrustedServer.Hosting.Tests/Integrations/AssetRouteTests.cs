using System.Collections.Concurrent;
using System.Net;
using Microsoft.AspNetCore.Http;
using TrustedServer.Core.Configuration;
using TrustedServer.Hosting.Tests.Infrastructure;

namespace TrustedServer.Hosting.Tests.Integrations;

/// <summary><c>[[proxy.asset_routes]]</c> against a loopback asset origin.</summary>
public sealed class AssetRouteTests
{
    private static readonly byte[] Image = Bodies.Make(150_000, seed: 11);

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task A_matching_prefix_is_served_from_the_asset_origin_byte_for_byte()
    {
        var seen = new ConcurrentQueue<string>();
        await using var host = await StartAsync(seen);

        using var request = new HttpRequestMessage(HttpMethod.Get, new Uri("/assets/img/logo.png?v=1", UriKind.Relative));
        request.Headers.TryAddWithoutValidation("Accept-Encoding", "gzip");
        request.Headers.TryAddWithoutValidation("Cookie", "secret=1");
        request.Headers.TryAddWithoutValidation("If-None-Match", "\"old\"");
        using var response = await host.Client.SendAsync(request, Ct);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(Bodies.Encode(Image, "gzip"), await response.Content.ReadAsByteArrayAsync(Ct));
        Assert.Equal("gzip", response.Content.Headers.ContentEncoding.Single());
        Assert.Equal("image/png", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal("\"img-1\"", response.Headers.ETag?.ToString());
        Assert.Equal("public, max-age=600", response.Headers.CacheControl?.ToString());
        Assert.False(response.Headers.Contains("Set-Cookie"));
        Assert.False(response.Headers.Contains("Strict-Transport-Security"));

        var line = Assert.Single(seen);
        Assert.Equal("/assets/img/logo.png?v=1 ae=gzip inm=\"old\" cookie=", line);
    }

    [Fact]
    public async Task The_longest_prefix_wins_and_rewrites_the_path_and_strips_the_query()
    {
        var seen = new ConcurrentQueue<string>();
        await using var host = await StartAsync(seen);

        using var response = await host.GetAsync("/assets/.image/photos/cat/large.jpg?profile=x");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("/image/upload/photos/cat.jpg ae= inm= cookie=", Assert.Single(seen));
    }

    [Fact]
    public async Task Other_paths_and_methods_still_reach_the_publisher_origin()
    {
        var seen = new ConcurrentQueue<string>();
        await using var host = await StartAsync(seen);

        using var page = await host.GetAsync("/assetsx/not-a-route");
        using var post = await host.Client.PostAsync(new Uri("/assets/form", UriKind.Relative), new StringContent("x"), Ct);

        Assert.Equal("publisher", await page.Content.ReadAsStringAsync(Ct));
        Assert.Equal("publisher", await post.Content.ReadAsStringAsync(Ct));
        Assert.Empty(seen);
    }

    [Fact]
    public async Task An_unreachable_asset_origin_is_a_502_that_is_not_cached()
    {
        var origin = await OriginServer.StartAsync(context => context.Response.WriteAsync("publisher"));
        await using var _ = origin;
        var options = TestOptions.For(origin.Url) with
        {
            Proxy = new ProxyOptions { AssetRoutes = [new AssetRouteOptions { Prefix = "/assets/", OriginUrl = new Uri("http://127.0.0.1:9/") }] },
        };
        await using var proxy = await ProxyServer.StartAsync(options, rewriting: true);

        using var response = await proxy.Client.GetAsync(new Uri("/assets/a.png", UriKind.Relative), Ct);

        Assert.Equal(HttpStatusCode.BadGateway, response.StatusCode);
        Assert.Contains("no-store", response.Headers.CacheControl?.ToString(), StringComparison.Ordinal);
    }

    private static Task<IntegrationHost> StartAsync(ConcurrentQueue<string> seen) =>
        IntegrationHost.StartAsync(
            context => context.Response.WriteAsync("publisher"),
            async context =>
            {
                var h = context.Request.Headers;
                seen.Enqueue($"{context.Request.Path.ToUriComponent()}{context.Request.QueryString} ae={h.AcceptEncoding} inm={h.IfNoneMatch} cookie={h.Cookie}");
                context.Response.ContentType = "image/png";
                context.Response.Headers.ETag = "\"img-1\"";
                context.Response.Headers.CacheControl = "public, max-age=600";
                context.Response.Headers.SetCookie = "cdn=1";
                context.Response.Headers.StrictTransportSecurity = "max-age=1";
                var gzip = h.AcceptEncoding.ToString().Contains("gzip", StringComparison.Ordinal);
                if (gzip)
                {
                    context.Response.Headers.ContentEncoding = "gzip";
                }

                await context.Response.Body.WriteAsync(gzip ? Bodies.Encode(Image, "gzip") : Image);
            },
            (options, vendor) => options with
            {
                Proxy = options.Proxy with
                {
                    AssetRoutes =
                    [
                        new AssetRouteOptions { Prefix = "/assets/", OriginUrl = vendor },
                        new AssetRouteOptions
                        {
                            Prefix = "/assets/.image/",
                            OriginUrl = vendor,
                            PathPattern = new System.Text.RegularExpressions.Regex("^/assets/\\.image/(.*)/[^/]+\\.([^/.]+)$"),
                            TargetPath = "/image/upload/$1.$2",
                            StripQuery = true,
                        },
                    ],
                },
            });
}
