using TrustedServer.Hosting.Tests.Infrastructure;

namespace TrustedServer.Hosting.Tests.Integrations.NextJs;

/// <summary>One <c>next start</c> shared by a test class, started on first use (so a missing build skips the test).</summary>
public sealed class NextJsOriginFixture : IAsyncDisposable
{
    private readonly SemaphoreSlim _gate = new(1, 1);
    private NextJsOrigin? _origin;

    internal async Task<NextJsOrigin> GetAsync()
    {
        await _gate.WaitAsync(TestContext.Current.CancellationToken);
        try
        {
            return _origin ??= await NextJsOrigin.StartAsync(TestContext.Current.CancellationToken);
        }
        finally
        {
            _gate.Release();
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (_origin is not null)
        {
            await _origin.DisposeAsync();
        }

        _gate.Dispose();
    }
}
