using TrustedServer.Core.RequestSigning;

namespace TrustedServer.Core.Tests.RequestSigning;

/// <summary>A non-atomic in-memory store that fails the write of a chosen entry (or the Nth write) on demand.</summary>
internal sealed class FailingKeyStore() : InMemoryKeyStore(atomic: false)
{
    private int _writes;

    /// <summary>Fails every write whose entry name starts with this.</summary>
    public string? FailWritesOf { get; set; }

    /// <summary>Fails the writes with these 1-based numbers, counted from the last <see cref="ResetCount"/>.</summary>
    public HashSet<int> FailWriteNumbers { get; } = [];

    public List<string> Log { get; } = [];

    public void ResetCount() => _writes = 0;

    public override ValueTask ApplyAsync(IReadOnlyList<KeyStoreWrite> writes, long? expectedRevision, CancellationToken cancellationToken = default)
    {
        foreach (var write in writes)
        {
            _writes++;
            if ((FailWritesOf is { } prefix && write.Name.StartsWith(prefix, StringComparison.Ordinal)) || FailWriteNumbers.Contains(_writes))
            {
                Log.Add("failed " + write);
                throw new KeyStoreException("injected failure");
            }
        }

        Log.AddRange(writes.Select(w => w.ToString()));
        return base.ApplyAsync(writes, expectedRevision, cancellationToken);
    }
}
