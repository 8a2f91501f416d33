namespace TrustedServer.Privacy.EdgeCookie.Storage;

/// <summary>
/// The Edge Cookie identity graph: one record per full EC ID, with a generation number for compare-and-swap
/// and a TTL per entry. Expired entries are invisible. Backend failures throw <see cref="IdentityStoreException"/>.
/// </summary>
public interface IIdentityStore : IAsyncDisposable
{
    /// <summary>Reads an entry; <see langword="null"/> when absent or expired.</summary>
    /// <exception cref="IdentityStoreException">Unreachable, or the stored value is unreadable or of another schema version.</exception>
    ValueTask<StoredIdentity?> GetAsync(string id, CancellationToken cancellationToken = default);

    /// <summary>Writes <paramref name="record"/> when no live entry exists (absent, expired or tombstone).</summary>
    /// <exception cref="IdentityStoreException">The store is unreachable or full.</exception>
    ValueTask<CreateOutcome> CreateOrReviveAsync(string id, IdentityRecord record, TimeSpan ttl, CancellationToken cancellationToken = default);

    /// <summary>
    /// Compare-and-swap: replaces the entry only when its generation still equals <paramref name="expectedGeneration"/>.
    /// A <see langword="null"/> <paramref name="ttl"/> keeps the entry's remaining lifetime.
    /// </summary>
    /// <returns><see langword="false"/> when the entry changed, expired or vanished since it was read.</returns>
    /// <exception cref="IdentityStoreException">The store is unreachable.</exception>
    ValueTask<bool> TryUpdateAsync(string id, long expectedGeneration, IdentityRecord record, TimeSpan? ttl, CancellationToken cancellationToken = default);

    /// <summary>Unconditionally replaces the entry with a withdrawal tombstone (no partner IDs) living <paramref name="ttl"/>.</summary>
    /// <exception cref="IdentityStoreException">The store is unreachable.</exception>
    ValueTask WriteTombstoneAsync(string id, TimeSpan ttl, CancellationToken cancellationToken = default);

    /// <summary>
    /// Counts unexpired entries (tombstones included) whose hash part (before the '.') equals <paramref name="hashPrefix"/>,
    /// stopping at <paramref name="limit"/>.
    /// </summary>
    /// <exception cref="IdentityStoreException">The store is unreachable.</exception>
    ValueTask<int> CountByPrefixAsync(string hashPrefix, int limit, CancellationToken cancellationToken = default);

    /// <summary>Removes an entry; <see langword="false"/> when there was none.</summary>
    /// <exception cref="IdentityStoreException">The store is unreachable.</exception>
    ValueTask<bool> DeleteAsync(string id, CancellationToken cancellationToken = default);
}
