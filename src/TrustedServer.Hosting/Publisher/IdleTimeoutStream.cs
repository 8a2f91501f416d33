using TrustedServer.Core.IO;

namespace TrustedServer.Hosting.Publisher;

/// <summary>
/// Wraps the origin body so each read must complete within the between-bytes timeout; a client that goes away
/// (<paramref name="aborted"/>) cancels the read at once.
/// </summary>
internal sealed class IdleTimeoutStream(Stream inner, TimeSpan idle, CancellationToken aborted) : ReadOnlyStream
{
    private readonly CancellationTokenSource _timer = CancellationTokenSource.CreateLinkedTokenSource(aborted);

    public override async ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default)
    {
        _timer.CancelAfter(idle);
        try
        {
            return await inner.ReadAsync(buffer, _timer.Token);
        }
        catch (OperationCanceledException) when (!aborted.IsCancellationRequested && _timer.IsCancellationRequested)
        {
            throw new TimeoutException("the origin sent nothing within the between-bytes timeout");
        }
        finally
        {
            if (!_timer.IsCancellationRequested)
            {
                _timer.CancelAfter(Timeout.InfiniteTimeSpan);
            }
        }
    }

    public override int Read(byte[] buffer, int offset, int count) => throw new NotSupportedException();

    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            _timer.Dispose();
            inner.Dispose();
        }

        base.Dispose(disposing);
    }
}
