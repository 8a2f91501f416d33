using TrustedServer.Core.Configuration;
using TrustedServer.Hosting.EdgeCookie.Storage;
using TrustedServer.Hosting.Tests.EdgeCookie.Storage;
using TrustedServer.Hosting.Tests.Infrastructure;
using static TrustedServer.Hosting.Tests.EdgeCookie.IdentityHarness;

namespace TrustedServer.Hosting.Tests.EdgeCookie;

public sealed class SharedRedisTests(RedisServerFixture redis) : IClassFixture<RedisServerFixture>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static readonly string Consent = "euconsent-v2=" + TcString(purpose1: true);

    private static readonly EcPartnerOptions[] Partners =
        [.. Enumerable.Range(0, 20).Select(i => Partner("p" + i, $"partner-token-{i:D2}-0123456789"))];

    [Fact]
    public async Task An_ID_minted_through_one_instance_is_kept_and_synced_through_the_other()
    {
        redis.RequireServer();
        var store = $"redis://127.0.0.1:{redis.Port}/5";
        await using var origin = await StartOriginAsync();
        await using var a = await ProxyServer.StartAsync(Options(origin.Url, store, Partners));
        await using var b = await ProxyServer.StartAsync(Options(origin.Url, store, Partners));

        using var minted = await a.Client.SendAsync(Navigation("/page.html", cookies: Consent), Ct);
        var id = IdOf(EcSetCookie(minted)!);
        using var returning = await b.Client.SendAsync(Navigation("/page.html", cookies: $"{Consent}; ts-ec={id}"), Ct);
        using var sync = await b.Client.SendAsync(PartnerApiTests.BatchSync("partner-token-00-0123456789", PartnerApiTests.Mappings((id, "uid-via-b"))), Ct);

        Assert.Null(EcSetCookie(returning));
        Assert.Equal(200, (int)sync.StatusCode);
        await using var reader = IdentityStoreFactory.Create(store, TimeProvider.System);
        var stored = await reader.GetAsync(id, Ct);
        Assert.Equal("uid-via-b", stored!.Record.Ids["p0.example.net"].Uid);
    }

    [Fact]
    public async Task Concurrent_batch_syncs_from_twenty_partners_across_two_instances_lose_no_UID()
    {
        redis.RequireServer();
        var store = $"redis://127.0.0.1:{redis.Port}/6";
        await using var origin = await StartOriginAsync();
        await using var a = await ProxyServer.StartAsync(Options(origin.Url, store, Partners));
        await using var b = await ProxyServer.StartAsync(Options(origin.Url, store, Partners));
        using var minted = await a.Client.SendAsync(Navigation("/page.html", cookies: Consent), Ct);
        var id = IdOf(EcSetCookie(minted)!);

        var statuses = await Task.WhenAll(Enumerable.Range(0, 20).Select(async i =>
        {
            var proxy = i % 2 == 0 ? a : b;
            using var response = await proxy.Client.SendAsync(
                PartnerApiTests.BatchSync($"partner-token-{i:D2}-0123456789", PartnerApiTests.Mappings((id, "uid-" + i))), Ct);
            return (int)response.StatusCode;
        }));

        Assert.All(statuses, s => Assert.Equal(200, s));
        await using var reader = IdentityStoreFactory.Create(store, TimeProvider.System);
        var stored = await reader.GetAsync(id, Ct);
        Assert.NotNull(stored);
        Assert.Equal(20, stored.Record.Ids.Count);
        for (var i = 0; i < 20; i++)
        {
            Assert.Equal("uid-" + i, stored.Record.Ids[$"p{i}.example.net"].Uid);
        }
    }
}
