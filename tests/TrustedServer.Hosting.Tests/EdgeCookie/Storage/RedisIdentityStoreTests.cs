using System.Net;
using System.Net.Sockets;
using StackExchange.Redis;
using TrustedServer.Hosting.EdgeCookie.Storage;
using TrustedServer.Privacy.EdgeCookie.Storage;
using TrustedServer.Privacy.Tests.EdgeCookie.Storage;
using static TrustedServer.Privacy.Tests.EdgeCookie.Storage.IdentityTestData;

namespace TrustedServer.Hosting.Tests.EdgeCookie.Storage;

public sealed class RedisIdentityStoreTests(RedisServerFixture redis) : IdentityStoreContractTests, IClassFixture<RedisServerFixture>
{
    // Each test gets its own key space on the shared server.
    private readonly string _prefix = $"test:{Guid.NewGuid():N}:";
    private readonly List<IConnectionMultiplexer> _connections = [];

    // Real time on the server: used by three tests only, and long enough that a slow, loaded machine keeps its margins.
    protected override TimeSpan ShortTtl => TimeSpan.FromSeconds(2);

    protected override async ValueTask<IIdentityStore> OpenStoreAsync() => new RedisIdentityStore(await ConnectAsync(), TimeProvider.System, _prefix);

    protected override Task PassTimeAsync(TimeSpan duration) => Task.Delay(duration, TestContext.Current.CancellationToken);

    public override async ValueTask DisposeAsync()
    {
        await base.DisposeAsync();
        foreach (var connection in _connections)
        {
            await connection.DisposeAsync();
        }
    }

    [Fact]
    public async Task Two_instances_on_separate_connections_see_each_others_writes_and_conflicts()
    {
        await using var a = new RedisIdentityStore(await ConnectAsync(), TimeProvider.System, _prefix);
        await using var b = new RedisIdentityStore(await ConnectAsync(), TimeProvider.System, _prefix);
        var id = NewId();

        Assert.Equal(CreateOutcome.Created, await a.CreateOrReviveAsync(id, Minimal(), IdentityStoreLimits.LiveTtl, cancellationToken: Ct));
        Assert.Equal(CreateOutcome.AlreadyExists, await b.CreateOrReviveAsync(id, Minimal(), IdentityStoreLimits.LiveTtl, cancellationToken: Ct));

        var readByA = (await a.GetAsync(id, cancellationToken: Ct))!;
        var readByB = (await b.GetAsync(id, cancellationToken: Ct))!;
        Assert.Equal(readByA.Generation, readByB.Generation);

        Assert.True(await b.TryUpdateAsync(id, readByB.Generation, readByB.Record.WithPartnerUid("b.example", "from-b"), null, cancellationToken: Ct));
        Assert.False(await a.TryUpdateAsync(id, readByA.Generation, readByA.Record.WithPartnerUid("a.example", "from-a"), null, cancellationToken: Ct));

        Assert.Equal(IdentityUpdateOutcome.Updated, await a.UpdateWithRetryAsync(id, r => r.WithPartnerUid("a.example", "from-a"), cancellationToken: Ct));
        var final = (await b.GetAsync(id, cancellationToken: Ct))!.Record.Ids;
        Assert.Equal("from-a", final["a.example"].Uid);
        Assert.Equal("from-b", final["b.example"].Uid);
        Assert.Equal(1, await b.CountByPrefixAsync(IdentityStoreLimits.HashPart(id), 100, cancellationToken: Ct));
    }

    [Fact]
    public async Task Server_side_ttls_are_the_live_and_tombstone_ttls()
    {
        var connection = await ConnectAsync();
        var store = new RedisIdentityStore(connection, TimeProvider.System, _prefix);
        var live = NewId();
        var dead = NewId();
        await store.CreateOrReviveAsync(live, Minimal(), IdentityStoreLimits.LiveTtl, cancellationToken: Ct);
        await store.WriteTombstoneAsync(dead, IdentityStoreLimits.TombstoneTtl, cancellationToken: Ct);

        var db = connection.GetDatabase();
        var liveTtl = await db.KeyTimeToLiveAsync(store.EntryKey(live));
        var deadTtl = await db.KeyTimeToLiveAsync(store.EntryKey(dead));
        Assert.InRange(liveTtl!.Value, IdentityStoreLimits.LiveTtl - TimeSpan.FromMinutes(1), IdentityStoreLimits.LiveTtl);
        Assert.InRange(deadTtl!.Value, IdentityStoreLimits.TombstoneTtl - TimeSpan.FromMinutes(1), IdentityStoreLimits.TombstoneTtl);
    }

    [Fact]
    public async Task A_record_of_an_unsupported_version_fails_closed()
    {
        var connection = await ConnectAsync();
        var store = new RedisIdentityStore(connection, TimeProvider.System, _prefix);
        var id = NewId();
        var future = IdentityRecordSerializer.Serialize(Minimal()).Replace("\"v\":1", "\"v\":2", StringComparison.Ordinal);
        await connection.GetDatabase().HashSetAsync(store.EntryKey(id), [new("v", future), new("g", 1), new("t", "0")]);

        await Assert.ThrowsAsync<IdentityStoreException>(async () => await store.GetAsync(id, cancellationToken: Ct));
        Assert.Equal(IdentityUpdateOutcome.Unavailable, await store.UpdateWithRetryAsync(id, r => r.WithPartnerUid("a.example", "x"), cancellationToken: Ct));
        Assert.Equal(CreateOutcome.AlreadyExists, await store.CreateOrReviveAsync(id, Minimal(), IdentityStoreLimits.LiveTtl, cancellationToken: Ct));
    }

    [Fact]
    public async Task An_unreachable_server_reports_unavailable()
    {
        redis.RequireServer();
        var options = new ConfigurationOptions
        {
            AbortOnConnectFail = false,
            ConnectTimeout = 300,
            AsyncTimeout = 500,
            SyncTimeout = 500,
            BacklogPolicy = BacklogPolicy.FailFast,
        };
        options.EndPoints.Add(IPAddress.Loopback, ClosedPort());
        await using var store = new RedisIdentityStore(
            await ConnectionMultiplexer.ConnectAsync(options), TimeProvider.System, _prefix, ownsConnection: true);

        await Assert.ThrowsAsync<IdentityStoreException>(async () => await store.GetAsync(NewId(), cancellationToken: Ct));
        Assert.Equal(IdentityUpdateOutcome.Unavailable, await store.UpdateWithRetryAsync(NewId(), r => r, cancellationToken: Ct));
    }

    [Fact]
    public async Task The_factory_builds_a_working_store_from_a_redis_uri()
    {
        redis.RequireServer();
        await using var store = IdentityStoreFactory.Create($"redis://127.0.0.1:{redis.Port}/2", TimeProvider.System);
        Assert.IsType<RedisIdentityStore>(store);
        var id = NewId();
        Assert.Equal(CreateOutcome.Created, await store.CreateOrReviveAsync(id, Minimal(), TimeSpan.FromMinutes(1), cancellationToken: Ct));
        Assert.NotNull(await store.GetAsync(id, cancellationToken: Ct));
        Assert.True(await store.DeleteAsync(id, cancellationToken: Ct));
    }

    private async Task<IConnectionMultiplexer> ConnectAsync()
    {
        redis.RequireServer();
        var connection = await ConnectionMultiplexer.ConnectAsync(redis.ConnectionString);
        _connections.Add(connection);
        return connection;
    }

    private static int ClosedPort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
