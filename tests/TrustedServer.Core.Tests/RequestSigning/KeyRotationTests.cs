using TrustedServer.Core.RequestSigning;

namespace TrustedServer.Core.Tests.RequestSigning;

public sealed class KeyRotationTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static readonly DateTimeOffset Now = new(2026, 3, 14, 9, 30, 0, TimeSpan.Zero);

    private static (KeyRing Ring, KeyRotation Rotation) Over(IKeyStore store)
    {
        var ring = new KeyRing(store, TestKeys.Passphrase);
        return (ring, new KeyRotation(ring, new Microsoft.Extensions.Time.Testing.FakeTimeProvider(Now)) { CostOfNewStore = TestKeys.CheapCost });
    }

    [Fact]
    public async Task The_first_rotation_writes_the_header_key_jwk_active_list_and_current_kid_in_that_order()
    {
        var store = new FailingKeyStore();
        var (ring, rotation) = Over(store);

        var result = await rotation.RotateAsync(null, Ct);

        Assert.True(result.Success, result.Error);
        Assert.Equal("ts-2026-03-14", result.NewKid);
        Assert.Null(result.PreviousKid);
        Assert.Equal(["ts-2026-03-14"], result.ActiveKids);
        Assert.Equal(["set kdf", "set private:ts-2026-03-14", "set jwk:ts-2026-03-14", "set active-kids", "set current-kid"], store.Log);
        Assert.Equal("ts-2026-03-14", ring.Current.SigningKey!.Kid);
        Assert.Equal(result.Jwk!.X, ring.Current.SigningKey.Jwk.X);
    }

    [Fact]
    public async Task A_second_rotation_keeps_the_previous_kid_active_and_a_taken_date_gets_a_suffix()
    {
        var (ring, rotation) = Over(new InMemoryKeyStore());
        var first = await rotation.RotateAsync(null, Ct);

        var second = await rotation.RotateAsync(null, Ct);

        Assert.Equal("ts-2026-03-14", second.PreviousKid);
        Assert.Matches("^ts-2026-03-14-[0-9a-f]{32}$", second.NewKid);
        Assert.Equal([first.NewKid!, second.NewKid!], second.ActiveKids);
        Assert.Equal(second.NewKid, ring.Current.SigningKey!.Kid);
        Assert.Equal(2, ring.Current.VerificationKeys.Count);
        Assert.Equal(2, ring.Current.Keys.Discovery()!.Jwks.Keys.Count);
    }

    public static TheoryData<string, int> FailingWrites() => new()
    {
        { "private:", 0 },
        { "jwk:", 1 },
        { "active-kids", 2 },
        { "current-kid", 3 },
    };

    [Theory]
    [MemberData(nameof(FailingWrites))]
    public async Task A_failed_write_rolls_back_every_earlier_write_and_leaves_the_store_as_it_was(string failing, int earlierWrites)
    {
        var store = new FailingKeyStore();
        var (ring, rotation) = Over(store);
        var first = await rotation.RotateAsync("first-key", Ct);
        var before = await store.ReadAsync(Ct);
        store.Log.Clear();
        store.FailWritesOf = failing;

        var result = await rotation.RotateAsync("second-key", Ct);

        Assert.Equal(KeyOperationStatus.StoreFailed, result.Status);
        Assert.Contains("rolled back", result.Error, StringComparison.Ordinal);
        Assert.Equal(["first-key"], result.ActiveKids);
        var failedAt = store.Log.FindIndex(l => l.StartsWith("failed", StringComparison.Ordinal));
        Assert.Equal(earlierWrites, failedAt);
        Assert.Equal(earlierWrites, store.Log.Count - failedAt - 1);
        var after = await store.ReadAsync(Ct);
        Assert.Equal(before.Entries.OrderBy(e => e.Key), after.Entries.OrderBy(e => e.Key));
        await ring.RefreshAsync(Ct);
        Assert.Equal(first.NewKid, ring.Current.SigningKey!.Kid);
    }

    [Fact]
    public async Task Rollback_of_a_failed_current_kid_write_undoes_active_kids_then_jwk_then_private_key()
    {
        var store = new FailingKeyStore();
        var (_, rotation) = Over(store);
        await rotation.RotateAsync("first-key", Ct);
        store.Log.Clear();
        store.FailWritesOf = "current-kid";

        await rotation.RotateAsync("second-key", Ct);

        Assert.Equal(
            ["set private:second-key", "set jwk:second-key", "set active-kids", "failed set current-kid", "set active-kids", "delete jwk:second-key", "delete private:second-key"],
            store.Log);
    }

    [Fact]
    public async Task When_the_undo_fails_too_the_error_says_which_entries_are_left()
    {
        var store = new FailingKeyStore();
        var (_, rotation) = Over(store);
        await rotation.RotateAsync("first-key", Ct);
        store.ResetCount();
        store.FailWriteNumbers.UnionWith([3, 4]); // active-kids fails, and so does undoing the JWK.

        var result = await rotation.RotateAsync("second-key", Ct);

        Assert.Equal(KeyOperationStatus.StoreFailed, result.Status);
        Assert.Contains("rolling back jwk:second-key failed", result.Error, StringComparison.Ordinal);
        Assert.DoesNotContain("private:second-key", (await store.ReadAsync(Ct)).Entries.Keys);
    }

    [Fact]
    public async Task An_atomic_store_gets_one_batch_and_a_concurrent_writer_is_refused_without_changes()
    {
        var store = new ConcurrentWriterStore();
        var (_, rotation) = Over(store);
        await rotation.RotateAsync("first-key", Ct);
        store.InterfereOnNextWrite = true;

        var result = await rotation.RotateAsync("second-key", Ct);

        Assert.Equal(KeyOperationStatus.StoreFailed, result.Status);
        Assert.DoesNotContain((await store.ReadAsync(Ct)).Entries.Keys, k => k.Contains("second-key", StringComparison.Ordinal));
    }

    public static TheoryData<string?, KeyOperationStatus> Kids() => new()
    {
        { "a", KeyOperationStatus.Succeeded },
        { "production-2024-q1", KeyOperationStatus.Succeeded },
        { "k.v:1_2-3", KeyOperationStatus.Succeeded },
        { "z" + new string('9', 127), KeyOperationStatus.Succeeded },
        { "z" + new string('9', 128), KeyOperationStatus.InvalidKid },
        { "", KeyOperationStatus.InvalidKid },
        { "Ts-2024-01-01", KeyOperationStatus.InvalidKid },
        { "1key", KeyOperationStatus.InvalidKid },
        { "-key", KeyOperationStatus.InvalidKid },
        { "key with space", KeyOperationStatus.InvalidKid },
        { "key/slash", KeyOperationStatus.InvalidKid },
        { "key,comma", KeyOperationStatus.InvalidKid },
        { "key\"quote", KeyOperationStatus.InvalidKid },
        { "kéy", KeyOperationStatus.InvalidKid },
        { "key\n", KeyOperationStatus.InvalidKid },
        { "existing-key", KeyOperationStatus.KidExists },
    };

    [Theory]
    [MemberData(nameof(Kids))]
    public async Task Kid_rules(string? kid, KeyOperationStatus expected)
    {
        var store = new InMemoryKeyStore();
        var (_, rotation) = Over(store);
        await rotation.RotateAsync("existing-key", Ct);
        var before = (await store.ReadAsync(Ct)).Revision;

        var result = await rotation.RotateAsync(kid, Ct);

        Assert.Equal(expected, result.Status);
        Assert.Equal(expected == KeyOperationStatus.Succeeded ? before + 1 : before, (await store.ReadAsync(Ct)).Revision);
    }

    [Fact]
    public async Task Deactivation_refuses_the_current_kid_the_last_active_kid_and_unknown_kids()
    {
        var store = new InMemoryKeyStore();
        var (_, rotation) = Over(store);
        await rotation.RotateAsync("only-key", Ct);

        var last = await rotation.DeactivateAsync("only-key", delete: false, Ct);
        await rotation.RotateAsync("newer-key", Ct);
        var current = await rotation.DeactivateAsync("newer-key", delete: false, Ct);
        var unknown = await rotation.DeactivateAsync("never-made", delete: false, Ct);
        var invalid = await rotation.DeactivateAsync("Bad Kid", delete: false, Ct);

        Assert.Equal(KeyOperationStatus.Refused, last.Status);
        Assert.Equal(KeyOperationStatus.Refused, current.Status);
        Assert.Contains("current", current.Error, StringComparison.Ordinal);
        Assert.Equal(KeyOperationStatus.UnknownKid, unknown.Status);
        Assert.Equal(KeyOperationStatus.InvalidKid, invalid.Status);
        Assert.Equal(["only-key", "newer-key"], KeySet.Parse(await store.ReadAsync(Ct)).ActiveKids);
    }

    [Fact]
    public async Task Deactivation_keeps_the_keys_and_delete_removes_the_private_key_then_the_jwk()
    {
        var store = new FailingKeyStore();
        var (ring, rotation) = Over(store);
        await rotation.RotateAsync("old-key", Ct);
        await rotation.RotateAsync("new-key", Ct);
        store.Log.Clear();

        var deactivated = await rotation.DeactivateAsync("old-key", delete: false, Ct);
        var keptKeys = KeySet.Parse(await store.ReadAsync(Ct));
        var deleted = await rotation.DeactivateAsync("old-key", delete: true, Ct);
        var afterDelete = KeySet.Parse(await store.ReadAsync(Ct));

        Assert.True(deactivated.Success);
        Assert.Equal("Key deactivated successfully", deactivated.Message);
        Assert.Equal(["new-key"], deactivated.RemainingActiveKids);
        Assert.True(keptKeys.Contains("old-key"));
        Assert.Single(keptKeys.Discovery()!.Jwks.Keys);
        Assert.True(deleted.Success);
        Assert.True(deleted.Deleted);
        Assert.Equal("Key deleted successfully", deleted.Message);
        Assert.False(afterDelete.Contains("old-key"));
        Assert.Equal(["set active-kids", "delete private:old-key", "delete jwk:old-key"], store.Log);
        Assert.False(ring.Current.VerificationKeys.ContainsKey("old-key"));
    }

    [Fact]
    public async Task A_failed_deactivation_write_changes_nothing()
    {
        var store = new FailingKeyStore();
        var (_, rotation) = Over(store);
        await rotation.RotateAsync("old-key", Ct);
        await rotation.RotateAsync("new-key", Ct);
        var before = await store.ReadAsync(Ct);
        store.FailWritesOf = "jwk:";

        var result = await rotation.DeactivateAsync("old-key", delete: true, Ct);

        Assert.Equal(KeyOperationStatus.StoreFailed, result.Status);
        Assert.Equal(before.Entries.OrderBy(e => e.Key), (await store.ReadAsync(Ct)).Entries.OrderBy(e => e.Key));
    }

    /// <summary>An atomic store that lets another writer in between a read and the next write.</summary>
    private sealed class ConcurrentWriterStore : InMemoryKeyStore
    {
        public bool InterfereOnNextWrite { get; set; }

        public override async ValueTask ApplyAsync(IReadOnlyList<KeyStoreWrite> writes, long? expectedRevision, CancellationToken cancellationToken = default)
        {
            if (InterfereOnNextWrite)
            {
                InterfereOnNextWrite = false;
                await base.ApplyAsync([KeyStoreWrite.Set("other-writer", "x")], null, cancellationToken);
            }

            await base.ApplyAsync(writes, expectedRevision, cancellationToken);
        }
    }
}
