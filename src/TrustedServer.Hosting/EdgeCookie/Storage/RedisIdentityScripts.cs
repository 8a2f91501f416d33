namespace TrustedServer.Hosting.EdgeCookie.Storage;

/// <summary>
/// Lua scripts that make each identity-store write atomic on the Redis server. An entry is a hash
/// (<c>v</c> JSON, <c>g</c> generation, <c>t</c> "1" for a tombstone). Generations come from a counter per ID hash,
/// so a deleted and recreated key never reuses an old generation; a sorted set per ID hash, scored by expiry, answers
/// cluster-size counts without SCAN. Counter and set live at least as long as the longest-lived entry they serve.
/// </summary>
internal static class RedisIdentityScripts
{
    // KEYS: entry, generation counter, hash index. Every writer ends by indexing the ID until its expiry.
    private const string Index = """
        local function index(id, ttl)
          local t = redis.call('TIME')
          local now = tonumber(t[1]) * 1000 + math.floor(tonumber(t[2]) / 1000)
          redis.call('ZADD', KEYS[3], now + ttl, id)
          if redis.call('PTTL', KEYS[3]) < ttl then redis.call('PEXPIRE', KEYS[3], ttl) end
          if redis.call('PTTL', KEYS[2]) < ttl then redis.call('PEXPIRE', KEYS[2], ttl) end
        end

        """;

    /// <summary>ARGV: json, ttl ms, id. Returns 0 when a live entry exists, 1 created, 2 revived a tombstone.</summary>
    public const string CreateOrRevive = Index + """
        local t = redis.call('HGET', KEYS[1], 't')
        if t == '0' then return 0 end
        local g = redis.call('INCR', KEYS[2])
        redis.call('DEL', KEYS[1])
        redis.call('HSET', KEYS[1], 'v', ARGV[1], 'g', g, 't', '0')
        redis.call('PEXPIRE', KEYS[1], ARGV[2])
        index(ARGV[3], tonumber(ARGV[2]))
        if t then return 2 end
        return 1
        """;

    /// <summary>ARGV: expected generation, json, ttl ms (0 keeps the TTL), id, tombstone flag. Returns the new generation or 0.</summary>
    public const string CompareAndSwap = Index + """
        local g = redis.call('HGET', KEYS[1], 'g')
        if (not g) or g ~= ARGV[1] then return 0 end
        local ng = redis.call('INCR', KEYS[2])
        redis.call('HSET', KEYS[1], 'v', ARGV[2], 'g', ng, 't', ARGV[5])
        local ttl = tonumber(ARGV[3])
        if ttl > 0 then
          redis.call('PEXPIRE', KEYS[1], ttl)
          index(ARGV[4], ttl)
        end
        return ng
        """;

    /// <summary>ARGV: json, ttl ms, id. Unconditionally replaces the entry with a tombstone.</summary>
    public const string Tombstone = Index + """
        local g = redis.call('INCR', KEYS[2])
        redis.call('DEL', KEYS[1])
        redis.call('HSET', KEYS[1], 'v', ARGV[1], 'g', g, 't', '1')
        redis.call('PEXPIRE', KEYS[1], ARGV[2])
        index(ARGV[3], tonumber(ARGV[2]))
        return g
        """;

    /// <summary>KEYS: entry, hash index. ARGV: id. Returns the number of entries removed.</summary>
    public const string Delete = """
        local n = redis.call('DEL', KEYS[1])
        redis.call('ZREM', KEYS[2], ARGV[1])
        return n
        """;

    /// <summary>KEYS: hash index. ARGV: limit. Drops expired members, then counts up to the limit.</summary>
    public const string Count = """
        local t = redis.call('TIME')
        local now = tonumber(t[1]) * 1000 + math.floor(tonumber(t[2]) / 1000)
        redis.call('ZREMRANGEBYSCORE', KEYS[1], '-inf', now)
        return math.min(redis.call('ZCARD', KEYS[1]), tonumber(ARGV[1]))
        """;
}
