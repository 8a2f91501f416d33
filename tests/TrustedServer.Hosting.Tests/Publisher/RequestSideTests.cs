using System.Net;
using System.Security.Cryptography;
using System.Text.Json;
using Microsoft.AspNetCore.Http;
using TrustedServer.Core.Configuration;
using TrustedServer.Hosting.Tests.Infrastructure;

namespace TrustedServer.Hosting.Tests.Publisher;

public sealed class RequestSideTests
{
    /// <summary>An origin that answers with the headers it received, as JSON.</summary>
    private static Task<OriginServer> EchoOriginAsync() => OriginServer.StartAsync(async context =>
    {
        var headers = context.Request.Headers.ToDictionary(h => h.Key.ToLowerInvariant(), h => h.Value.ToString());
        headers["@path"] = context.Request.Path + context.Request.QueryString;
        context.Response.ContentType = "application/json";
        await JsonSerializer.SerializeAsync(context.Response.Body, headers, cancellationToken: context.RequestAborted);
    });

    private static async Task<Dictionary<string, string>> EchoAsync(ProxyServer proxy, Action<HttpRequestMessage> configure, string path = "/echo?x=1")
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, path);
        configure(request);
        using var response = await proxy.Client.SendAsync(request, TestContext.Current.CancellationToken);
        var json = await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken);
        return JsonSerializer.Deserialize<Dictionary<string, string>>(json)!;
    }

    [Fact]
    public async Task The_origin_gets_its_own_host_and_our_forwarding_headers_and_spoofed_ones_are_dropped()
    {
        await using var origin = await EchoOriginAsync();
        await using var proxy = await ProxyServer.StartAsync(origin.Url, p => p with { Aliases = ["www.example.com:8443"] });

        var seen = await EchoAsync(proxy, r =>
        {
            r.Headers.Host = "www.example.com:8443";
            r.Headers.TryAddWithoutValidation("X-Forwarded-For", "203.0.113.9");
            r.Headers.TryAddWithoutValidation("X-Forwarded-Host", "evil.example");
            r.Headers.TryAddWithoutValidation("X-Forwarded-Proto", "https");
            r.Headers.TryAddWithoutValidation("Forwarded", "for=203.0.113.9");
        });

        Assert.Equal(origin.Url.Authority, seen["host"]);
        Assert.Equal("127.0.0.1", seen["x-forwarded-for"]);
        Assert.Equal("www.example.com:8443", seen["x-forwarded-host"]);
        Assert.Equal("http", seen["x-forwarded-proto"]);
        Assert.False(seen.ContainsKey("forwarded"));
        Assert.Equal("/echo?x=1", seen["@path"]);
    }

    [Fact]
    public async Task Forwarding_headers_from_a_trusted_proxy_are_kept_and_extended()
    {
        await using var origin = await EchoOriginAsync();
        await using var proxy = await ProxyServer.StartAsync(origin.Url, proxy: new ProxyOptions { TrustedProxies = [IPNetwork.Parse("127.0.0.0/8")] });

        var seen = await EchoAsync(proxy, r =>
        {
            r.Headers.TryAddWithoutValidation("X-Forwarded-For", "203.0.113.9");
            r.Headers.TryAddWithoutValidation("X-Forwarded-Host", "www.example.com");
            r.Headers.TryAddWithoutValidation("X-Forwarded-Proto", "https");
        });

        Assert.Equal("203.0.113.9, 127.0.0.1", seen["x-forwarded-for"]);
        Assert.Equal("www.example.com", seen["x-forwarded-host"]);
        Assert.Equal("https", seen["x-forwarded-proto"]);
    }

    [Fact]
    public async Task The_configured_origin_host_header_replaces_the_origin_host()
    {
        await using var origin = await EchoOriginAsync();
        await using var proxy = await ProxyServer.StartAsync(origin.Url, p => p with { OriginHostHeader = "www.example.com" });

        var seen = await EchoAsync(proxy, _ => { });

        Assert.Equal("www.example.com", seen["host"]);
    }

    [Fact]
    public async Task Headers_listed_in_connection_are_not_forwarded()
    {
        await using var origin = await EchoOriginAsync();
        await using var proxy = await ProxyServer.StartAsync(origin.Url);

        var seen = await EchoAsync(proxy, r =>
        {
            r.Headers.Connection.Add("X-Hop");
            r.Headers.TryAddWithoutValidation("X-Hop", "secret");
            r.Headers.TryAddWithoutValidation("X-Kept", "yes");
            r.Headers.TryAddWithoutValidation("Keep-Alive", "timeout=5");
            r.Headers.TryAddWithoutValidation("TE", "trailers");
        });

        Assert.False(seen.ContainsKey("x-hop"));
        Assert.False(seen.ContainsKey("keep-alive"));
        Assert.False(seen.ContainsKey("te"));
        Assert.Equal("yes", seen["x-kept"]);
    }

    [Theory]
    [InlineData("gzip, deflate, br, zstd", "gzip, deflate, br")]
    [InlineData("br;q=1.0, zstd;q=0.9, gzip;q=0.5", "br;q=1.0, gzip;q=0.5")]
    [InlineData("zstd", "identity")]
    [InlineData("identity", "identity")]
    public async Task Accept_encoding_is_narrowed_to_what_we_can_decode(string sent, string expected)
    {
        await using var origin = await EchoOriginAsync();
        await using var proxy = await ProxyServer.StartAsync(origin.Url);

        var seen = await EchoAsync(proxy, r => r.Headers.TryAddWithoutValidation("Accept-Encoding", sent));

        Assert.Equal(expected, seen["accept-encoding"]);
    }

    [Fact]
    public async Task No_accept_encoding_is_sent_when_the_client_sent_none()
    {
        await using var origin = await EchoOriginAsync();
        await using var proxy = await ProxyServer.StartAsync(origin.Url);

        var seen = await EchoAsync(proxy, _ => { });

        Assert.False(seen.ContainsKey("accept-encoding"));
    }

    [Fact]
    public async Task Request_bodies_stream_to_the_origin_unchanged()
    {
        const int Size = 3 * 1024 * 1024;
        await using var origin = await OriginServer.StartAsync(async context =>
        {
            var (hash, length) = await Bodies.HashAsync(context.Request.Body, context.RequestAborted);
            await context.Response.WriteAsync($"{length}:{Convert.ToHexString(hash)}", context.RequestAborted);
        });
        await using var proxy = await ProxyServer.StartAsync(origin.Url);

        using var content = new StreamContent(new MemoryStream(Bodies.Make(Size, 11)));
        content.Headers.ContentType = new("application/octet-stream");
        using var response = await proxy.Client.PostAsync("/upload", content, TestContext.Current.CancellationToken);

        Assert.Equal($"{Size}:{Convert.ToHexString(SHA256.HashData(Bodies.Make(Size, 11)))}", await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken));
    }

    private sealed class SlowContent : HttpContent
    {
        protected override async Task SerializeToStreamAsync(Stream stream, System.Net.TransportContext? context)
        {
            for (var i = 0; i < 5; i++)
            {
                await stream.WriteAsync(new byte[1000]);
                await stream.FlushAsync();
                await Task.Delay(200);
            }
        }

        protected override bool TryComputeLength(out long length)
        {
            length = 5000;
            return true;
        }
    }

    [Fact]
    public async Task An_upload_slower_than_the_first_byte_timeout_is_not_cut()
    {
        await using var origin = await OriginServer.StartAsync(async context =>
        {
            var (_, length) = await Bodies.HashAsync(context.Request.Body, context.RequestAborted);
            await context.Response.WriteAsync(length.ToString(), context.RequestAborted);
        });
        await using var proxy = await ProxyServer.StartAsync(origin.Url, p => p with { FirstByteTimeout = TimeSpan.FromMilliseconds(300) });

        using var content = new SlowContent();
        using var response = await proxy.Client.PostAsync("/upload", content, TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("5000", await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken));
    }

    [Fact]
    public async Task Health_answers_ok_with_the_finalisation_headers_and_without_asking_the_origin()
    {
        var originCalls = 0;
        await using var origin = await OriginServer.StartAsync(context =>
        {
            Interlocked.Increment(ref originCalls);
            return Task.CompletedTask;
        });
        await using var proxy = await ProxyServer.StartAsync(origin.Url);

        using var response = await proxy.Client.GetAsync("/_ts/health", TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("ok", await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken));
        Assert.True(response.Headers.Contains("x-ts-version"));
        Assert.Equal("on", response.Headers.GetValues(TestOptions.OperatorHeader).Single());
        Assert.Equal(0, originCalls);
    }
}
