namespace TrustedServer.Hosting.Readiness;

/// <summary>A probe that pings one of the server's own stores.</summary>
internal sealed class StoreProbe(string name, Func<CancellationToken, Task> ping) : IReadinessProbe
{
    public string Name => name;

    public Task CheckAsync(CancellationToken cancellationToken) => ping(cancellationToken);
}
