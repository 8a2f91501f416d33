namespace TrustedServer.Privacy.EdgeCookie.Storage;

/// <summary>Settings of the in-process stores (in-memory and file).</summary>
public sealed record IdentityStoreOptions
{
    /// <summary>Entry count above which expired entries are purged and then the soonest-expiring tenth evicted.</summary>
    public int MaxEntries { get; init; } = 100_000;

    /// <summary>How often expired entries are purged in the background.</summary>
    public TimeSpan PurgeInterval { get; init; } = TimeSpan.FromMinutes(1);

    /// <summary>File store: how long after a change the file is rewritten (changes in between are batched).</summary>
    public TimeSpan FlushInterval { get; init; } = TimeSpan.FromSeconds(1);

    /// <summary>File store: called when a rewrite fails; the rewrite is retried on the next tick.</summary>
    public Action<Exception>? OnFlushError { get; init; }
}
