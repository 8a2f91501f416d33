using Microsoft.Extensions.Time.Testing;
using TrustedServer.Privacy.EdgeCookie.Storage;
using static TrustedServer.Privacy.Tests.EdgeCookie.Storage.IdentityTestData;

namespace TrustedServer.Privacy.Tests.EdgeCookie.Storage;

public sealed class InMemoryIdentityStoreTests : IdentityStoreContractTests
{
    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2026, 1, 1, 0, 0, 0, TimeSpan.Zero));

    protected override TimeSpan ShortTtl => TimeSpan.FromHours(1);

    protected override ValueTask<IIdentityStore> OpenStoreAsync() => new(new InMemoryIdentityStore(_time));

    protected override Task PassTimeAsync(TimeSpan duration)
    {
        _time.Advance(duration);
        return Task.CompletedTask;
    }

    [Fact]
    public async Task A_full_store_evicts_the_soonest_expiring_entries_to_stay_bounded()
    {
        await using var store = new InMemoryIdentityStore(_time, new IdentityStoreOptions { MaxEntries = 10 });
        var soon = NewId();
        await store.CreateOrReviveAsync(soon, Minimal(), TimeSpan.FromMinutes(1), cancellationToken: Ct);
        for (var i = 0; i < 30; i++)
        {
            await store.CreateOrReviveAsync(NewId(), Minimal(), IdentityStoreLimits.LiveTtl, cancellationToken: Ct);
        }

        var last = NewId();
        await store.CreateOrReviveAsync(last, Minimal(), IdentityStoreLimits.LiveTtl, cancellationToken: Ct);
        Assert.InRange(store.Count, 1, 10);
        Assert.Null(await store.GetAsync(soon, cancellationToken: Ct));
        Assert.NotNull(await store.GetAsync(last, cancellationToken: Ct));
    }

    [Fact]
    public async Task Expired_entries_are_purged_in_the_background()
    {
        await using var store = new InMemoryIdentityStore(_time, new IdentityStoreOptions { PurgeInterval = TimeSpan.FromMinutes(1) });
        for (var i = 0; i < 5; i++)
        {
            await store.CreateOrReviveAsync(NewId(), Minimal(), TimeSpan.FromSeconds(30), cancellationToken: Ct);
        }

        Assert.Equal(5, store.Count);
        _time.Advance(TimeSpan.FromMinutes(1));
        Assert.Equal(0, store.Count);
    }
}
