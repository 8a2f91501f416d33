using System.Collections.Concurrent;
using System.Net;
using System.Net.Sockets;
using System.Text;
using TrustedServer.Hosting.Tests.Infrastructure;

namespace TrustedServer.Hosting.Tests.Publisher;

/// <summary>
/// Every header a <c>Connection</c> field names is hop-by-hop (RFC 9110 7.6.1): every comma-separated token, with any
/// optional whitespace, in every <c>Connection</c> line, in any case, and in both directions. The requests are written
/// byte by byte on a socket, so the proxy sees the header lines exactly as listed.
/// </summary>
public sealed class ConnectionListedHopTests
{
    [Theory]
    [InlineData("Connection: X-Secret\r\nX-Secret: 1\r\n", "x-secret")]
    [InlineData("Connection: X-Secret, X-Other\r\nX-Secret: 1\r\nX-Other: 2\r\n", "x-secret|x-other")]
    [InlineData("Connection: X-One\r\nConnection: x-two , X-Three\r\nX-One: 1\r\nX-Two: 2\r\nX-Three: 3\r\n", "x-one|x-two|x-three")]
    [InlineData("Connection: \t X-Secret\t,, x-other   \r\nX-Secret: 1\r\nX-Other: 2\r\n", "x-secret|x-other")]
    [InlineData("Connection: x-SeCrEt\r\nX-SECRET: 1\r\n", "x-secret")]
    [InlineData("Connection: X-Forwarded-Host, X-Secret\r\nX-Forwarded-Host: evil.example\r\nX-Secret: 1\r\n", "x-secret")]

    // Kestrel folds these to "keep-alive", "close" or "upgrade" before any middleware runs; the names still count.
    [InlineData("Connection: keep-alive, X-Secret\r\nX-Secret: 1\r\n", "x-secret")]
    [InlineData("Connection: close, X-Secret\r\nX-Secret: 1\r\n", "x-secret")]
    [InlineData("Connection: Upgrade, X-Secret\r\nX-Secret: 1\r\n", "x-secret")]
    [InlineData("Connection: keep-alive\r\nConnection: X-One\r\nX-One: 1\r\n", "x-one")]
    [InlineData("Connection: keep-alive\r\nConnection: X-One\r\nConnection: x-two , X-Three\r\nX-One: 1\r\nX-Two: 2\r\nX-Three: 3\r\n", "x-one|x-two|x-three")]
    [InlineData("Connection: \t keep-alive ,, X-Secret\t,x-other   \r\nX-Secret: 1\r\nX-Other: 2\r\n", "x-secret|x-other")]
    [InlineData("Connection: KEEP-ALIVE, x-SeCrEt\r\nX-SECRET: 1\r\n", "x-secret")]
    public async Task Headers_a_client_lists_in_connection_do_not_reach_the_origin(string lines, string dropped)
    {
        var seen = new ConcurrentQueue<Dictionary<string, string>>();
        await using var origin = await OriginServer.StartAsync(context =>
        {
            seen.Enqueue(context.Request.Headers.ToDictionary(h => h.Key.ToLowerInvariant(), h => h.Value.ToString()));
            context.Response.ContentType = "application/octet-stream";
            context.Response.ContentLength = 2;
            return context.Response.Body.WriteAsync("ok"u8.ToArray(), context.RequestAborted).AsTask();
        });
        await using var proxy = await ProxyServer.StartAsync(origin.Url);

        var status = await SendAsync(proxy.Url, lines + "X-Kept: yes\r\n");

        Assert.Equal(200, status);
        var headers = Assert.Single(seen);
        Assert.Equal("yes", headers["x-kept"]);
        foreach (var name in dropped.Split('|'))
        {
            Assert.False(headers.ContainsKey(name), $"{name} reached the origin: {string.Join(", ", headers.Keys)}");
        }

        // A listed X-Forwarded-Host is the client's, dropped; ours (the request's host) is still sent.
        Assert.Equal(proxy.Url.Authority, headers["x-forwarded-host"]);
    }

    [Fact]
    public async Task Each_request_on_a_kept_alive_connection_drops_only_what_it_lists()
    {
        var seen = new ConcurrentQueue<Dictionary<string, string>>();
        await using var origin = await OriginServer.StartAsync(context =>
        {
            seen.Enqueue(context.Request.Headers.ToDictionary(h => h.Key.ToLowerInvariant(), h => h.Value.ToString()));
            context.Response.ContentType = "application/octet-stream";
            context.Response.ContentLength = 2;
            return context.Response.Body.WriteAsync("ok"u8.ToArray(), context.RequestAborted).AsTask();
        });
        await using var proxy = await ProxyServer.StartAsync(origin.Url);
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(TestContext.Current.CancellationToken);
        timeout.CancelAfter(TimeSpan.FromSeconds(20));
        using var client = new TcpClient();
        await client.ConnectAsync(proxy.Url.Host, proxy.Url.Port, timeout.Token);
        var stream = client.GetStream();

        await ExchangeAsync(stream, "Connection: keep-alive, X-A\r\nX-A: 1\r\nX-B: 1\r\n", timeout.Token);
        await ExchangeAsync(stream, "Connection: keep-alive, X-B\r\nX-A: 2\r\nX-B: 2\r\n", timeout.Token);
        await ExchangeAsync(stream, "X-A: 3\r\nX-B: 3\r\n", timeout.Token);

        var requests = seen.ToArray();
        Assert.Equal(3, requests.Length);
        Assert.False(requests[0].ContainsKey("x-a"));
        Assert.Equal("1", requests[0]["x-b"]);
        Assert.Equal("2", requests[1]["x-a"]);
        Assert.False(requests[1].ContainsKey("x-b"));
        Assert.Equal("3", requests[2]["x-a"]);
        Assert.Equal("3", requests[2]["x-b"]);
    }

    /// <summary>One request on an open connection, then its whole response (a 2-byte body).</summary>
    private static async Task ExchangeAsync(NetworkStream stream, string headerLines, CancellationToken cancellationToken)
    {
        await stream.WriteAsync(Encoding.ASCII.GetBytes($"GET /hop HTTP/1.1\r\nHost: 127.0.0.1\r\n{headerLines}\r\n"), cancellationToken);
        var received = new StringBuilder();
        var buffer = new byte[1];
        while (!received.ToString().EndsWith("\r\n\r\nok", StringComparison.Ordinal))
        {
            var read = await stream.ReadAsync(buffer, cancellationToken);
            Assert.True(read > 0, "the connection closed early: " + received);
            received.Append((char)buffer[0]);
        }

        Assert.StartsWith("HTTP/1.1 200", received.ToString(), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("image/png")]
    [InlineData("text/html")]
    public async Task Headers_the_origin_lists_in_several_connection_lines_stay_on_its_hop(string contentType)
    {
        var head = "HTTP/1.1 200 OK\r\nContent-Type: " + contentType + "\r\nContent-Length: 8\r\n"
            + "Connection: keep-alive\r\nConnection: X-One\r\nConnection:\tx-TWO ,, X-Three \r\n"
            + "X-One: internal\r\nX-Two: internal\r\nX-THREE: internal\r\nX-Kept: 1\r\n\r\n<p>x</p>";
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var serving = ServeOnceAsync(listener, head);
        await using var proxy = await ProxyServer.StartAsync(new Uri($"http://127.0.0.1:{((IPEndPoint)listener.LocalEndpoint).Port}"));

        using var response = await proxy.Client.GetAsync(new Uri("/a", UriKind.Relative), TestContext.Current.CancellationToken);

        Assert.Equal(200, (int)response.StatusCode);
        Assert.Equal("<p>x</p>", await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken));
        foreach (var name in new[] { "X-One", "X-Two", "X-Three" })
        {
            Assert.False(response.Headers.Contains(name), name + " reached the client");
        }

        Assert.Equal("1", response.Headers.GetValues("X-Kept").Single());
        await serving;
    }

    /// <summary>Writes the request and reads its response head; the status, once the whole head has arrived.</summary>
    private static async Task<int> SendAsync(Uri server, string headerLines)
    {
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(TestContext.Current.CancellationToken);
        timeout.CancelAfter(TimeSpan.FromSeconds(20));
        using var client = new TcpClient();
        await client.ConnectAsync(server.Host, server.Port, timeout.Token);
        var stream = client.GetStream();
        await stream.WriteAsync(Encoding.ASCII.GetBytes($"GET /hop HTTP/1.1\r\nHost: {server.Authority}\r\n{headerLines}\r\n"), timeout.Token);
        var head = new StringBuilder();
        var buffer = new byte[4096];
        while (!head.ToString().Contains("\r\n\r\n", StringComparison.Ordinal))
        {
            var read = await stream.ReadAsync(buffer, timeout.Token);
            Assert.True(read > 0, "the connection closed before a response head: " + head);
            head.Append(Encoding.ASCII.GetString(buffer, 0, read));
        }

        return int.Parse(head.ToString().Split(' ')[1]);
    }

    private static async Task ServeOnceAsync(TcpListener listener, string response)
    {
        var cancellationToken = TestContext.Current.CancellationToken;
        using var client = await listener.AcceptTcpClientAsync(cancellationToken);
        var stream = client.GetStream();
        var request = new StringBuilder();
        var buffer = new byte[1024];
        while (!request.ToString().Contains("\r\n\r\n", StringComparison.Ordinal))
        {
            var read = await stream.ReadAsync(buffer, cancellationToken);
            if (read == 0)
            {
                return;
            }

            request.Append(Encoding.ASCII.GetString(buffer, 0, read));
        }

        await stream.WriteAsync(Encoding.ASCII.GetBytes(response), cancellationToken);
        await stream.FlushAsync(cancellationToken);
    }
}
