using System.Globalization;
using StackExchange.Redis;
using TrustedServer.Privacy.EdgeCookie.Storage;

namespace TrustedServer.Hosting.EdgeCookie.Storage;

/// <summary>
/// The shared identity store for several instances: every write is one server-side Lua script, so compare-and-swap
/// holds across processes. TTLs are Redis expiries, so expired entries vanish on the server's clock.
/// </summary>
public sealed class RedisIdentityStore : IIdentityStore
{
    private readonly IConnectionMultiplexer _connection;
    private readonly IDatabase _db;
    private readonly TimeProvider _time;
    private readonly string _keyPrefix;
    private readonly bool _ownsConnection;

    /// <summary>Creates a store over an existing connection.</summary>
    /// <param name="connection">The multiplexer; disposed with the store when <paramref name="ownsConnection"/>.</param>
    /// <param name="timeProvider">Stamps the times inside tombstone records.</param>
    /// <param name="keyPrefix">Prefix of every key this store touches, so several deployments can share a server.</param>
    /// <param name="ownsConnection">Whether disposing the store closes the connection.</param>
    public RedisIdentityStore(IConnectionMultiplexer connection, TimeProvider timeProvider, string keyPrefix = "ts:", bool ownsConnection = false)
    {
        ArgumentNullException.ThrowIfNull(connection);
        ArgumentNullException.ThrowIfNull(timeProvider);
        ArgumentNullException.ThrowIfNull(keyPrefix);
        _connection = connection;
        _db = connection.GetDatabase();
        _time = timeProvider;
        _keyPrefix = keyPrefix;
        _ownsConnection = ownsConnection;
    }

    /// <inheritdoc />
    public async ValueTask<StoredIdentity?> GetAsync(string id, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(id);
        var values = await Run(_db.HashGetAsync(EntryKey(id), [(RedisValue)"v", (RedisValue)"g"]), cancellationToken).ConfigureAwait(false);
        if (values[0].IsNull)
        {
            return null;
        }

        if (!IdentityRecordSerializer.TryDeserialize((byte[])values[0]!, out var record) || !values[1].TryParse(out long generation))
        {
            // Fail closed: a record of another schema version is neither used nor overwritten.
            throw new IdentityStoreException("stored identity record is unreadable or of an unsupported version");
        }

        return new StoredIdentity(record, generation);
    }

    /// <inheritdoc />
    public async ValueTask<CreateOutcome> CreateOrReviveAsync(string id, IdentityRecord record, TimeSpan ttl, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(id);
        ArgumentNullException.ThrowIfNull(record);
        var result = await Eval(
            RedisIdentityScripts.CreateOrRevive,
            [EntryKey(id), GenerationKey(id), HashKey(id)],
            [IdentityRecordSerializer.SerializeToUtf8Bytes(record), Milliseconds(ttl), id],
            cancellationToken).ConfigureAwait(false);
        return (int)result switch
        {
            0 => CreateOutcome.AlreadyExists,
            2 => CreateOutcome.Revived,
            _ => CreateOutcome.Created,
        };
    }

    /// <inheritdoc />
    public async ValueTask<bool> TryUpdateAsync(string id, long expectedGeneration, IdentityRecord record, TimeSpan? ttl, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(id);
        ArgumentNullException.ThrowIfNull(record);
        var result = await Eval(
            RedisIdentityScripts.CompareAndSwap,
            [EntryKey(id), GenerationKey(id), HashKey(id)],
            [
                expectedGeneration.ToString(CultureInfo.InvariantCulture),
                IdentityRecordSerializer.SerializeToUtf8Bytes(record),
                ttl is { } t ? Milliseconds(t) : 0,
                id,
                record.IsTombstone ? "1" : "0",
            ],
            cancellationToken).ConfigureAwait(false);
        return (long)result != 0;
    }

    /// <inheritdoc />
    public async ValueTask WriteTombstoneAsync(string id, TimeSpan ttl, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(id);
        var tombstone = IdentityRecord.CreateTombstone(_time.GetUtcNow());
        await Eval(
            RedisIdentityScripts.Tombstone,
            [EntryKey(id), GenerationKey(id), HashKey(id)],
            [IdentityRecordSerializer.SerializeToUtf8Bytes(tombstone), Milliseconds(ttl), id],
            cancellationToken).ConfigureAwait(false);
    }

    /// <inheritdoc />
    public async ValueTask<int> CountByPrefixAsync(string hashPrefix, int limit, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(hashPrefix);
        var result = await Eval(RedisIdentityScripts.Count, [HashKeyOf(hashPrefix)], [Math.Max(0, limit)], cancellationToken).ConfigureAwait(false);
        return (int)result;
    }

    /// <inheritdoc />
    public async ValueTask<bool> DeleteAsync(string id, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(id);
        var result = await Eval(RedisIdentityScripts.Delete, [EntryKey(id), HashKey(id)], [id], cancellationToken).ConfigureAwait(false);
        return (long)result > 0;
    }

    /// <summary>Completes when the server answers a PING (the readiness check).</summary>
    public Task PingAsync(CancellationToken cancellationToken) => _db.PingAsync().WaitAsync(cancellationToken);

    /// <inheritdoc />
    public async ValueTask DisposeAsync()
    {
        if (_ownsConnection)
        {
            await _connection.DisposeAsync().ConfigureAwait(false);
        }
    }

    // The ID's hash sits in a {hash tag}, so an entry, its generation counter and its index share one cluster slot
    // and each script touches a single slot.
    internal RedisKey EntryKey(string id)
    {
        var hash = IdentityStoreLimits.HashPart(id);
        return _keyPrefix + "ec:{" + hash + "}" + id[hash.Length..];
    }

    private RedisKey GenerationKey(string id) => _keyPrefix + "ec-gen:{" + IdentityStoreLimits.HashPart(id) + "}";

    private RedisKey HashKey(string id) => HashKeyOf(IdentityStoreLimits.HashPart(id));

    private RedisKey HashKeyOf(string hash) => _keyPrefix + "ec-hash:{" + hash + "}";

    private static long Milliseconds(TimeSpan ttl)
    {
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(ttl, TimeSpan.Zero);
        return Math.Max(1, (long)ttl.TotalMilliseconds);
    }

    private Task<RedisResult> Eval(string script, RedisKey[] keys, RedisValue[] values, CancellationToken cancellationToken) =>
        Run(_db.ScriptEvaluateAsync(script, keys, values), cancellationToken);

    // The client has no per-call cancellation; a cancelled caller stops waiting while the command completes.
    private static async Task<T> Run<T>(Task<T> operation, CancellationToken cancellationToken)
    {
        try
        {
            return await operation.WaitAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is RedisException or TimeoutException)
        {
            throw new IdentityStoreException("identity store (redis) unavailable: " + ex.GetType().Name, ex);
        }
    }
}
