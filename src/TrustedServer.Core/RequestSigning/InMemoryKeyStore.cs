namespace TrustedServer.Core.RequestSigning;

/// <summary>A key store in process memory, for one instance without persistence and for tests.</summary>
public class InMemoryKeyStore : IKeyStore
{
    private readonly Lock _gate = new();
    private Dictionary<string, string> _entries = new(StringComparer.Ordinal);
    private long _revision;

    /// <summary>Creates an empty store; <paramref name="atomic"/> says whether batches are applied all or nothing.</summary>
    public InMemoryKeyStore(bool atomic = true) => AppliesBatchesAtomically = atomic;

    /// <inheritdoc />
    public bool AppliesBatchesAtomically { get; }

    /// <inheritdoc />
    public virtual ValueTask<KeyStoreContents> ReadAsync(CancellationToken cancellationToken = default)
    {
        lock (_gate)
        {
            return ValueTask.FromResult(new KeyStoreContents(_revision, new Dictionary<string, string>(_entries, StringComparer.Ordinal)));
        }
    }

    /// <inheritdoc />
    public virtual ValueTask ApplyAsync(IReadOnlyList<KeyStoreWrite> writes, long? expectedRevision, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(writes);
        lock (_gate)
        {
            if (expectedRevision is { } expected && expected != _revision)
            {
                throw new KeyStoreConflictException();
            }

            var next = new Dictionary<string, string>(_entries, StringComparer.Ordinal);
            foreach (var write in writes)
            {
                if (write.Value is null)
                {
                    next.Remove(write.Name);
                }
                else
                {
                    next[write.Name] = write.Value;
                }
            }

            _entries = next;
            _revision++;
        }

        return ValueTask.CompletedTask;
    }

    /// <inheritdoc />
    public ValueTask DisposeAsync()
    {
        GC.SuppressFinalize(this);
        return ValueTask.CompletedTask;
    }
}
