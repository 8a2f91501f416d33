using System.Collections.Concurrent;
using System.Net;
using System.Net.Sockets;
using System.Text;
using TrustedServer.Core.Ssrf;

namespace TrustedServer.Core.Tests.FirstParty;

public sealed class GuardedHttpHandlerFactoryTests
{
    private readonly ConcurrentQueue<IPEndPoint> _attempts = new();

    [Theory]
    [InlineData("http://127.0.0.1/")]
    [InlineData("http://10.0.0.1/")]
    [InlineData("http://169.254.169.254/latest/meta-data/")]
    [InlineData("http://[::1]/")]
    [InlineData("http://localhost/")]
    public async Task Private_targets_are_refused_before_any_connection(string url)
    {
        using var client = new HttpClient(GuardedHttpHandlerFactory.Create(new ProxyTargetPolicy(), LoopbackOnlyConnector));

        var ex = await Assert.ThrowsAsync<HttpRequestException>(
            () => client.GetAsync(new Uri(url), TestContext.Current.CancellationToken));

        Assert.IsType<SsrfBlockedException>(ex.InnerException);
        Assert.Empty(_attempts);
    }

    [Fact]
    public async Task Rebinding_answer_with_any_private_address_is_refused_whole()
    {
        var resolver = Resolver(IPAddress.Parse("93.184.215.14"), IPAddress.Parse("10.0.0.7"));

        await Assert.ThrowsAsync<SsrfBlockedException>(async () => await GuardedHttpHandlerFactory.ConnectGuardedAsync(
            new ProxyTargetPolicy(), new DnsEndPoint("rebind.example", 443), resolver, LoopbackOnlyConnector,
            TestContext.Current.CancellationToken));

        Assert.Empty(_attempts);
    }

    [Fact]
    public async Task Client_requests_to_a_name_resolving_to_metadata_never_connect()
    {
        var handler = GuardedHttpHandlerFactory.Create(
            new ProxyTargetPolicy(), LoopbackOnlyConnector, Resolver(IPAddress.Parse("169.254.169.254")));
        using var client = new HttpClient(handler);

        var ex = await Assert.ThrowsAsync<HttpRequestException>(
            () => client.GetAsync(new Uri("https://innocent.example/"), TestContext.Current.CancellationToken));

        Assert.IsType<SsrfBlockedException>(ex.InnerException);
        Assert.Empty(_attempts);
    }

    [Fact]
    public async Task Empty_resolution_is_refused()
    {
        await Assert.ThrowsAsync<SsrfBlockedException>(async () => await GuardedHttpHandlerFactory.ConnectGuardedAsync(
            new ProxyTargetPolicy(), new DnsEndPoint("nothing.example", 443), Resolver(), LoopbackOnlyConnector,
            TestContext.Current.CancellationToken));

        Assert.Empty(_attempts);
    }

    [Fact]
    public async Task Public_answer_reaches_the_connect_step_with_that_address()
    {
        // The connect step only records; nothing leaves the machine.
        var recorded = new List<IPEndPoint>();
        OutboundConnector recorder = (endpoint, _) =>
        {
            recorded.Add(endpoint);
            return ValueTask.FromResult<Stream>(new MemoryStream());
        };

        await using var stream = await GuardedHttpHandlerFactory.ConnectGuardedAsync(
            new ProxyTargetPolicy(), new DnsEndPoint("cdn.example", 443), Resolver(IPAddress.Parse("93.184.215.14")),
            recorder, TestContext.Current.CancellationToken);

        Assert.Equal([new IPEndPoint(IPAddress.Parse("93.184.215.14"), 443)], recorded);
    }

    [Theory]
    [InlineData("127.0.0.1")]
    [InlineData("localhost")]
    public async Task Loopback_listener_is_reachable_when_private_targets_are_allowed(string host)
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var port = ((IPEndPoint)listener.LocalEndpoint).Port;
        var serving = ServeOneAsync(listener, TestContext.Current.CancellationToken);
        var policy = new ProxyTargetPolicy { AllowPrivateTargets = true, AllowedPorts = new HashSet<int> { port } };
        using var client = new HttpClient(GuardedHttpHandlerFactory.Create(policy, LoopbackOnlyConnector));

        using var response = await client.GetAsync(new Uri($"http://{host}:{port}/x"), TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("ok", await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken));
        Assert.All(_attempts, e => Assert.True(IPAddress.IsLoopback(e.Address)));
        await serving;
    }

    [Fact]
    public void Handler_does_not_follow_redirects_or_use_a_proxy()
    {
        using var handler = GuardedHttpHandlerFactory.Create(new ProxyTargetPolicy());

        Assert.False(handler.AllowAutoRedirect);
        Assert.False(handler.UseProxy);
        Assert.False(handler.UseCookies);
        Assert.NotNull(handler.ConnectCallback);
    }

    private static HostResolver Resolver(params IPAddress[] addresses) => (_, _) => ValueTask.FromResult(addresses);

    // Connects only to loopback; anything else fails the test instead of leaving the machine.
    private async ValueTask<Stream> LoopbackOnlyConnector(IPEndPoint endpoint, CancellationToken cancellationToken)
    {
        _attempts.Enqueue(endpoint);
        Assert.True(IPAddress.IsLoopback(endpoint.Address), $"test tried to connect to non-loopback {endpoint}");
        var socket = new Socket(endpoint.AddressFamily, SocketType.Stream, ProtocolType.Tcp);
        try
        {
            await socket.ConnectAsync(endpoint, cancellationToken);
            return new NetworkStream(socket, ownsSocket: true);
        }
        catch
        {
            socket.Dispose();
            throw;
        }
    }

    private static async Task ServeOneAsync(TcpListener listener, CancellationToken cancellationToken)
    {
        using var client = await listener.AcceptTcpClientAsync(cancellationToken);
        await using var stream = client.GetStream();
        var buffer = new byte[4096];
        var head = new StringBuilder();
        while (!head.ToString().Contains("\r\n\r\n", StringComparison.Ordinal))
        {
            var n = await stream.ReadAsync(buffer, cancellationToken);
            if (n == 0)
            {
                return;
            }

            head.Append(Encoding.ASCII.GetString(buffer, 0, n));
        }

        await stream.WriteAsync("HTTP/1.1 200 OK\r\nContent-Length: 2\r\nConnection: close\r\n\r\nok"u8.ToArray(), cancellationToken);
    }
}
