using StackExchange.Redis;
using TrustedServer.Core.RequestSigning;

namespace TrustedServer.Hosting.RequestSigning;

/// <summary>
/// The key store shared by several instances: the entries in one Redis hash (<c>&lt;prefix&gt;entries</c>) and the
/// revision beside it (<c>&lt;prefix&gt;revision</c>). Reads and batches are each one Lua script, so a rotation is applied
/// all or nothing and a concurrent rotation on another instance is refused instead of interleaved.
/// </summary>
public sealed class RedisKeyStore : IKeyStore
{
    // KEYS: entries hash, revision. ARGV: expected revision ('' = any), then (op, name, value) triples.
    private const string ApplyScript = """
        local current = tonumber(redis.call('GET', KEYS[2]) or '0')
        if ARGV[1] ~= '' and tonumber(ARGV[1]) ~= current then
          return -1
        end
        for i = 2, #ARGV, 3 do
          if ARGV[i] == 's' then
            redis.call('HSET', KEYS[1], ARGV[i + 1], ARGV[i + 2])
          else
            redis.call('HDEL', KEYS[1], ARGV[i + 1])
          end
        end
        return redis.call('INCR', KEYS[2])
        """;

    private const string ReadScript = """
        return { redis.call('GET', KEYS[2]) or '0', redis.call('HGETALL', KEYS[1]) }
        """;

    private readonly IConnectionMultiplexer _connection;
    private readonly IDatabase _db;
    private readonly RedisKey[] _keys;
    private readonly bool _ownsConnection;

    /// <summary>Creates a store over <paramref name="connection"/> with keys under <paramref name="keyPrefix"/>.</summary>
    public RedisKeyStore(IConnectionMultiplexer connection, string keyPrefix = "ts:signing:", bool ownsConnection = false)
    {
        ArgumentNullException.ThrowIfNull(connection);
        ArgumentNullException.ThrowIfNull(keyPrefix);
        _connection = connection;
        _db = connection.GetDatabase();

        // One {hash tag} puts both keys in one cluster slot, as a script touching two keys needs.
        var tag = "{" + keyPrefix + "}";
        _keys = [tag + "entries", tag + "revision"];
        _ownsConnection = ownsConnection;
    }

    /// <inheritdoc />
    public bool AppliesBatchesAtomically => true;

    /// <inheritdoc />
    public async ValueTask<KeyStoreContents> ReadAsync(CancellationToken cancellationToken = default)
    {
        var result = await Run(_db.ScriptEvaluateAsync(ReadScript, _keys), cancellationToken).ConfigureAwait(false);
        var parts = (RedisResult[])result!;
        var revision = long.Parse((string)parts[0]!, System.Globalization.CultureInfo.InvariantCulture);
        var flat = (RedisResult[])parts[1]!;
        var entries = new Dictionary<string, string>(flat.Length / 2, StringComparer.Ordinal);
        for (var i = 0; i + 1 < flat.Length; i += 2)
        {
            entries[(string)flat[i]!] = (string)flat[i + 1]!;
        }

        return new KeyStoreContents(revision, entries);
    }

    /// <inheritdoc />
    public async ValueTask ApplyAsync(IReadOnlyList<KeyStoreWrite> writes, long? expectedRevision, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(writes);
        var args = new RedisValue[1 + (writes.Count * 3)];
        args[0] = expectedRevision is { } expected ? expected : RedisValue.EmptyString;
        for (var i = 0; i < writes.Count; i++)
        {
            args[1 + (i * 3)] = writes[i].Value is null ? "d" : "s";
            args[2 + (i * 3)] = writes[i].Name;
            args[3 + (i * 3)] = writes[i].Value ?? RedisValue.EmptyString;
        }

        var result = (long)(await Run(_db.ScriptEvaluateAsync(ApplyScript, _keys, args), cancellationToken).ConfigureAwait(false));
        if (result < 0)
        {
            throw new KeyStoreConflictException();
        }
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

    // The client has no per-call cancellation; a cancelled caller stops waiting while the command completes.
    private static async Task<T> Run<T>(Task<T> operation, CancellationToken cancellationToken)
    {
        try
        {
            return await operation.WaitAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is RedisException or TimeoutException)
        {
            throw new KeyStoreException("key store (redis) unavailable: " + ex.GetType().Name, ex);
        }
    }
}
