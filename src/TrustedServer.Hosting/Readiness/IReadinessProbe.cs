namespace TrustedServer.Hosting.Readiness;

/// <summary>
/// Something the server needs before it can take traffic (a shared store). <c>GET /_ts/ready</c> answers 503 while any
/// registered probe fails; register more as singletons of this interface.
/// </summary>
public interface IReadinessProbe
{
    /// <summary>The name shown in the readiness answer (e.g. <c>ec_store</c>).</summary>
    string Name { get; }

    /// <summary>Completes when the dependency answers; throws (or is cancelled at the deadline) when it does not.</summary>
    Task CheckAsync(CancellationToken cancellationToken);
}
