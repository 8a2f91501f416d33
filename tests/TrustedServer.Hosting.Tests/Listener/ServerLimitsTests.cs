using System.Net;
using System.Net.Sockets;
using System.Text;
using Microsoft.AspNetCore.Http;
using TrustedServer.Core.Configuration;
using TrustedServer.Hosting.Tests.Infrastructure;

namespace TrustedServer.Hosting.Tests.Listener;

/// <summary><c>[server]</c>'s limits reach the listener: what a client sees at and beyond each one.</summary>
public sealed class ServerLimitsTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static async Task<(OriginServer Origin, ProxyServer Proxy)> StartAsync(ServerOptions server)
    {
        var origin = await OriginServer.StartAsync(context => context.Response.WriteAsync("ok", context.RequestAborted));
        var proxy = await ProxyServer.StartAsync(TestOptions.For(origin.Url) with { Server = server });
        return (origin, proxy);
    }

    [Fact]
    public async Task Headers_beyond_max_request_header_bytes_get_431_and_smaller_ones_pass()
    {
        var (origin, proxy) = await StartAsync(new ServerOptions { MaxRequestHeaderBytes = 4096 });
        await using var _ = origin;
        await using var __ = proxy;

        using var big = new HttpRequestMessage(HttpMethod.Get, "/");
        big.Headers.Add("X-Padding", new string('a', 5000));
        using var refused = await proxy.Client.SendAsync(big, Ct);
        using var small = new HttpRequestMessage(HttpMethod.Get, "/");
        small.Headers.Add("X-Padding", new string('a', 3000));
        using var passed = await proxy.Client.SendAsync(small, Ct);

        Assert.Equal(HttpStatusCode.RequestHeaderFieldsTooLarge, refused.StatusCode);
        Assert.Equal(HttpStatusCode.OK, passed.StatusCode);
    }

    [Fact]
    public async Task A_request_line_beyond_max_url_bytes_gets_414_and_a_shorter_one_passes()
    {
        var (origin, proxy) = await StartAsync(new ServerOptions { MaxUrlBytes = 2048 });
        await using var _ = origin;
        await using var __ = proxy;

        using var refused = await proxy.Client.GetAsync("/?q=" + new string('a', 2100), Ct);
        using var passed = await proxy.Client.GetAsync("/?q=" + new string('a', 1900), Ct);

        Assert.Equal(HttpStatusCode.RequestUriTooLong, refused.StatusCode);
        Assert.Equal(HttpStatusCode.OK, passed.StatusCode);
    }

    [Fact]
    public async Task Without_a_server_section_kestrels_defaults_let_an_eight_kilobyte_header_through()
    {
        var (origin, proxy) = await StartAsync(new ServerOptions());
        await using var _ = origin;
        await using var __ = proxy;

        using var request = new HttpRequestMessage(HttpMethod.Get, "/");
        request.Headers.Add("X-Padding", new string('a', 8000));
        using var response = await proxy.Client.SendAsync(request, Ct);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    [Fact]
    public async Task An_idle_connection_is_closed_after_keep_alive_timeout_ms()
    {
        var (origin, proxy) = await StartAsync(new ServerOptions { KeepAliveTimeout = TimeSpan.FromSeconds(1) });
        await using var _ = origin;
        await using var __ = proxy;

        using var socket = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
        await socket.ConnectAsync(IPAddress.Loopback, proxy.Url.Port, Ct);
        await socket.SendAsync(Encoding.ASCII.GetBytes("GET / HTTP/1.1\r\nHost: www.example.com\r\n\r\n"), Ct);
        var closedAfter = await ReadUntilClosedAsync(socket, TimeSpan.FromSeconds(15));

        // Kestrel checks idle connections once a second, so one second of keep-alive closes within about three.
        Assert.NotNull(closedAfter);
        Assert.InRange(closedAfter.Value.TotalSeconds, 0.5, 10);
    }

    [Fact]
    public async Task Connections_beyond_max_concurrent_connections_are_closed_without_an_answer()
    {
        var (origin, proxy) = await StartAsync(new ServerOptions { MaxConcurrentConnections = 1 });
        await using var _ = origin;
        await using var __ = proxy;

        using var first = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
        await first.ConnectAsync(IPAddress.Loopback, proxy.Url.Port, Ct);
        await first.SendAsync(Encoding.ASCII.GetBytes("GET / HTTP/1.1\r\nHost: www.example.com\r\n\r\n"), Ct);
        var answer = new byte[1024];
        var read = await first.ReceiveAsync(answer, Ct);
        Assert.StartsWith("HTTP/1.1 200", Encoding.ASCII.GetString(answer, 0, read), StringComparison.Ordinal);

        using var second = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
        await second.ConnectAsync(IPAddress.Loopback, proxy.Url.Port, Ct);
        await second.SendAsync(Encoding.ASCII.GetBytes("GET / HTTP/1.1\r\nHost: www.example.com\r\n\r\n"), Ct);
        var closed = await ReadUntilClosedAsync(second, TimeSpan.FromSeconds(10));

        Assert.NotNull(closed);
    }

    /// <summary>Reads and discards until the peer closes; the time it took, or null when it stayed open.</summary>
    private static async Task<TimeSpan?> ReadUntilClosedAsync(Socket socket, TimeSpan limit)
    {
        var started = System.Diagnostics.Stopwatch.StartNew();
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(Ct);
        timeout.CancelAfter(limit);
        var buffer = new byte[4096];
        try
        {
            while (await socket.ReceiveAsync(buffer, timeout.Token) > 0)
            {
            }
        }
        catch (SocketException)
        {
        }
        catch (OperationCanceledException) when (!Ct.IsCancellationRequested)
        {
            return null;
        }

        return started.Elapsed;
    }
}
