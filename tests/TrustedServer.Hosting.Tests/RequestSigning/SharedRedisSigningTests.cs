using System.Diagnostics;
using System.Text;
using Microsoft.Extensions.DependencyInjection;
using StackExchange.Redis;
using TrustedServer.Core.RequestSigning;
using TrustedServer.Hosting.RequestSigning;
using TrustedServer.Hosting.Tests.EdgeCookie.Storage;
using TrustedServer.Hosting.Tests.Infrastructure;
using static TrustedServer.Hosting.Tests.RequestSigning.SigningHarness;

namespace TrustedServer.Hosting.Tests.RequestSigning;

public sealed class SharedRedisSigningTests(RedisServerFixture redis) : IClassFixture<RedisServerFixture>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task A_rotation_on_one_instance_reaches_the_others_discovery_within_the_refresh_time_and_signatures_cross_instances()
    {
        redis.RequireServer();
        var store = $"redis://127.0.0.1:{redis.Port}/3";
        var refresh = TimeSpan.FromSeconds(1);
        await using var origin = await OriginServer.StartAsync(_ => Task.CompletedTask);
        await using var a = await ProxyServer.StartAsync(Options(origin.Url, store, refresh, "shared-a:"));
        await using var b = await ProxyServer.StartAsync(Options(origin.Url, store, refresh, "shared-a:"));

        var first = await RotateAsync(a.Client, "first-key");
        await WaitForKidsAsync(b, ["first-key"], refresh);
        var signedByA = a.Services.GetRequiredService<RequestSigner>().Sign("auction-1", "www.example.com")!;
        using var verifiedOnB = await b.Client.SendAsync(Verify(Encoding.UTF8.GetString(signedByA.Payload), signedByA.Signature, signedByA.Kid), Ct);

        var rotated = await RotateAsync(b.Client, "second-key");
        var seenAfter = await WaitForKidsAsync(a, ["first-key", "second-key"], refresh);
        var signedByA2 = await WaitForSigningKidAsync(a, "second-key", refresh);
        using var verifiedOnB2 = await b.Client.SendAsync(Verify(Encoding.UTF8.GetString(signedByA2.Payload), signedByA2.Signature, "second-key"), Ct);

        Assert.Equal("first-key", first.GetProperty("new_kid").GetString());
        Assert.True((await JsonAsync(verifiedOnB)).GetProperty("verified").GetBoolean());
        Assert.Equal("first-key", rotated.GetProperty("previous_kid").GetString());
        Assert.True(seenAfter <= refresh * 3, $"instance A saw the rotation after {seenAfter}");
        Assert.True((await JsonAsync(verifiedOnB2)).GetProperty("verified").GetBoolean());
    }

    [Fact]
    public async Task Concurrent_rotations_on_two_instances_never_lose_a_key_or_leave_a_current_kid_without_keys()
    {
        redis.RequireServer();
        var store = $"redis://127.0.0.1:{redis.Port}/3";
        await using var origin = await OriginServer.StartAsync(_ => Task.CompletedTask);
        await using var a = await ProxyServer.StartAsync(Options(origin.Url, store, prefix: "shared-b:"));
        await using var b = await ProxyServer.StartAsync(Options(origin.Url, store, prefix: "shared-b:"));
        await RotateAsync(a.Client, "base-key");

        var statuses = await Task.WhenAll(Enumerable.Range(0, 12).Select(async i =>
        {
            var proxy = i % 2 == 0 ? a : b;
            using var response = await proxy.Client.SendAsync(Admin("/_ts/admin/keys/rotate", $"{{\"kid\":\"race-{i}\"}}"), Ct);
            return ((int)response.StatusCode, i);
        }));

        await using var connection = await ConnectionMultiplexer.ConnectAsync($"127.0.0.1:{redis.Port},defaultDatabase=3");
        await using var reader = new RedisKeyStore(connection, "shared-b:");
        var keys = KeySet.Parse(await reader.ReadAsync(Ct));
        var won = statuses.Where(s => s.Item1 == 200).Select(s => "race-" + s.i).ToList();
        Assert.All(statuses, s => Assert.Contains(s.Item1, new[] { 200, 503 }));
        Assert.NotEmpty(won);
        Assert.Equal(won.Append("base-key").Order(StringComparer.Ordinal), keys.ActiveKids.Order(StringComparer.Ordinal));
        Assert.All(statuses.Where(s => s.Item1 != 200), s => Assert.False(keys.Contains("race-" + s.i)));
        Assert.Contains(keys.CurrentKid, won);
        Assert.All(keys.ActiveKids, kid => Assert.NotNull(keys.SealedPrivateKey(kid)));
        Assert.Equal(keys.ActiveKids.Count, keys.Jwks.Count);
    }

    private static async Task<TimeSpan> WaitForKidsAsync(ProxyServer proxy, string[] kids, TimeSpan refresh)
    {
        var clock = Stopwatch.StartNew();
        while (true)
        {
            using var response = await proxy.Client.GetAsync("/.well-known/trusted-server.json", Ct);
            if (response.IsSuccessStatusCode)
            {
                var listed = (await JsonAsync(response)).GetProperty("jwks").GetProperty("keys").EnumerateArray().Select(k => k.GetProperty("kid").GetString()).ToArray();
                if (listed.SequenceEqual(kids))
                {
                    return clock.Elapsed;
                }
            }

            Assert.True(clock.Elapsed < refresh * 10, $"discovery never listed {string.Join(",", kids)}");
            await Task.Delay(50, Ct);
        }
    }

    private static async Task<SignedRequest> WaitForSigningKidAsync(ProxyServer proxy, string kid, TimeSpan refresh)
    {
        var clock = Stopwatch.StartNew();
        var signer = proxy.Services.GetRequiredService<RequestSigner>();
        while (true)
        {
            if (signer.Sign("auction-2", "www.example.com") is { } signed && signed.Kid == kid)
            {
                return signed;
            }

            Assert.True(clock.Elapsed < refresh * 10, $"never signed with {kid}");
            await Task.Delay(50, Ct);
        }
    }
}
