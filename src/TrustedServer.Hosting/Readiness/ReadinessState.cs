namespace TrustedServer.Hosting.Readiness;

/// <summary>
/// Where the app is in its life: ready for traffic only between the host's start (configuration bound, every startup
/// service such as the signing key ring loaded) and the moment shutdown begins.
/// </summary>
internal sealed class ReadinessState
{
    private volatile bool _started;
    private volatile bool _stopping;

    public ReadinessState(IHostApplicationLifetime lifetime)
    {
        ArgumentNullException.ThrowIfNull(lifetime);
        lifetime.ApplicationStarted.Register(() => _started = true);
        lifetime.ApplicationStopping.Register(() => _stopping = true);
    }

    /// <summary>Null while the app may take traffic, otherwise why not (<c>starting</c> or <c>stopping</c>).</summary>
    public string? Phase => _stopping ? "stopping" : _started ? null : "starting";
}
