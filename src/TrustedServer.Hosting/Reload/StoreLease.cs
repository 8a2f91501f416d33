namespace TrustedServer.Hosting.Reload;

/// <summary>A generation's hold on a store shared with other generations; the last one released disposes the store.</summary>
internal sealed class StoreLease(SharedStores owner, string key, object store) : IAsyncDisposable
{
    private int _released;

    public object Store { get; } = store;

    public ValueTask DisposeAsync() =>
        Interlocked.Exchange(ref _released, 1) == 0 ? owner.ReleaseAsync(key) : ValueTask.CompletedTask;
}
