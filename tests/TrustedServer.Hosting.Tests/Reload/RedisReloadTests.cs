using System.Net;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using StackExchange.Redis;
using TrustedServer.Core.Configuration;
using TrustedServer.Hosting.Reload;
using TrustedServer.Hosting.Tests.EdgeCookie.Storage;
using TrustedServer.Hosting.Tests.Infrastructure;
using TrustedServer.Privacy.EdgeCookie.Storage;

namespace TrustedServer.Hosting.Tests.Reload;

/// <summary>
/// A Redis identity store across reloads: the one connection is kept while <c>[ec] store</c> is unchanged (Redis sees
/// no new clients), and <c>/_ts/ready</c> keeps reporting the store as answering.
/// </summary>
public sealed class RedisReloadTests : IAsyncLifetime
{
    private const string Passphrase = "reload-tests-passphrase-0123456789abcdef";

    private readonly RedisServerFixture _redis = new();
    private readonly string _directory = Directory.CreateTempSubdirectory("ts-reload-redis-").FullName;

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public ValueTask InitializeAsync() => _redis.InitializeAsync();

    public async ValueTask DisposeAsync()
    {
        await _redis.DisposeAsync();
        Directory.Delete(_directory, recursive: true);
    }

    [Fact]
    public async Task The_Redis_connection_is_kept_across_reloads_and_ready_stays_200()
    {
        _redis.RequireServer();
        await using var origin = await OriginServer.StartAsync(c => c.Response.WriteAsync("<html><body>page</body></html>", c.RequestAborted));
        var file = Path.Combine(_directory, "ts.toml");
        async Task WriteAsync(string value) => await File.WriteAllTextAsync(
            file,
            $"[publisher]\ndomain = \"www.example.com\"\norigin_url = \"{origin.Url}\"\n[logging]\nlevel = \"warning\"\n[response_headers]\nX-Config = \"{value}\"\n" +
            $"[ec]\nenabled = true\npassphrase = \"{Passphrase}\"\nstore = \"redis://127.0.0.1:{_redis.Port}/7\"\n",
            Ct);
        await WriteAsync("one");
        await using var server = ReloadableServer.Create(file, ConfigLoader.LoadFile(file).Options!, ["http://127.0.0.1:0"]);
        await server.StartAsync(Ct);
        using var client = new HttpClient { BaseAddress = new Uri(server.Listener.Urls.First()) };
        await using var observer = await ConnectionMultiplexer.ConnectAsync(_redis.ConnectionString + ",allowAdmin=true");
        var store = server.Services.GetRequiredService<IIdentityStore>();
        using (var first = await client.GetAsync("/_ts/ready", Ct))
        {
            Assert.Equal(HttpStatusCode.OK, first.StatusCode);
        }

        var clientsBefore = await ConnectedClientsAsync(observer);
        var readyAfter = new List<(HttpStatusCode Status, string? EcStore)>();
        for (var i = 2; i <= 4; i++)
        {
            await WriteAsync("gen" + i);
            Assert.True((await server.ReloadAsync(Ct)).Applied);
            using var ready = await client.GetAsync("/_ts/ready", Ct);
            var json = JsonNode.Parse(await ready.Content.ReadAsStringAsync(Ct))!;
            readyAfter.Add((ready.StatusCode, (string?)json["checks"]!["ec_store"]));
        }

        var clientsAfter = await ConnectedClientsAsync(observer);

        Assert.Same(store, server.Services.GetRequiredService<IIdentityStore>());
        Assert.All(readyAfter, r => Assert.Equal((HttpStatusCode.OK, "ok"), r));
        Assert.Equal(clientsBefore, clientsAfter);
    }

    private static async Task<int> ConnectedClientsAsync(ConnectionMultiplexer observer)
    {
        var info = await observer.GetServers()[0].InfoAsync("clients");
        return int.Parse(info.SelectMany(g => g).First(p => p.Key == "connected_clients").Value, System.Globalization.CultureInfo.InvariantCulture);
    }
}
