using System.Net;
using System.Net.Sockets;
using Microsoft.AspNetCore.Http;
using TrustedServer.Hosting.Tests.Infrastructure;

namespace TrustedServer.Hosting.Tests.Publisher;

public sealed class FailureTests
{
    [Theory]
    [InlineData("image/png")]
    [InlineData("text/html")]
    [InlineData("application/json")]
    public async Task An_origin_dying_mid_body_gives_the_client_a_detectable_truncation(string type)
    {
        await using var origin = await OriginServer.StartAsync(async context =>
        {
            context.Response.ContentType = type;
            context.Response.ContentLength = 1024 * 1024;
            await Bodies.WriteAsync(context.Response.Body, 256 * 1024, 1, context.RequestAborted);
            await context.Response.Body.FlushAsync(context.RequestAborted);
            await Task.Delay(100, context.RequestAborted);
            context.Abort();
        });
        await using var proxy = await ProxyServer.StartAsync(origin.Url);

        using var response = await proxy.Client.GetAsync("/file", HttpCompletionOption.ResponseHeadersRead, TestContext.Current.CancellationToken);
        await using var body = await response.Content.ReadAsStreamAsync(TestContext.Current.CancellationToken);

        Assert.Equal(200, (int)response.StatusCode);
        await Assert.ThrowsAnyAsync<IOException>(() => Bodies.HashAsync(body, TestContext.Current.CancellationToken));
    }

    [Fact]
    public async Task A_streamed_body_cut_by_the_origin_has_no_terminating_chunk()
    {
        await using var origin = await OriginServer.StartAsync(async context =>
        {
            context.Response.ContentType = "text/html";
            await context.Response.WriteAsync("<html><body>first part", context.RequestAborted);
            await context.Response.Body.FlushAsync(context.RequestAborted);

            // Long enough for the proxy to send the first part on a busy machine: a cut that arrives together with the
            // first bytes is a failure before anything was sent, which is answered with an error page instead.
            await Task.Delay(1000, context.RequestAborted);
            context.Abort();
        });
        await using var proxy = await ProxyServer.StartAsync(origin.Url);

        var raw = await RawHttp.SendAsync(proxy.Url, "GET", "/");

        Assert.Equal("chunked", raw.Header("Transfer-Encoding"));
        Assert.False(raw.Body.AsSpan().EndsWith("0\r\n\r\n"u8), "a terminating chunk made the truncated body look complete");
    }

    [Fact]
    public async Task An_origin_failing_while_a_buffered_body_is_read_gives_a_clean_502()
    {
        await using var origin = await OriginServer.StartAsync(async context =>
        {
            context.Response.StatusCode = 404;
            context.Response.ContentType = "text/html";
            context.Response.ContentLength = 100_000;
            await context.Response.Body.WriteAsync(new byte[10_000], context.RequestAborted);
            await context.Response.Body.FlushAsync(context.RequestAborted);
            await Task.Delay(100, context.RequestAborted);
            context.Abort();
        });
        await using var proxy = await ProxyServer.StartAsync(origin.Url);

        using var response = await proxy.Client.GetAsync("/missing", TestContext.Current.CancellationToken);
        var html = await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.BadGateway, response.StatusCode);
        Assert.Contains("502", html);
        Assert.True(response.Headers.CacheControl?.NoStore);
        Assert.Equal("on", response.Headers.GetValues(TestOptions.OperatorHeader).Single());
    }

    [Fact]
    public async Task A_dead_origin_gives_502_with_a_no_store_error_page()
    {
        var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var port = ((IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop();
        await using var proxy = await ProxyServer.StartAsync(new Uri($"http://127.0.0.1:{port}"));

        using var response = await proxy.Client.GetAsync("/", TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.BadGateway, response.StatusCode);
        Assert.Equal("text/html", response.Content.Headers.ContentType?.MediaType);
        Assert.True(response.Headers.CacheControl?.NoStore);
        Assert.Contains("502 Bad Gateway", await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken));
        Assert.True(response.Headers.Contains("x-ts-version"));
        Assert.Equal("on", response.Headers.GetValues(TestOptions.OperatorHeader).Single());
    }

    /// <summary>With a longer between-bytes timeout our own timer bounds the wait; with equal ones YARP's watchdog does.</summary>
    [Theory]
    [InlineData(15_000)]
    [InlineData(500)]
    public async Task A_silent_origin_gives_504_after_the_first_byte_timeout(int betweenBytesMs)
    {
        var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var port = ((IPEndPoint)listener.LocalEndpoint).Port;
        var accepted = new List<TcpClient>();
        var accepting = Task.Run(async () =>
        {
            try
            {
                while (true)
                {
                    accepted.Add(await listener.AcceptTcpClientAsync(TestContext.Current.CancellationToken));
                }
            }
            catch (Exception ex) when (ex is ObjectDisposedException or SocketException or OperationCanceledException)
            {
            }
        }, TestContext.Current.CancellationToken);
        try
        {
            await using var proxy = await ProxyServer.StartAsync(new Uri($"http://127.0.0.1:{port}"), p => p with
            {
                FirstByteTimeout = TimeSpan.FromMilliseconds(500),
                BetweenBytesTimeout = TimeSpan.FromMilliseconds(betweenBytesMs),
            });

            var started = System.Diagnostics.Stopwatch.StartNew();
            using var response = await proxy.Client.GetAsync("/", TestContext.Current.CancellationToken);

            Assert.Equal(HttpStatusCode.GatewayTimeout, response.StatusCode);
            Assert.InRange(started.Elapsed, TimeSpan.FromMilliseconds(450), TimeSpan.FromSeconds(10));
            Assert.True(response.Headers.CacheControl?.NoStore);
            Assert.Contains("504", await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken));
        }
        finally
        {
            listener.Stop();
            await accepting;
            accepted.ForEach(c => c.Dispose());
        }
    }

    [Theory]
    [InlineData("text/css")]
    [InlineData("image/png")]
    public async Task An_origin_stalling_mid_body_past_the_between_bytes_timeout_aborts_the_client(string type)
    {
        await using var origin = await OriginServer.StartAsync(async context =>
        {
            context.Response.ContentType = type;
            await context.Response.WriteAsync("body { color: red }", context.RequestAborted);
            await context.Response.Body.FlushAsync(context.RequestAborted);
            await Task.Delay(TimeSpan.FromSeconds(30), context.RequestAborted);
        });
        await using var proxy = await ProxyServer.StartAsync(origin.Url, p => p with
        {
            FirstByteTimeout = TimeSpan.FromMilliseconds(300),
            BetweenBytesTimeout = TimeSpan.FromMilliseconds(300),
        });

        using var response = await proxy.Client.GetAsync("/site.css", HttpCompletionOption.ResponseHeadersRead, TestContext.Current.CancellationToken);
        await using var body = await response.Content.ReadAsStreamAsync(TestContext.Current.CancellationToken);

        await Assert.ThrowsAnyAsync<IOException>(() => Bodies.HashAsync(body, TestContext.Current.CancellationToken));
    }

    [Theory]
    [InlineData("text/html")]
    [InlineData("image/png")]
    public async Task A_client_that_disconnects_cancels_the_origin_request(string type)
    {
        var originSawAbort = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        await using var origin = await OriginServer.StartAsync(async context =>
        {
            context.RequestAborted.Register(() => originSawAbort.TrySetResult());
            context.Response.ContentType = type;
            await Bodies.WriteAsync(context.Response.Body, 64 * 1024, 5, context.RequestAborted);
            await context.Response.Body.FlushAsync(context.RequestAborted);
            try
            {
                await Task.Delay(TimeSpan.FromSeconds(30), context.RequestAborted);
            }
            catch (OperationCanceledException)
            {
            }
        });
        await using var proxy = await ProxyServer.StartAsync(origin.Url);

        using (var client = new HttpClient())
        {
            using var response = await client.GetAsync(new Uri(proxy.Url, "/slow"), HttpCompletionOption.ResponseHeadersRead, TestContext.Current.CancellationToken);
            await using var body = await response.Content.ReadAsStreamAsync(TestContext.Current.CancellationToken);
            var buffer = new byte[1024];
            Assert.True(await body.ReadAsync(buffer, TestContext.Current.CancellationToken) > 0);
        }

        await originSawAbort.Task.WaitAsync(TimeSpan.FromSeconds(10), TestContext.Current.CancellationToken);
    }
}
