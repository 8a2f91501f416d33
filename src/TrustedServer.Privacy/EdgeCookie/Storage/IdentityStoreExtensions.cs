namespace TrustedServer.Privacy.EdgeCookie.Storage;

/// <summary>Read-modify-write over the compare-and-swap primitive, shared by every store.</summary>
public static class IdentityStoreExtensions
{
    /// <summary>
    /// Reads the entry, applies <paramref name="mutate"/> and writes the result with compare-and-swap, re-reading and
    /// re-applying after each conflict (up to <paramref name="maxRetries"/> retries, with a short jittered pause so
    /// contending writers spread out). Tombstones and missing entries are never written. <paramref name="mutate"/>
    /// returns <see langword="null"/> or its argument to mean "no change", which writes nothing; it may run more than once.
    /// </summary>
    /// <param name="store">The store.</param>
    /// <param name="id">The full EC ID.</param>
    /// <param name="mutate">Pure function from the current record to the new one.</param>
    /// <param name="ttl">New TTL for the written entry; <see langword="null"/> keeps the remaining lifetime.</param>
    /// <param name="maxRetries">Retries after the first attempt.</param>
    /// <param name="cancellationToken">Cancels the operation.</param>
    public static async ValueTask<IdentityUpdateOutcome> UpdateWithRetryAsync(
        this IIdentityStore store,
        string id,
        Func<IdentityRecord, IdentityRecord?> mutate,
        TimeSpan? ttl = null,
        int maxRetries = IdentityStoreLimits.MaxCasRetries,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(store);
        ArgumentNullException.ThrowIfNull(mutate);
        ArgumentOutOfRangeException.ThrowIfNegative(maxRetries);

        for (var attempt = 0; attempt <= maxRetries; attempt++)
        {
            if (attempt > 0)
            {
                // Jitter breaks the lockstep in which every contender re-reads and collides again.
                await Task.Delay(TimeSpan.FromMilliseconds(Random.Shared.Next(1, 2 << attempt)), cancellationToken)
                    .ConfigureAwait(false);
            }

            try
            {
                var current = await store.GetAsync(id, cancellationToken).ConfigureAwait(false);
                if (current is null)
                {
                    return IdentityUpdateOutcome.Missing;
                }

                if (current.Record.IsTombstone)
                {
                    return IdentityUpdateOutcome.Tombstoned;
                }

                var next = mutate(current.Record);
                if (next is null || ReferenceEquals(next, current.Record))
                {
                    return IdentityUpdateOutcome.Unchanged;
                }

                if (await store.TryUpdateAsync(id, current.Generation, next, ttl, cancellationToken).ConfigureAwait(false))
                {
                    return IdentityUpdateOutcome.Updated;
                }
            }
            catch (IdentityStoreException)
            {
                return IdentityUpdateOutcome.Unavailable;
            }
        }

        return IdentityUpdateOutcome.Conflict;
    }
}
