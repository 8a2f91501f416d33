namespace TrustedServer.Hosting.Reload;

/// <summary>
/// A generation's host lifetime: it waits for no console signal. The listener's host owns SIGTERM and Ctrl+C and
/// tells the current generation when shutdown begins.
/// </summary>
internal sealed class GenerationLifetime : IHostLifetime
{
    public Task WaitForStartAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
