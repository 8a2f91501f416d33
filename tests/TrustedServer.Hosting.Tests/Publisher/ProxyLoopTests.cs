using System.Net;
using System.Net.Sockets;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;
using TrustedServer.Hosting.Cli;
using TrustedServer.Hosting.Proxy;
using TrustedServer.Hosting.Tests.Infrastructure;

namespace TrustedServer.Hosting.Tests.Publisher;

/// <summary>
/// A proxy pointed at itself must not fan out. Every request here goes to 127.0.0.1 only, and the self-loop test bounds
/// the damage even without the guard (two origin connections, three-second timeouts).
/// </summary>
public sealed class ProxyLoopTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Origin_requests_carry_a_via_entry_with_this_instances_token_after_the_clients()
    {
        string? via = null;
        await using var origin = await OriginServer.StartAsync(context =>
        {
            via = context.Request.Headers.Via.ToString();
            return Task.CompletedTask;
        });
        await using var proxy = await ProxyServer.StartAsync(origin.Url);
        var token = proxy.Services.GetRequiredService<ProxyLoopGuard>().Token;

        using var request = new HttpRequestMessage(HttpMethod.Get, "/");
        request.Headers.TryAddWithoutValidation("Via", "1.1 cdn-edge");
        using var response = await proxy.Client.SendAsync(request, Ct);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("1.1 cdn-edge, 1.1 " + token, via);
        Assert.Matches("^trusted-server-[0-9a-f]{16}$", token);
    }

    [Fact]
    public async Task A_request_carrying_our_own_token_gets_508_and_never_reaches_the_origin()
    {
        var calls = 0;
        await using var origin = await OriginServer.StartAsync(_ =>
        {
            Interlocked.Increment(ref calls);
            return Task.CompletedTask;
        });
        await using var proxy = await ProxyServer.StartAsync(origin.Url);
        var token = proxy.Services.GetRequiredService<ProxyLoopGuard>().Token;

        using var request = new HttpRequestMessage(HttpMethod.Get, "/page");
        request.Headers.TryAddWithoutValidation("Via", "1.1 cdn-edge, 1.1 " + token);
        using var response = await proxy.Client.SendAsync(request, Ct);

        Assert.Equal((HttpStatusCode)508, response.StatusCode);
        Assert.Equal(0, calls);
    }

    [Fact]
    public async Task A_proxy_whose_origin_is_itself_answers_508_after_one_hop()
    {
        var port = FreePort();
        var self = new Uri($"http://127.0.0.1:{port}");
        var options = TestOptions.For(self, p => p with
        {
            MaxOriginConnections = 2,
            FirstByteTimeout = TimeSpan.FromSeconds(3),
            BetweenBytesTimeout = TimeSpan.FromSeconds(3),
        });
        var arrivals = 0;
        await using var app = TrustedServerApp.Build(options, [self.ToString()], services =>
            services.AddSingleton<Microsoft.AspNetCore.Hosting.IStartupFilter>(new CountingStartupFilter(() => Interlocked.Increment(ref arrivals))));
        await app.StartAsync(Ct);
        try
        {
            using var client = new HttpClient { Timeout = TimeSpan.FromSeconds(30) };
            using var response = await client.GetAsync(new Uri(self, "/page"), Ct);

            Assert.Equal((HttpStatusCode)508, response.StatusCode);
            Assert.Equal(2, arrivals);
        }
        finally
        {
            await app.StopAsync(CancellationToken.None);
        }
    }

    [Fact]
    public async Task Origin_connections_are_bounded_by_max_origin_connections()
    {
        var inFlight = 0;
        var peak = 0;
        var release = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        await using var origin = await OriginServer.StartAsync(async context =>
        {
            var now = Interlocked.Increment(ref inFlight);
            InterlockedMax(ref peak, now);
            await release.Task.WaitAsync(TimeSpan.FromSeconds(20), context.RequestAborted);
            Interlocked.Decrement(ref inFlight);
        });
        await using var proxy = await ProxyServer.StartAsync(origin.Url, p => p with { MaxOriginConnections = 2 });

        var requests = Enumerable.Range(0, 6).Select(i => proxy.Client.GetAsync($"/slow/{i}", Ct)).ToList();
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(10);
        while (Volatile.Read(ref peak) < 2 && DateTime.UtcNow < deadline)
        {
            await Task.Delay(20, Ct);
        }

        // Give the other four every chance to open connections of their own before the first two finish.
        await Task.Delay(500, Ct);
        var peakWhileBlocked = Volatile.Read(ref peak);
        release.SetResult();
        var responses = await Task.WhenAll(requests);

        Assert.Equal(2, peakWhileBlocked);
        Assert.All(responses, r => Assert.Equal(HttpStatusCode.OK, r.StatusCode));
        foreach (var r in responses)
        {
            r.Dispose();
        }
    }

    [Theory]
    [InlineData("127.0.0.1")]
    [InlineData("localhost")]
    public async Task Serve_refuses_an_origin_url_that_is_its_own_listen_address(string originHost)
    {
        var port = FreePort();
        var directory = Directory.CreateTempSubdirectory("ts-loop-").FullName;
        try
        {
            var file = Path.Combine(directory, "ts.toml");
            await File.WriteAllTextAsync(file, $"[publisher]\ndomain = \"www.example.com\"\norigin_url = \"http://{originHost}:{port}\"\n", Ct);
            using var stdout = new StringWriter();
            using var stderr = new StringWriter();
            using var timeout = CancellationTokenSource.CreateLinkedTokenSource(Ct);
            timeout.CancelAfter(TimeSpan.FromSeconds(20));

            var code = await CommandLine.RunAsync(["serve", "--config", file, "--urls", $"http://127.0.0.1:{port}"], stdout, stderr, timeout.Token);

            Assert.Equal(1, code);
            Assert.Contains("loop back", stderr.ToString(), StringComparison.Ordinal);
        }
        finally
        {
            Directory.Delete(directory, recursive: true);
        }
    }

    [Fact]
    public void A_different_port_or_host_is_not_a_loop()
    {
        Assert.Null(OriginLoopCheck.Problem(new Uri("http://127.0.0.1:8081"), ["http://127.0.0.1:8080"]));
        Assert.Null(OriginLoopCheck.Problem(new Uri("https://origin.example.com"), ["http://0.0.0.0:443"]));
        Assert.NotNull(OriginLoopCheck.Problem(new Uri("http://127.0.0.1:8080"), ["http://0.0.0.0:8080"]));
        Assert.NotNull(OriginLoopCheck.Problem(new Uri("http://[::1]:8080"), ["http://localhost:8080"]));
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    private static void InterlockedMax(ref int target, int value)
    {
        int current;
        while ((current = Volatile.Read(ref target)) < value && Interlocked.CompareExchange(ref target, value, current) != current)
        {
        }
    }

    private sealed class CountingStartupFilter(Action onRequest) : Microsoft.AspNetCore.Hosting.IStartupFilter
    {
        public Action<IApplicationBuilder> Configure(Action<IApplicationBuilder> next) => app =>
        {
            app.Use((context, nextMiddleware) =>
            {
                onRequest();
                return nextMiddleware(context);
            });
            next(app);
        };
    }
}
