using System.Net;
using System.Net.Sockets;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using TrustedServer.Hosting.Tests.EdgeCookie.Storage;
using TrustedServer.Hosting.Tests.Infrastructure;
using IdentityHarness = TrustedServer.Hosting.Tests.EdgeCookie.IdentityHarness;
using SigningHarness = TrustedServer.Hosting.Tests.RequestSigning.SigningHarness;

namespace TrustedServer.Hosting.Tests.Readiness;

/// <summary><c>/_ts/ready</c> against the real app: lifetime phases and real Redis stores going away.</summary>
public sealed class ReadinessTests
{
    private static readonly Uri Origin = new("http://127.0.0.1:9");

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Without_shared_stores_ready_and_health_both_answer_200()
    {
        await using var proxy = await ProxyServer.StartAsync(TestOptions.For(Origin));

        var (status, json) = await ReadyAsync(proxy.Client);
        using var health = await proxy.Client.GetAsync(new Uri("/_ts/health", UriKind.Relative), Ct);

        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Equal("ready", (string?)json["status"]);
        Assert.Empty(json["checks"]!.AsObject());
        Assert.Equal(HttpStatusCode.OK, health.StatusCode);
    }

    [Fact]
    public async Task Ready_answers_503_until_every_startup_service_has_started()
    {
        var gate = new BlockingService();
        var app = TrustedServerApp.Build(TestOptions.For(Origin), ["http://127.0.0.1:0"], s => s.AddSingleton<IHostedService>(gate));
        var starting = app.StartAsync(Ct);
        try
        {
            await gate.Starting.Task.WaitAsync(TimeSpan.FromSeconds(10), Ct);
            using var client = new HttpClient { BaseAddress = ListeningAddress(app) };

            var (before, beforeJson) = await ReadyAsync(client);
            using var health = await client.GetAsync(new Uri("/_ts/health", UriKind.Relative), Ct);
            gate.ReleaseStart.SetResult();
            await starting.WaitAsync(TimeSpan.FromSeconds(10), Ct);
            var (after, _) = await ReadyAsync(client);

            Assert.Equal(HttpStatusCode.ServiceUnavailable, before);
            Assert.Equal("starting", (string?)beforeJson["status"]);
            Assert.Equal(HttpStatusCode.OK, health.StatusCode);
            Assert.Equal(HttpStatusCode.OK, after);
        }
        finally
        {
            gate.ReleaseStart.TrySetResult();
            await app.StopAsync(CancellationToken.None);
            await app.DisposeAsync();
        }
    }

    [Fact]
    public async Task Ready_answers_503_from_the_moment_shutdown_begins_while_health_still_answers_200()
    {
        var app = TrustedServerApp.Build(TestOptions.For(Origin), ["http://127.0.0.1:0"]);
        await app.StartAsync(Ct);
        try
        {
            using var client = new HttpClient { BaseAddress = ListeningAddress(app) };
            var (running, _) = await ReadyAsync(client);

            // What SIGTERM does: the host is told to stop; the listener keeps answering until the host has stopped it.
            app.Lifetime.StopApplication();
            var (during, json) = await ReadyAsync(client);
            using var health = await client.GetAsync(new Uri("/_ts/health", UriKind.Relative), Ct);

            Assert.Equal(HttpStatusCode.OK, running);
            Assert.Equal(HttpStatusCode.ServiceUnavailable, during);
            Assert.Equal("stopping", (string?)json["status"]);
            Assert.Equal(HttpStatusCode.OK, health.StatusCode);
        }
        finally
        {
            await app.StopAsync(CancellationToken.None);
            await app.DisposeAsync();
        }
    }

    [Fact]
    public async Task With_Redis_stores_ready_is_200_while_Redis_answers_and_503_once_it_is_down()
    {
        var redis = new RedisServerFixture();
        await redis.InitializeAsync();
        var stopped = false;
        try
        {
            redis.RequireServer();
            var store = $"redis://127.0.0.1:{redis.Port}/7";
            var options = IdentityHarness.Options(Origin, store) with
            {
                RequestSigning = SigningHarness.Options(Origin, store, prefix: "ready:").RequestSigning,
            };
            await using var proxy = await ProxyServer.StartAsync(options);

            var (up, upJson) = await ReadyAsync(proxy.Client);
            await redis.DisposeAsync();
            stopped = true;
            var (down, downJson) = await ReadyAsync(proxy.Client);
            using var health = await proxy.Client.GetAsync(new Uri("/_ts/health", UriKind.Relative), Ct);

            Assert.Equal(HttpStatusCode.OK, up);
            Assert.Equal("ok", (string?)upJson["checks"]!["ec_store"]);
            Assert.Equal("ok", (string?)upJson["checks"]!["signing_key_store"]);
            Assert.Equal(HttpStatusCode.ServiceUnavailable, down);
            Assert.Equal("not_ready", (string?)downJson["status"]);
            Assert.NotEqual("ok", (string?)downJson["checks"]!["ec_store"]);
            Assert.NotEqual("ok", (string?)downJson["checks"]!["signing_key_store"]);
            Assert.Equal(HttpStatusCode.OK, health.StatusCode);
        }
        finally
        {
            if (!stopped)
            {
                await redis.DisposeAsync();
            }
        }
    }

    [Fact]
    public async Task A_Redis_store_that_never_answered_keeps_ready_at_503()
    {
        await using var proxy = await ProxyServer.StartAsync(IdentityHarness.Options(Origin, $"redis://127.0.0.1:{UnusedPort()}/7"));

        // The first answers may say the store is still connecting; none may say ready.
        for (var i = 0; i < 3; i++)
        {
            var (status, json) = await ReadyAsync(proxy.Client);

            Assert.Equal(HttpStatusCode.ServiceUnavailable, status);
            Assert.Equal("not_ready", (string?)json["status"]);
            Assert.DoesNotContain(json["checks"]!.AsObject(), c => (string?)c.Value == "ok");
        }
    }

    private static async Task<(HttpStatusCode Status, JsonNode Json)> ReadyAsync(HttpClient client)
    {
        using var response = await client.GetAsync(new Uri("/_ts/ready", UriKind.Relative), Ct);
        var text = await response.Content.ReadAsStringAsync(Ct);
        Assert.Equal("no-store", response.Headers.CacheControl?.ToString());
        return (response.StatusCode, JsonNode.Parse(text)!);
    }

    private static Uri ListeningAddress(WebApplication app)
    {
        var addresses = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses;
        return new Uri(addresses.Single());
    }

    private static int UnusedPort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    /// <summary>Holds the host after every service has started: the listener is up, <c>ApplicationStarted</c> not yet fired.</summary>
    private sealed class BlockingService : IHostedLifecycleService
    {
        public TaskCompletionSource Starting { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public TaskCompletionSource ReleaseStart { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public Task StartingAsync(CancellationToken cancellationToken) => Task.CompletedTask;

        public Task StartAsync(CancellationToken cancellationToken) => Task.CompletedTask;

        public async Task StartedAsync(CancellationToken cancellationToken)
        {
            Starting.TrySetResult();
            await ReleaseStart.Task.WaitAsync(TimeSpan.FromSeconds(30), cancellationToken);
        }

        public Task StoppingAsync(CancellationToken cancellationToken) => Task.CompletedTask;

        public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

        public Task StoppedAsync(CancellationToken cancellationToken) => Task.CompletedTask;
    }
}
