using TrustedServer.Privacy.EdgeCookie.Storage;
using static TrustedServer.Privacy.Tests.EdgeCookie.Storage.IdentityTestData;

namespace TrustedServer.Privacy.Tests.EdgeCookie.Storage;

/// <summary>The behaviour every <see cref="IIdentityStore"/> must show; one subclass per implementation.</summary>
public abstract class IdentityStoreContractTests : IAsyncLifetime
{
    private IIdentityStore? _store;

    /// <summary>A TTL the test can let pass with <see cref="PassTimeAsync"/>.</summary>
    protected abstract TimeSpan ShortTtl { get; }

    protected static CancellationToken Ct => TestContext.Current.CancellationToken;

    /// <summary>Opens the store under test, or skips/fails the test through <see cref="Assert"/> when it cannot run.</summary>
    protected abstract ValueTask<IIdentityStore> OpenStoreAsync();

    /// <summary>Lets time pass for the store (fake time where it can, real time otherwise).</summary>
    protected abstract Task PassTimeAsync(TimeSpan duration);

    public virtual ValueTask InitializeAsync() => ValueTask.CompletedTask;

    public virtual async ValueTask DisposeAsync()
    {
        if (_store is not null)
        {
            await _store.DisposeAsync();
        }

        GC.SuppressFinalize(this);
    }

    private async Task<IIdentityStore> OpenAsync() => _store ??= await OpenStoreAsync();

    [Fact]
    public async Task Get_of_an_unknown_id_returns_null()
    {
        var store = await OpenAsync();
        Assert.Null(await store.GetAsync(NewId(), TestContext.Current.CancellationToken));
    }

    [Fact]
    public async Task Create_then_get_returns_the_record_and_a_generation()
    {
        var store = await OpenAsync();
        var id = NewId();
        Assert.Equal(CreateOutcome.Created, await store.CreateOrReviveAsync(id, Full(), IdentityStoreLimits.LiveTtl, cancellationToken: Ct));
        var stored = await store.GetAsync(id, cancellationToken: Ct);
        Assert.NotNull(stored);
        Assert.Equal(IdentityRecordSerializer.Serialize(Full()), IdentityRecordSerializer.Serialize(stored.Record));
    }

    [Fact]
    public async Task Create_over_a_live_entry_writes_nothing()
    {
        var store = await OpenAsync();
        var id = NewId();
        await store.CreateOrReviveAsync(id, Full(), IdentityStoreLimits.LiveTtl, cancellationToken: Ct);
        var before = await store.GetAsync(id, cancellationToken: Ct);
        Assert.Equal(CreateOutcome.AlreadyExists, await store.CreateOrReviveAsync(id, Minimal(), IdentityStoreLimits.LiveTtl, cancellationToken: Ct));
        var after = await store.GetAsync(id, cancellationToken: Ct);
        Assert.Equal(before!.Generation, after!.Generation);
        Assert.Equal(2, after.Record.Ids.Count);
    }

    [Fact]
    public async Task Create_over_a_tombstone_revives_it()
    {
        var store = await OpenAsync();
        var id = NewId();
        await store.WriteTombstoneAsync(id, IdentityStoreLimits.TombstoneTtl, cancellationToken: Ct);
        Assert.Equal(CreateOutcome.Revived, await store.CreateOrReviveAsync(id, Minimal(), IdentityStoreLimits.LiveTtl, cancellationToken: Ct));
        Assert.False((await store.GetAsync(id, cancellationToken: Ct))!.Record.IsTombstone);
    }

    [Fact]
    public async Task Compare_and_swap_with_the_current_generation_succeeds_and_changes_the_generation()
    {
        var store = await OpenAsync();
        var id = NewId();
        await store.CreateOrReviveAsync(id, Minimal(), IdentityStoreLimits.LiveTtl, cancellationToken: Ct);
        var read = (await store.GetAsync(id, cancellationToken: Ct))!;
        var changed = read.Record.WithPartnerUid("sharedid.org", "abc");
        Assert.True(await store.TryUpdateAsync(id, read.Generation, changed, ttl: null, cancellationToken: Ct));
        var after = (await store.GetAsync(id, cancellationToken: Ct))!;
        Assert.NotEqual(read.Generation, after.Generation);
        Assert.Equal("abc", after.Record.Ids["sharedid.org"].Uid);
    }

    [Fact]
    public async Task Compare_and_swap_with_a_stale_generation_fails_and_keeps_the_value()
    {
        var store = await OpenAsync();
        var id = NewId();
        await store.CreateOrReviveAsync(id, Minimal(), IdentityStoreLimits.LiveTtl, cancellationToken: Ct);
        var stale = (await store.GetAsync(id, cancellationToken: Ct))!;
        Assert.True(await store.TryUpdateAsync(id, stale.Generation, stale.Record.WithPartnerUid("a.example", "first"), null, cancellationToken: Ct));
        Assert.False(await store.TryUpdateAsync(id, stale.Generation, stale.Record.WithPartnerUid("a.example", "second"), null, cancellationToken: Ct));
        Assert.Equal("first", (await store.GetAsync(id, cancellationToken: Ct))!.Record.Ids["a.example"].Uid);
    }

    [Fact]
    public async Task Compare_and_swap_on_a_missing_entry_fails_and_creates_nothing()
    {
        var store = await OpenAsync();
        var id = NewId();
        Assert.False(await store.TryUpdateAsync(id, 1, Minimal(), IdentityStoreLimits.LiveTtl, cancellationToken: Ct));
        Assert.Null(await store.GetAsync(id, cancellationToken: Ct));
    }

    [Fact]
    public async Task A_generation_is_never_reused_after_delete_and_recreate()
    {
        var store = await OpenAsync();
        var id = NewId();
        await store.CreateOrReviveAsync(id, Minimal(), IdentityStoreLimits.LiveTtl, cancellationToken: Ct);
        var first = (await store.GetAsync(id, cancellationToken: Ct))!;
        Assert.True(await store.DeleteAsync(id, cancellationToken: Ct));
        await store.CreateOrReviveAsync(id, Minimal(), IdentityStoreLimits.LiveTtl, cancellationToken: Ct);
        Assert.False(await store.TryUpdateAsync(id, first.Generation, first.Record.WithPartnerUid("a.example", "x"), null, cancellationToken: Ct));
    }

    [Fact]
    public async Task Update_with_retry_writes_nothing_when_the_uid_is_unchanged()
    {
        var store = await OpenAsync();
        var id = NewId();
        await store.CreateOrReviveAsync(id, Minimal().WithPartnerUid("sharedid.org", "same"), IdentityStoreLimits.LiveTtl, cancellationToken: Ct);
        var before = (await store.GetAsync(id, cancellationToken: Ct))!;
        var outcome = await store.UpdateWithRetryAsync(id, r => r.WithPartnerUid("sharedid.org", "same"), cancellationToken: Ct);
        Assert.Equal(IdentityUpdateOutcome.Unchanged, outcome);
        Assert.Equal(before.Generation, (await store.GetAsync(id, cancellationToken: Ct))!.Generation);
        Assert.Equal(IdentityUpdateOutcome.Updated, await store.UpdateWithRetryAsync(id, r => r.WithPartnerUid("sharedid.org", "new"), cancellationToken: Ct));
    }

    [Fact]
    public async Task Update_with_retry_never_creates_entries_nor_touches_tombstones()
    {
        var store = await OpenAsync();
        var missing = NewId();
        var tombstoned = NewId();
        await store.WriteTombstoneAsync(tombstoned, IdentityStoreLimits.TombstoneTtl, cancellationToken: Ct);
        var tombstone = (await store.GetAsync(tombstoned, cancellationToken: Ct))!;

        Assert.Equal(IdentityUpdateOutcome.Missing, await store.UpdateWithRetryAsync(missing, r => r.WithPartnerUid("a.example", "x"), cancellationToken: Ct));
        Assert.Equal(IdentityUpdateOutcome.Tombstoned, await store.UpdateWithRetryAsync(tombstoned, r => r.WithPartnerUid("a.example", "x"), cancellationToken: Ct));
        Assert.Null(await store.GetAsync(missing, cancellationToken: Ct));
        Assert.Equal(tombstone.Generation, (await store.GetAsync(tombstoned, cancellationToken: Ct))!.Generation);
    }

    [Fact]
    public async Task Tombstone_drops_partner_ids_and_expires_on_its_own_ttl()
    {
        var store = await OpenAsync();
        var id = NewId();
        await store.CreateOrReviveAsync(id, Full(), IdentityStoreLimits.LiveTtl, cancellationToken: Ct);
        await store.WriteTombstoneAsync(id, ShortTtl, cancellationToken: Ct);
        var tombstone = (await store.GetAsync(id, cancellationToken: Ct))!.Record;
        Assert.True(tombstone.IsTombstone);
        Assert.False(tombstone.Consent.Ok);
        Assert.Empty(tombstone.Ids);
        Assert.Null(tombstone.Geo);

        await PassTimeAsync(ShortTtl * 1.2);
        Assert.Null(await store.GetAsync(id, cancellationToken: Ct));
    }

    [Fact]
    public async Task Entries_expire_after_their_ttl_and_leave_the_prefix_count()
    {
        var store = await OpenAsync();
        var hash = NewHash();
        var id = IdFor(hash);
        await store.CreateOrReviveAsync(id, Minimal(), ShortTtl, cancellationToken: Ct);
        Assert.NotNull(await store.GetAsync(id, cancellationToken: Ct));
        Assert.Equal(1, await store.CountByPrefixAsync(hash, IdentityStoreLimits.ClusterListLimit, cancellationToken: Ct));

        await PassTimeAsync(ShortTtl * 1.2);
        Assert.Null(await store.GetAsync(id, cancellationToken: Ct));
        Assert.Equal(0, await store.CountByPrefixAsync(hash, IdentityStoreLimits.ClusterListLimit, cancellationToken: Ct));
        Assert.False(await store.TryUpdateAsync(id, 0, Minimal(), null, cancellationToken: Ct));
        Assert.Equal(CreateOutcome.Created, await store.CreateOrReviveAsync(id, Minimal(), ShortTtl, cancellationToken: Ct));
    }

    [Fact]
    public async Task Update_without_ttl_keeps_the_lifetime_and_with_ttl_renews_it()
    {
        var store = await OpenAsync();
        var kept = NewId();
        var renewed = NewId();
        await store.CreateOrReviveAsync(kept, Minimal(), ShortTtl, cancellationToken: Ct);
        await store.CreateOrReviveAsync(renewed, Minimal(), ShortTtl, cancellationToken: Ct);

        await PassTimeAsync(ShortTtl * 0.5);
        Assert.Equal(IdentityUpdateOutcome.Updated, await store.UpdateWithRetryAsync(kept, r => r.WithPartnerUid("a.example", "1"), cancellationToken: Ct));
        Assert.Equal(IdentityUpdateOutcome.Updated, await store.UpdateWithRetryAsync(renewed, r => r.WithPartnerUid("a.example", "1"), ShortTtl * 3, cancellationToken: Ct));

        await PassTimeAsync(ShortTtl * 0.7);
        Assert.Null(await store.GetAsync(kept, cancellationToken: Ct));
        Assert.NotNull(await store.GetAsync(renewed, cancellationToken: Ct));
    }

    [Fact]
    public async Task Prefix_count_counts_ids_sharing_the_hash_up_to_the_limit()
    {
        var store = await OpenAsync();
        var hash = NewHash();
        var ids = Enumerable.Range(0, 4).Select(_ => IdFor(hash)).ToList();
        foreach (var id in ids)
        {
            await store.CreateOrReviveAsync(id, Minimal(), IdentityStoreLimits.LiveTtl, cancellationToken: Ct);
        }

        await store.CreateOrReviveAsync(NewId(), Minimal(), IdentityStoreLimits.LiveTtl, cancellationToken: Ct);
        await store.WriteTombstoneAsync(ids[0], IdentityStoreLimits.TombstoneTtl, cancellationToken: Ct);

        Assert.Equal(4, await store.CountByPrefixAsync(hash, IdentityStoreLimits.ClusterListLimit, cancellationToken: Ct));
        Assert.Equal(2, await store.CountByPrefixAsync(hash, 2, cancellationToken: Ct));
        Assert.True(await store.DeleteAsync(ids[1], cancellationToken: Ct));
        Assert.Equal(3, await store.CountByPrefixAsync(hash, IdentityStoreLimits.ClusterListLimit, cancellationToken: Ct));
        Assert.Equal(0, await store.CountByPrefixAsync(NewHash(), IdentityStoreLimits.ClusterListLimit, cancellationToken: Ct));
    }

    [Fact]
    public async Task Delete_removes_the_entry_once()
    {
        var store = await OpenAsync();
        var id = NewId();
        await store.CreateOrReviveAsync(id, Minimal(), IdentityStoreLimits.LiveTtl, cancellationToken: Ct);
        Assert.True(await store.DeleteAsync(id, cancellationToken: Ct));
        Assert.False(await store.DeleteAsync(id, cancellationToken: Ct));
        Assert.Null(await store.GetAsync(id, cancellationToken: Ct));
    }

    [Fact]
    public async Task Concurrent_updates_from_20_tasks_adding_distinct_partner_uids_lose_none()
    {
        var store = await OpenAsync();
        var id = NewId();
        await store.CreateOrReviveAsync(id, Minimal(), IdentityStoreLimits.LiveTtl, cancellationToken: Ct);
        var ct = TestContext.Current.CancellationToken;

        var outcomes = await Task.WhenAll(Enumerable.Range(0, 20).Select(i => Task.Run(
            async () =>
            {
                // A Conflict outcome is an honest "try again", never a silent loss; the bound keeps the test finite.
                var outcome = IdentityUpdateOutcome.Conflict;
                for (var round = 0; round < 10 && outcome == IdentityUpdateOutcome.Conflict; round++)
                {
                    outcome = await store.UpdateWithRetryAsync(
                        id, r => r.WithPartnerUid($"p{i}.example", $"uid-{i}"), cancellationToken: ct);
                }

                return outcome;
            },
            ct)));

        Assert.All(outcomes, o => Assert.Equal(IdentityUpdateOutcome.Updated, o));
        var ids = (await store.GetAsync(id, cancellationToken: Ct))!.Record.Ids;
        Assert.Equal(20, ids.Count);
        Assert.All(Enumerable.Range(0, 20), i => Assert.Equal($"uid-{i}", ids[$"p{i}.example"].Uid));
    }

    [Fact]
    public async Task A_full_record_round_trips_through_the_store()
    {
        var store = await OpenAsync();
        var id = NewId();
        var record = Full();
        await store.CreateOrReviveAsync(id, record, IdentityStoreLimits.LiveTtl, cancellationToken: Ct);
        var back = (await store.GetAsync(id, cancellationToken: Ct))!.Record;
        Assert.Equal(record.Consent, back.Consent);
        Assert.Equal(record.Geo, back.Geo);
        Assert.Equal(record.Device, back.Device);
        Assert.Equal(record.Network, back.Network);
        Assert.Equal(record.PubProperties!.SeenDomains, back.PubProperties!.SeenDomains);
        Assert.Equal(record.Ids.OrderBy(p => p.Key), back.Ids.OrderBy(p => p.Key));
    }
}
