using Microsoft.AspNetCore.Http;
using TrustedServer.Hosting.Tests.Infrastructure;

namespace TrustedServer.Hosting.Tests.Publisher;

public sealed class PassThroughTests
{
    public static TheoryData<int, string> Binaries()
    {
        var data = new TheoryData<int, string>();
        foreach (var size in new[] { 1, 64 * 1024, 5 * 1024 * 1024 })
        {
            foreach (var type in new[] { "image/png", "font/woff2", "video/mp4", "application/octet-stream" })
            {
                data.Add(size, type);
            }
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(Binaries))]
    public async Task Binaries_arrive_byte_identical_with_the_origin_content_length(int size, string contentType)
    {
        await using var origin = await OriginServer.StartAsync(async context =>
        {
            context.Response.ContentType = contentType;
            context.Response.ContentLength = size;
            context.Response.Headers.ETag = "\"abc\"";
            context.Response.Headers.AcceptRanges = "bytes";
            await Bodies.WriteAsync(context.Response.Body, size, seed: size, context.RequestAborted);
        });
        await using var proxy = await ProxyServer.StartAsync(origin.Url);

        using var response = await proxy.Client.GetAsync("/asset.bin", HttpCompletionOption.ResponseHeadersRead, TestContext.Current.CancellationToken);
        await using var body = await response.Content.ReadAsStreamAsync(TestContext.Current.CancellationToken);
        var (hash, length) = await Bodies.HashAsync(body, TestContext.Current.CancellationToken);

        Assert.Equal(200, (int)response.StatusCode);
        Assert.Equal(size, response.Content.Headers.ContentLength);
        Assert.NotEqual(true, response.Headers.TransferEncodingChunked);
        Assert.Equal(size, length);
        Assert.Equal(Bodies.ExpectedHash(size, size), hash);
        Assert.Equal("\"abc\"", response.Headers.ETag?.ToString());
        Assert.Contains("bytes", response.Headers.AcceptRanges);
        Assert.Equal("on", response.Headers.GetValues(TestOptions.OperatorHeader).Single());
        Assert.True(response.Headers.Contains("x-ts-version"));
    }

    [Theory]
    [InlineData("image/png")]
    [InlineData("text/html")]
    public async Task Headers_the_origin_names_in_connection_stay_on_its_hop(string contentType)
    {
        // Kestrel folds a Connection header to keep-alive, so the origin here writes its response by hand.
        var head = "HTTP/1.1 200 OK\r\nContent-Type: " + contentType + "\r\nContent-Length: 8\r\n"
            + "Connection: keep-alive, X-Origin-Hop ,x-other-hop\r\nX-Origin-Hop: internal\r\nX-Other-Hop: internal\r\nX-Kept: 1\r\n\r\n<p>x</p>";
        using var listener = new System.Net.Sockets.TcpListener(System.Net.IPAddress.Loopback, 0);
        listener.Start();
        var port = ((System.Net.IPEndPoint)listener.LocalEndpoint).Port;
        var serving = Task.Run(async () =>
        {
            using var client = await listener.AcceptTcpClientAsync(TestContext.Current.CancellationToken);
            var stream = client.GetStream();
            var request = new List<byte>();
            var buffer = new byte[1024];
            while (!System.Text.Encoding.ASCII.GetString([.. request]).Contains("\r\n\r\n", StringComparison.Ordinal))
            {
                var n = await stream.ReadAsync(buffer, TestContext.Current.CancellationToken);
                if (n == 0)
                {
                    return;
                }

                request.AddRange(buffer.AsSpan(0, n).ToArray());
            }

            await stream.WriteAsync(System.Text.Encoding.ASCII.GetBytes(head), TestContext.Current.CancellationToken);
            await stream.FlushAsync(TestContext.Current.CancellationToken);
        }, TestContext.Current.CancellationToken);
        await using var proxy = await ProxyServer.StartAsync(new Uri($"http://127.0.0.1:{port}"));

        using var response = await proxy.Client.GetAsync("/a", TestContext.Current.CancellationToken);

        Assert.Equal(200, (int)response.StatusCode);
        Assert.Equal("<p>x</p>", await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken));
        Assert.False(response.Headers.Contains("X-Origin-Hop"));
        Assert.False(response.Headers.Contains("X-Other-Hop"));
        Assert.Equal("1", response.Headers.GetValues("X-Kept").Single());
        listener.Stop();
        await serving;
    }

    [Fact]
    public async Task Partial_content_passes_through_with_its_content_range()
    {
        var body = Bodies.Make(100, 7);
        await using var origin = await OriginServer.StartAsync(async context =>
        {
            Assert.Equal("bytes=100-199", context.Request.Headers.Range.ToString());
            context.Response.StatusCode = StatusCodes.Status206PartialContent;
            context.Response.ContentType = "text/html";
            context.Response.Headers.ContentRange = "bytes 100-199/1000";
            context.Response.ContentLength = body.Length;
            await context.Response.Body.WriteAsync(body, context.RequestAborted);
        });
        await using var proxy = await ProxyServer.StartAsync(origin.Url);

        using var request = new HttpRequestMessage(HttpMethod.Get, "/page.html");
        request.Headers.Range = new System.Net.Http.Headers.RangeHeaderValue(100, 199);
        using var response = await proxy.Client.SendAsync(request, TestContext.Current.CancellationToken);

        Assert.Equal(206, (int)response.StatusCode);
        Assert.Equal("bytes 100-199/1000", response.Content.Headers.ContentRange?.ToString());
        Assert.Equal(100, response.Content.Headers.ContentLength);
        Assert.Equal(body, await response.Content.ReadAsByteArrayAsync(TestContext.Current.CancellationToken));
    }

    [Theory]
    [InlineData("zstd")]
    [InlineData("x-custom")]
    [InlineData("gzip, br")]
    public async Task Unsupported_and_stacked_encodings_pass_through_unmodified(string encoding)
    {
        var body = Bodies.Make(4096, 3);
        await using var origin = await OriginServer.StartAsync(async context =>
        {
            context.Response.ContentType = "text/html; charset=utf-8";
            context.Response.Headers.ContentEncoding = encoding;
            context.Response.ContentLength = body.Length;
            await context.Response.Body.WriteAsync(body, context.RequestAborted);
        });
        await using var proxy = await ProxyServer.StartAsync(origin.Url);

        using var response = await proxy.Client.GetAsync("/", TestContext.Current.CancellationToken);

        Assert.Equal(body.Length, response.Content.Headers.ContentLength);
        Assert.Equal(encoding.Replace(" ", string.Empty), string.Join(",", response.Content.Headers.ContentEncoding));
        Assert.Equal(body, await response.Content.ReadAsByteArrayAsync(TestContext.Current.CancellationToken));
    }
}
