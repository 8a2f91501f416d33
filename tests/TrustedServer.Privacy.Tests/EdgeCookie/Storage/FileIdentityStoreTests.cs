using Microsoft.Extensions.Time.Testing;
using TrustedServer.Privacy.EdgeCookie.Storage;
using static TrustedServer.Privacy.Tests.EdgeCookie.Storage.IdentityTestData;

namespace TrustedServer.Privacy.Tests.EdgeCookie.Storage;

public sealed class FileIdentityStoreTests : IdentityStoreContractTests
{
    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2026, 1, 1, 0, 0, 0, TimeSpan.Zero));
    private readonly string _dir = Directory.CreateTempSubdirectory("ts-ec-store-").FullName;

    private string FilePath => Path.Combine(_dir, "ec.jsonl");

    protected override TimeSpan ShortTtl => TimeSpan.FromHours(1);

    protected override ValueTask<IIdentityStore> OpenStoreAsync() => new(new FileIdentityStore(FilePath, _time));

    protected override Task PassTimeAsync(TimeSpan duration)
    {
        _time.Advance(duration);
        return Task.CompletedTask;
    }

    public override async ValueTask DisposeAsync()
    {
        await base.DisposeAsync();
        Directory.Delete(_dir, recursive: true);
    }

    [Fact]
    public async Task Records_survive_a_restart_with_their_generation_and_expiry()
    {
        var id = NewId();
        var hash = IdentityStoreLimits.HashPart(id);
        long generation;
        await using (var first = new FileIdentityStore(FilePath, _time))
        {
            await first.CreateOrReviveAsync(id, Full(), TimeSpan.FromHours(2), cancellationToken: Ct);
            await first.WriteTombstoneAsync(IdFor(hash), TimeSpan.FromHours(2), cancellationToken: Ct);
            generation = (await first.GetAsync(id, cancellationToken: Ct))!.Generation;
        }

        await using (var second = new FileIdentityStore(FilePath, _time))
        {
            var back = await second.GetAsync(id, cancellationToken: Ct);
            Assert.NotNull(back);
            Assert.Equal(generation, back.Generation);
            Assert.Equal(IdentityRecordSerializer.Serialize(Full()), IdentityRecordSerializer.Serialize(back.Record));
            Assert.Equal(2, await second.CountByPrefixAsync(hash, 100, cancellationToken: Ct));

            // Generations keep rising across restarts, so a value read before the restart cannot win a CAS after a rewrite.
            Assert.True(await second.TryUpdateAsync(id, generation, back.Record.WithPartnerUid("a.example", "x"), null, cancellationToken: Ct));
            Assert.True((await second.GetAsync(id, cancellationToken: Ct))!.Generation > generation);
        }

        _time.Advance(TimeSpan.FromHours(3));
        await using var third = new FileIdentityStore(FilePath, _time);
        Assert.Null(await third.GetAsync(id, cancellationToken: Ct));
    }

    [Fact]
    public async Task Changes_reach_the_file_after_the_flush_interval_without_a_dispose()
    {
        var id = NewId();
        var store = new FileIdentityStore(FilePath, _time, new IdentityStoreOptions { FlushInterval = TimeSpan.FromSeconds(1) });
        await store.CreateOrReviveAsync(id, Minimal(), IdentityStoreLimits.LiveTtl, cancellationToken: Ct);
        _time.Advance(TimeSpan.FromSeconds(1));

        // A second process-like reader sees the data although the writer never closed: what a crash would leave.
        await using var reader = new FileIdentityStore(FilePath, _time);
        Assert.NotNull(await reader.GetAsync(id, cancellationToken: Ct));
        Assert.False(File.Exists(FilePath + ".tmp"));
        await store.DisposeAsync();
    }

    [Fact]
    public async Task Corrupt_lines_are_skipped_and_the_rest_is_loaded()
    {
        var good = NewId();
        await using (var first = new FileIdentityStore(FilePath, _time))
        {
            await first.CreateOrReviveAsync(good, Full(), IdentityStoreLimits.LiveTtl, cancellationToken: Ct);
        }

        var lines = File.ReadAllLines(FilePath).ToList();
        var future = IdentityRecordSerializer.Serialize(Minimal()).Replace("\"v\":1", "\"v\":2", StringComparison.Ordinal);
        lines.Insert(0, "{\"id\":\"" + NewId() + "\",\"gen\":7,\"exp\":99999999999999,\"rec\":" + future + "}");
        lines.Insert(0, "{not json");
        lines.Add("{\"id\":\"" + NewId() + "\",\"gen\":3,\"exp\":9999");
        File.WriteAllLines(FilePath, lines);

        await using var second = new FileIdentityStore(FilePath, _time);
        Assert.Equal(3, second.CorruptLinesSkipped);
        Assert.NotNull(await second.GetAsync(good, cancellationToken: Ct));
    }

    [Fact]
    public async Task A_leftover_temporary_file_from_a_crash_is_ignored_and_replaced()
    {
        var id = NewId();
        await using (var first = new FileIdentityStore(FilePath, _time))
        {
            await first.CreateOrReviveAsync(id, Minimal(), IdentityStoreLimits.LiveTtl, cancellationToken: Ct);
        }

        File.WriteAllText(FilePath + ".tmp", "{\"id\":\"half-writ");
        await using (var second = new FileIdentityStore(FilePath, _time))
        {
            Assert.NotNull(await second.GetAsync(id, cancellationToken: Ct));
            await second.CreateOrReviveAsync(NewId(), Minimal(), IdentityStoreLimits.LiveTtl, cancellationToken: Ct);
        }

        Assert.False(File.Exists(FilePath + ".tmp"));
        Assert.Equal(2, File.ReadAllLines(FilePath).Length);
    }
}
