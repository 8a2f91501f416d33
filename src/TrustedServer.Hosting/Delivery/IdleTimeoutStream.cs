using TrustedServer.Core.IO;

namespace TrustedServer.Hosting.Delivery;

/// <summary>
/// Wraps the origin body so each read must complete within the between-bytes timeout; a client that goes away
/// (<paramref name="aborted"/>) cancels the read at once.
/// </summary>
internal sealed class IdleTimeoutStream(Stream inner, TimeSpan idle, CancellationToken aborted) : ReadOnlyStream
{
    private readonly CancellationTokenSource _timer = CancellationTokenSource.CreateLinkedTokenSource(aborted);

    public override ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default)
    {
        // Bytes already buffered need no timer: arming it only for reads that wait keeps the per-read cost at zero
        // while the origin keeps up. Arming after the read started is enough, the token is observed until it ends.
        var read = inner.ReadAsync(buffer, _timer.Token);
        return read.IsCompletedSuccessfully ? read : WaitAsync(read);
    }

    private async ValueTask<int> WaitAsync(ValueTask<int> read)
    {
        _timer.CancelAfter(idle);
        try
        {
            return await read;
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
