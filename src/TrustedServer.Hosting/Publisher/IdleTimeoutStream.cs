namespace TrustedServer.Hosting.Publisher;

/// <summary>
/// Wraps the origin body so each read must complete within the between-bytes timeout; a client that goes away
/// (<paramref name="aborted"/>) cancels the read at once.
/// </summary>
internal sealed class IdleTimeoutStream(Stream inner, TimeSpan idle, CancellationToken aborted) : Stream
{
    private readonly CancellationTokenSource _timer = CancellationTokenSource.CreateLinkedTokenSource(aborted);

    public override bool CanRead => true;

    public override bool CanSeek => false;

    public override bool CanWrite => false;

    public override long Length => throw new NotSupportedException();

    public override long Position
    {
        get => throw new NotSupportedException();
        set => throw new NotSupportedException();
    }

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

    public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
        ReadAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();

    public override int Read(byte[] buffer, int offset, int count) => throw new NotSupportedException();

    public override void Flush()
    {
    }

    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

    public override void SetLength(long value) => throw new NotSupportedException();

    public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();

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
