namespace TrustedServer.Core.RequestSigning;

/// <summary>
/// Where signing keys live, shared by every instance: a flat map of named text entries (see
/// <see cref="KeyStoreEntries"/>) with a revision that grows with every write. Private keys arrive already sealed.
/// </summary>
public interface IKeyStore : IAsyncDisposable
{
    /// <summary>
    /// Whether <see cref="ApplyAsync"/> applies a batch all or nothing. When false, the rotation applies one write at a
    /// time and undoes earlier writes itself when a later one fails.
    /// </summary>
    bool AppliesBatchesAtomically { get; }

    /// <summary>Every entry and the current revision (0 for an empty store).</summary>
    /// <exception cref="KeyStoreException">The store could not be read.</exception>
    ValueTask<KeyStoreContents> ReadAsync(CancellationToken cancellationToken = default);

    /// <summary>
    /// Applies <paramref name="writes"/> in order. With <paramref name="expectedRevision"/>, refuses with
    /// <see cref="KeyStoreConflictException"/> when another writer got there first.
    /// </summary>
    /// <exception cref="KeyStoreException">The write failed; for an atomic store nothing was applied.</exception>
    ValueTask ApplyAsync(IReadOnlyList<KeyStoreWrite> writes, long? expectedRevision, CancellationToken cancellationToken = default);
}
