using TrustedServer.Core.Configuration;

namespace TrustedServer.Hosting.Reload;

/// <summary>
/// One configuration's app: its own service provider and request pipeline, built from one options object. Counted
/// references keep it alive: one while it is current, one per request that started on it. It is stopped and disposed
/// only after it stopped being current and its last request finished, so a response in flight never loses its services.
/// </summary>
internal sealed class Generation : IAsyncDisposable
{
    private readonly TaskCompletionSource _drained = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly IReadOnlyList<StoreLease> _leases;
    private int _references = 1;
    private int _disposed;

    public Generation(int number, TrustedServerOptions options, WebApplication app, IGenerationApplication application, IReadOnlyList<StoreLease> leases)
    {
        Number = number;
        Options = options;
        App = app;
        Application = application;
        _leases = leases;
    }

    public int Number { get; }

    public TrustedServerOptions Options { get; }

    public WebApplication App { get; }

    public IGenerationApplication Application { get; }

    /// <summary>Requests running on this generation (its own reference while current not counted).</summary>
    public int RequestsInFlight => Math.Max(0, Volatile.Read(ref _references) - 1);

    /// <summary>Completes once every reference is released: it is no longer current and no request runs on it.</summary>
    public Task Drained => _drained.Task;

    /// <summary>Takes a reference for a request, unless the generation has already drained.</summary>
    public bool TryAcquire()
    {
        var seen = Volatile.Read(ref _references);
        while (seen > 0)
        {
            var previous = Interlocked.CompareExchange(ref _references, seen + 1, seen);
            if (previous == seen)
            {
                return true;
            }

            seen = previous;
        }

        return false;
    }

    public void Release()
    {
        if (Interlocked.Decrement(ref _references) == 0)
        {
            _drained.TrySetResult();
        }
    }

    /// <summary>Stops the generation's host (hosted services, readiness) and disposes its services and store leases.</summary>
    public async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref _disposed, 1) == 1)
        {
            return;
        }

        try
        {
            await App.StopAsync(CancellationToken.None);
        }
        finally
        {
            await App.DisposeAsync();
            foreach (var lease in _leases)
            {
                await lease.DisposeAsync();
            }
        }
    }
}
