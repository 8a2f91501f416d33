using System.Collections.Concurrent;

namespace TrustedServer.Privacy.EdgeCookie.Storage;

/// <summary>
/// The default identity store: process memory, lock-free compare-and-swap on entry identity, TTLs read from a
/// <see cref="TimeProvider"/>. Expired entries are invisible at once and purged lazily and on a timer. Bounded by
/// <see cref="IdentityStoreOptions.MaxEntries"/>: when full, the soonest-expiring entries make room.
/// </summary>
public sealed class InMemoryIdentityStore : IIdentityStore
{
    private readonly ConcurrentDictionary<string, IdentityEntry> _entries = new(StringComparer.Ordinal);
    private readonly Dictionary<string, HashSet<string>> _idsByHash = new(StringComparer.Ordinal);
    private readonly Lock _indexLock = new();
    private readonly Lock _evictionLock = new();
    private readonly TimeProvider _time;
    private readonly int _maxEntries;
    private readonly ITimer _purgeTimer;
    private readonly Action? _onChanged;
    private long _generation;

    /// <summary>Creates an empty store.</summary>
    public InMemoryIdentityStore(TimeProvider timeProvider, IdentityStoreOptions? options = null)
        : this(timeProvider, options, onChanged: null)
    {
    }

    internal InMemoryIdentityStore(TimeProvider timeProvider, IdentityStoreOptions? options, Action? onChanged)
    {
        ArgumentNullException.ThrowIfNull(timeProvider);
        options ??= new IdentityStoreOptions();
        ArgumentOutOfRangeException.ThrowIfLessThan(options.MaxEntries, 1);
        _time = timeProvider;
        _maxEntries = options.MaxEntries;
        _onChanged = onChanged;
        _purgeTimer = timeProvider.CreateTimer(_ => PurgeExpired(), null, options.PurgeInterval, options.PurgeInterval);
    }

    /// <summary>Entries held, including expired ones not yet purged.</summary>
    public int Count => _entries.Count;

    /// <inheritdoc />
    public ValueTask<StoredIdentity?> GetAsync(string id, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(id);
        return ValueTask.FromResult(TryGetLive(id, _time.GetUtcNow(), out var entry)
            ? new StoredIdentity(entry.Record, entry.Generation)
            : null);
    }

    /// <inheritdoc />
    public ValueTask<CreateOutcome> CreateOrReviveAsync(string id, IdentityRecord record, TimeSpan ttl, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(id);
        ArgumentNullException.ThrowIfNull(record);
        while (true)
        {
            var now = _time.GetUtcNow();
            if (_entries.TryGetValue(id, out var existing))
            {
                var expired = existing.IsExpired(now);
                if (!expired && !existing.Record.IsTombstone)
                {
                    return ValueTask.FromResult(CreateOutcome.AlreadyExists);
                }

                if (_entries.TryUpdate(id, new IdentityEntry(record, NextGeneration(), now + ttl), existing))
                {
                    Written(id);
                    return ValueTask.FromResult(expired ? CreateOutcome.Created : CreateOutcome.Revived);
                }

                continue;
            }

            EnsureCapacity();
            if (_entries.TryAdd(id, new IdentityEntry(record, NextGeneration(), now + ttl)))
            {
                Written(id);
                return ValueTask.FromResult(CreateOutcome.Created);
            }
        }
    }

    /// <inheritdoc />
    public ValueTask<bool> TryUpdateAsync(string id, long expectedGeneration, IdentityRecord record, TimeSpan? ttl, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(id);
        ArgumentNullException.ThrowIfNull(record);
        var now = _time.GetUtcNow();
        if (!TryGetLive(id, now, out var existing) || existing.Generation != expectedGeneration)
        {
            return ValueTask.FromResult(false);
        }

        var next = new IdentityEntry(record, NextGeneration(), ttl is { } t ? now + t : existing.ExpiresAt);
        if (!_entries.TryUpdate(id, next, existing))
        {
            return ValueTask.FromResult(false);
        }

        Written(id);
        return ValueTask.FromResult(true);
    }

    /// <inheritdoc />
    public ValueTask WriteTombstoneAsync(string id, TimeSpan ttl, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(id);
        var now = _time.GetUtcNow();
        var tombstone = new IdentityEntry(IdentityRecord.CreateTombstone(now), NextGeneration(), now + ttl);
        _entries.AddOrUpdate(id, tombstone, (_, _) => tombstone);
        Written(id);
        EnsureCapacity();
        return ValueTask.CompletedTask;
    }

    /// <inheritdoc />
    public ValueTask<int> CountByPrefixAsync(string hashPrefix, int limit, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(hashPrefix);
        var now = _time.GetUtcNow();
        var count = 0;
        lock (_indexLock)
        {
            if (_idsByHash.TryGetValue(hashPrefix, out var ids))
            {
                foreach (var id in ids)
                {
                    if (count >= limit)
                    {
                        break;
                    }

                    if (_entries.TryGetValue(id, out var entry) && !entry.IsExpired(now))
                    {
                        count++;
                    }
                }
            }
        }

        return ValueTask.FromResult(count);
    }

    /// <inheritdoc />
    public ValueTask<bool> DeleteAsync(string id, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(id);
        if (!_entries.TryRemove(id, out var removed))
        {
            return ValueTask.FromResult(false);
        }

        Unindex(id);
        _onChanged?.Invoke();
        return ValueTask.FromResult(!removed.IsExpired(_time.GetUtcNow()));
    }

    /// <inheritdoc />
    public ValueTask DisposeAsync()
    {
        _purgeTimer.Dispose();
        return ValueTask.CompletedTask;
    }

    /// <summary>Removes every expired entry now.</summary>
    public void PurgeExpired()
    {
        var now = _time.GetUtcNow();
        foreach (var pair in _entries)
        {
            if (pair.Value.IsExpired(now))
            {
                Remove(pair);
            }
        }
    }

    internal IEnumerable<KeyValuePair<string, IdentityEntry>> Snapshot() => _entries;

    /// <summary>Restores an entry read back from persistence, keeping its generation.</summary>
    internal void Restore(string id, IdentityEntry entry)
    {
        _entries[id] = entry;
        Index(id);
        long seen;
        while (entry.Generation > (seen = Interlocked.Read(ref _generation)))
        {
            Interlocked.CompareExchange(ref _generation, entry.Generation, seen);
        }
    }

    private long NextGeneration() => Interlocked.Increment(ref _generation);

    private bool TryGetLive(string id, DateTimeOffset now, out IdentityEntry entry)
    {
        if (_entries.TryGetValue(id, out entry!))
        {
            if (!entry.IsExpired(now))
            {
                return true;
            }

            Remove(new KeyValuePair<string, IdentityEntry>(id, entry));
        }

        return false;
    }

    private void Written(string id)
    {
        Index(id);
        _onChanged?.Invoke();
    }

    private void Remove(KeyValuePair<string, IdentityEntry> pair)
    {
        // Removes only this exact entry, so a concurrent rewrite of the same key survives.
        if (_entries.TryRemove(pair))
        {
            Unindex(pair.Key);
        }
    }

    private void Index(string id)
    {
        var hash = IdentityStoreLimits.HashPart(id);
        lock (_indexLock)
        {
            if (!_idsByHash.TryGetValue(hash, out var ids))
            {
                _idsByHash[hash] = ids = new HashSet<string>(StringComparer.Ordinal);
            }

            ids.Add(id);
        }
    }

    private void Unindex(string id)
    {
        var hash = IdentityStoreLimits.HashPart(id);
        lock (_indexLock)
        {
            // A writer may have re-added the key since it was removed; keep it indexed then.
            if (!_entries.ContainsKey(id) && _idsByHash.TryGetValue(hash, out var ids) && ids.Remove(id) && ids.Count == 0)
            {
                _idsByHash.Remove(hash);
            }
        }
    }

    private void EnsureCapacity()
    {
        if (_entries.Count < _maxEntries)
        {
            return;
        }

        lock (_evictionLock)
        {
            if (_entries.Count < _maxEntries)
            {
                return;
            }

            PurgeExpired();
            var excess = _entries.Count - _maxEntries + 1;
            if (excess <= 0)
            {
                return;
            }

            // Evicting a tenth at once keeps the sort off the path of every single insert.
            var batch = Math.Max(excess, _maxEntries / 10);
            foreach (var pair in _entries.OrderBy(p => p.Value.ExpiresAt).Take(batch).ToList())
            {
                Remove(pair);
            }

            _onChanged?.Invoke();
        }
    }
}
