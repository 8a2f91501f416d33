namespace TrustedServer.Hosting.Proxy;

/// <summary>
/// Bounds the wait for the origin's response headers. Linked into YARP's request token; disarmed once the headers
/// arrive, so it never cuts a body short (body reads have their own between-bytes timeout).
/// </summary>
internal sealed class FirstByteTimer(TimeSpan timeout) : IDisposable
{
    private readonly CancellationTokenSource _source = new(timeout);
    private bool _disarmed;

    public CancellationToken Token => _source.Token;

    /// <summary>True when the timer fired before the headers arrived.</summary>
    public bool Fired => !_disarmed && _source.IsCancellationRequested;

    public void Disarm()
    {
        if (!_source.IsCancellationRequested)
        {
            _source.CancelAfter(Timeout.InfiniteTimeSpan);
            _disarmed = true;
        }
    }

    public void Dispose() => _source.Dispose();
}
